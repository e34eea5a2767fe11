import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {AddressIndex, EntryNumbers} from '../../../src/dhcp/server/address-index.js'
import {randomInt, seededRandom} from '../allocator/seeded-random.js'

describe('AddressIndex', () => {
  it('agrees with a Map over 200 000 random sets and deletes, through growth and colliding probe runs', () => {
    const index = new AddressIndex()
    const model = new Map<number, number>()
    const random = seededRandom(11)
    for (let step = 0; step < 200_000; step++) {
      // Addresses 4096 apart, some above 2^31, so probe runs collide and wrap.
      const address = (0xff_ff_f0_00 + randomInt(random, 0, 4999) * 4096) >>> 0
      if (randomInt(random, 0, 2) === 0) {
        index.delete(address)
        model.delete(address)
      } else {
        index.set(address, step)
        model.set(address, step)
      }
      if (step % 997 === 0) {
        for (const [known, value] of model) assert.equal(index.get(known), value)
        assert.equal(index.size, model.size)
      }
    }
    for (const known of [...model.keys()]) index.delete(known)
    assert.equal(index.size, 0)
    assert.equal(index.get(0xff_ff_f0_00), -1)
  })
})

describe('EntryNumbers', () => {
  it('hands back given numbers before new ones, so parallel arrays stay as long as the most live entries', () => {
    const entries = new EntryNumbers()
    const taken = Array.from({length: 200}, () => entries.take())
    assert.deepEqual(taken, Array.from({length: 200}, (_, i) => i))
    for (const entry of taken) entries.give(entry)
    const again = new Set(Array.from({length: 200}, () => entries.take()))
    assert.equal(again.size, 200)
    assert.equal(entries.capacity, 200)
    assert.equal(entries.take(), 200)
  })
})
