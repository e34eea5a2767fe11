import assert from 'node:assert/strict'
import {it} from 'node:test'

import {AddressQueue} from '../../../src/dhcp/allocator/address-queue.js'
import {randomInt, seededRandom} from './seeded-random.js'

it('AddressQueue is first-in first-out across growth, wrap-around and shrinking', () => {
  const random = seededRandom(7)
  const queue = new AddressQueue()
  const model: number[] = []
  for (let step = 0; step < 200_000; step++) {
    // Phases of mostly pushes then mostly shifts make the ring grow and shrink repeatedly.
    const pushBias = Math.floor(step / 20_000) % 2 === 0 ? 0.7 : 0.3
    if (random() < pushBias) {
      const a = randomInt(random, 0, 0xffffffff)
      queue.push(a)
      model.push(a)
    } else {
      assert.equal(queue.shift(), model.length > 0 ? model.shift() : -1, `step ${step}`)
    }
    assert.equal(queue.length, model.length)
  }
})
