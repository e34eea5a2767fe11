import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {LeaseExpiryQueue} from '../../../src/dhcp/server/lease-expiry-queue.js'
import {type Hold, OfferHolds} from '../../../src/dhcp/server/offer-holds.js'

describe('LeaseExpiryQueue', () => {
  it('gives back addresses in expiry order, only once they are due', () => {
    const queue = new LeaseExpiryQueue()
    const expiries = [50, 10, 40, 10, 30, 20, 60, 5]
    expiries.forEach((expiry, address) => queue.push(expiry, address))
    assert.equal(queue.popDue(4), -1)
    const due: number[] = []
    for (let address = queue.popDue(40); address !== -1; address = queue.popDue(40)) due.push(expiries[address])
    assert.deepEqual(due, [5, 10, 10, 20, 30, 40])
    assert.equal(queue.size, 2)
  })

  it('stays ordered across many random pushes and pops', () => {
    const queue = new LeaseExpiryQueue()
    let seed = 3
    const random = (): number => (seed = (seed * 48_271) % 2_147_483_647) % 1000
    for (let i = 0; i < 2000; i++) queue.push(random(), i)
    let last = -1
    let count = 0
    for (let now = 0; now < 1000; now += 7) {
      for (let address = queue.popDue(now); address !== -1; address = queue.popDue(now)) {
        count++
        assert.ok(now >= last)
        last = now
      }
    }
    for (let address = queue.popDue(1000); address !== -1; address = queue.popDue(1000)) count++
    assert.equal(count, 2000)
  })
})

describe('OfferHolds', () => {
  const track = (): {holds: OfferHolds; ended: Hold[]} => {
    const ended: Hold[] = []
    return {holds: new OfferHolds((hold) => ended.push(hold)), ended}
  }

  it('ends holds when they expire, and only then', () => {
    const {holds, ended} = track()
    holds.hold(1, 'a', 1000)
    holds.hold(2, 'b', 2000)
    holds.expire(999)
    assert.equal(ended.length, 0)
    holds.expire(1000)
    assert.deepEqual(ended.map((hold) => hold.address), [1])
    assert.equal(holds.onAddress(2, 1500)?.clientKey, 'b')
    assert.equal(holds.onAddress(2, 2000), undefined, 'an expired hold is not live even before the sweep')
  })

  it('keeps a renewed hold past its first expiry', () => {
    const {holds, ended} = track()
    holds.hold(1, 'a', 1000)
    holds.hold(1, 'a', 3000)
    holds.expire(2000)
    assert.equal(ended.length, 0)
    holds.expire(3000)
    assert.equal(ended.length, 1)
  })

  it('gives a client one hold: a new address ends the old hold', () => {
    const {holds, ended} = track()
    holds.hold(1, 'a', 1000)
    holds.hold(2, 'a', 1000)
    assert.deepEqual(ended.map((hold) => hold.address), [1])
    assert.equal(holds.ofClient('a', 0)?.address, 2)
    assert.equal(holds.size, 1)
  })

  it('ends a released hold at once and ignores its queue entry later', () => {
    const {holds, ended} = track()
    const hold = holds.hold(1, 'a', 1000)
    holds.release(hold)
    assert.equal(ended.length, 1)
    assert.equal(holds.size, 0)
    holds.hold(1, 'b', 5000)
    holds.expire(1000)
    assert.equal(holds.onAddress(1, 1000)?.clientKey, 'b', 'the stale entry did not end the new hold')
  })
})
