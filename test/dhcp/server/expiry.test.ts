import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {LeaseExpiryQueue} from '../../../src/dhcp/server/lease-expiry-queue.js'
import {OfferHolds} from '../../../src/dhcp/server/offer-holds.js'

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
  const track = (): {holds: OfferHolds; ended: number[]} => {
    const ended: number[] = []
    return {holds: new OfferHolds({holdEnded: (address) => ended.push(address)}), ended}
  }

  it('ends holds when they expire, and only then', () => {
    const {holds, ended} = track()
    holds.hold(1, 'a', 1000)
    holds.hold(2, 'b', 2000)
    holds.expire(999)
    assert.equal(ended.length, 0)
    holds.expire(1000)
    assert.deepEqual(ended, [1])
    assert.equal(holds.holderOf(2, 1500), 'b')
    assert.equal(holds.holderOf(2, 2000), undefined, 'an expired hold is not live even before the sweep')
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
    assert.deepEqual(ended, [1])
    assert.equal(holds.addressOf('a', 0), 2)
    assert.equal(holds.size, 1)
  })

  it('ends a released hold at once and ignores its queue entry later', () => {
    const {holds, ended} = track()
    holds.hold(1, 'a', 1000)
    assert.equal(holds.releaseClient('a'), 1)
    assert.equal(ended.length, 1)
    assert.equal(holds.size, 0)
    holds.hold(1, 'b', 5000)
    holds.expire(1000)
    assert.equal(holds.holderOf(1, 1000), 'b', 'the stale entry did not end the new hold')
  })

  it('forgets a client whose hold ended, even after another client held the same address', () => {
    const {holds} = track()
    holds.hold(0xc6_12_00_0a, 'a', 1000)
    holds.releaseClient('a')
    holds.hold(0xc6_12_00_0a, 'b', 1000)
    assert.equal(holds.addressOf('a', 0), undefined)
    assert.equal(holds.releaseClient('a'), undefined)
    assert.equal(holds.addressOf('b', 0), 0xc6_12_00_0a, 'addresses above 2^31 come back unsigned')
    holds.hold(0xc6_12_00_0b, 'a', 1000)
    assert.equal(holds.holderOf(0xc6_12_00_0a, 0), 'b', "a's new hold did not end b's")
  })

  it('agrees with a model over 300 000 random holds, releases and expiries from 100 000 clients', () => {
    const ended: number[] = []
    const holds = new OfferHolds({holdEnded: (address) => ended.push(address)})
    const model = new Map<number, {client: string; until: number}>()
    const modelByClient = new Map<string, number>()
    const endInModel = (address: number): void => {
      modelByClient.delete(model.get(address)!.client)
      model.delete(address)
    }
    let seed = 1
    const next = (n: number): number => {
      seed = (Math.imul(seed, 48271) % 0x7fffffff) >>> 0
      return seed % n
    }
    let now = 0
    for (let step = 0; step < 300_000; step++) {
      now += next(3)
      const client = `c${next(100_000)}`
      const address = (0xc6_12_00_00 + next(5000)) >>> 0
      const action = next(10)
      if (action < 6) {
        const mine = modelByClient.get(client)
        const other = model.get(address)
        if (other !== undefined && other.client !== client && other.until > now) continue
        if (mine !== undefined && mine !== address) endInModel(mine)
        if (other !== undefined && other.client !== client) endInModel(address)
        holds.hold(address, client, now + 50)
        model.set(address, {client, until: now + 50})
        modelByClient.set(client, address)
      } else if (action < 9) {
        const mine = modelByClient.get(client)
        assert.equal(holds.releaseClient(client), mine)
        if (mine !== undefined) endInModel(mine)
      } else {
        holds.expire(now)
        for (const [held, hold] of [...model]) if (hold.until <= now) endInModel(held)
      }
      if (step % 1009 === 0) {
        assert.equal(holds.size, model.size)
        for (const [held, hold] of model) {
          assert.equal(holds.holderOf(held, now), hold.until > now ? hold.client : undefined)
          assert.equal(holds.addressOf(hold.client, now), hold.until > now ? held : undefined)
        }
      }
    }
  })
})
