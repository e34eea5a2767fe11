import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {InFlightCommits} from '../../../src/dhcp/server/in-flight-commits.js'
import {randomInt, seededRandom} from '../allocator/seeded-random.js'

describe('InFlightCommits', () => {
  it('knows the client of an address until its last commit ends', () => {
    const commits = new InFlightCommits()
    commits.begin(0xc6_12_00_0a, 'a')
    commits.begin(0xc6_12_00_0a, 'a')
    assert.equal(commits.owner(0xc6_12_00_0a), 'a')
    commits.end(0xc6_12_00_0a)
    assert.equal(commits.owner(0xc6_12_00_0a), 'a', 'one commit is still in flight')
    commits.end(0xc6_12_00_0a)
    assert.equal(commits.owner(0xc6_12_00_0a), undefined)
    assert.equal(commits.size, 0)
  })

  it('agrees with a Map over 200 000 random begins and ends, through growth and colliding probe runs', () => {
    const commits = new InFlightCommits()
    const model = new Map<number, {client: string; count: number}>()
    const random = seededRandom(7)
    for (let step = 0; step < 200_000; step++) {
      // Few distinct addresses, some above 2^31, so probe runs collide and wrap.
      const address = (0xff_ff_f0_00 + randomInt(random, 0, 2999) * 4096) >>> 0
      const entry = model.get(address)
      if (entry !== undefined && randomInt(random, 0, 1) === 0) {
        commits.end(address)
        if (--entry.count === 0) model.delete(address)
      } else {
        const client = entry?.client ?? `c${step}`
        commits.begin(address, client)
        if (entry === undefined) model.set(address, {client, count: 1})
        else entry.count++
      }
      if (step % 997 === 0) {
        for (const [known, {client}] of model) assert.equal(commits.owner(known), client)
        assert.equal(commits.size, model.size)
      }
    }
    for (let i = 0; i < 3000; i++) {
      const address = (0xff_ff_f0_00 + i * 4096) >>> 0
      assert.equal(commits.owner(address), model.get(address)?.client, `address ${address}`)
    }
  })
})
