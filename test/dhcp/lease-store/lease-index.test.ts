import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {Lease} from '../../../src/dhcp/engine-types.js'
import {fnv1aUtf8} from '../../../src/dhcp/lease-store/fnv1a.js'
import {LeaseIndex} from '../../../src/dhcp/lease-store/lease-index.js'
import {KEY_TEXT, makeRecord, recordOf, StringInterner} from '../../../src/dhcp/lease-store/lease-record.js'
import {randomInt, seededRandom} from '../allocator/seeded-random.js'
import {leaseFor} from './lease-fixtures.js'

/** The simplest correct index: leases by address, and per client the addresses in commit order. */
class ModelIndex {
  readonly byAddress = new Map<number, Lease>()
  private readonly commitOrder: Lease[] = []

  put(lease: Lease): void {
    this.byAddress.set(lease.address, lease)
    this.commitOrder.push(lease)
  }

  delete(address: number): void {
    this.byAddress.delete(address)
  }

  findClient(clientKey: string): Lease | undefined {
    for (let i = this.commitOrder.length - 1; i >= 0; i--) {
      const lease = this.commitOrder[i]
      if (lease.clientKey === clientKey && this.byAddress.get(lease.address) === lease) return lease
    }
    return undefined
  }
}

describe('LeaseIndex', () => {
  it('hands out a new Lease object on every lookup, so a caller changing one changes nothing else', () => {
    const index = new LeaseIndex()
    index.put(recordOf(leaseFor(1), new StringInterner()))
    const first = index.leaseOfClient(leaseFor(1).clientKey) as Lease
    first.hostname = 'changed'
    first.state = 'released'
    const second = index.leaseAt(leaseFor(1).address)
    assert.notEqual(second, first)
    assert.deepEqual(second, leaseFor(1))
    assert.deepEqual(index.leaseOfClient(leaseFor(1).clientKey), leaseFor(1))
  })

  it('finds a lease by address and by each form of client key', () => {
    const index = new LeaseIndex()
    const scopes = new StringInterner()
    for (let n = 0; n < 3; n++) index.put(recordOf(leaseFor(n), scopes))
    for (let n = 0; n < 3; n++) {
      assert.deepEqual(index.leaseAt(leaseFor(n).address), leaseFor(n))
      assert.deepEqual(index.leaseOfClient(leaseFor(n).clientKey), leaseFor(n))
    }
    assert.equal(index.leaseAt(leaseFor(5).address), undefined)
    assert.equal(index.leaseOfClient('hw:02:00:00:00:05:01'), undefined)
  })

  it("returns a client's newest lease and falls back to the older one when the newest goes away", () => {
    const index = new LeaseIndex()
    const scopes = new StringInterner()
    const older = leaseFor(1, {scope: 'a'})
    const newer = leaseFor(1, {address: older.address + 1, scope: 'b'})
    index.put(recordOf(older, scopes))
    index.put(recordOf(newer, scopes))
    assert.deepEqual(index.leaseOfClient(older.clientKey), newer)
    index.delete(newer.address | 0)
    assert.deepEqual(index.leaseOfClient(older.clientKey), older)
    // Re-committing the older lease makes it the newest again.
    index.put(recordOf(newer, scopes))
    index.put(recordOf(older, scopes))
    assert.deepEqual(index.leaseOfClient(older.clientKey), older)
  })

  it('moves a lease to its new client when an address is re-committed to someone else', () => {
    const index = new LeaseIndex()
    const scopes = new StringInterner()
    const first = leaseFor(1)
    const second = leaseFor(4, {address: first.address})
    index.put(recordOf(first, scopes))
    index.put(recordOf(second, scopes))
    assert.equal(index.size, 1)
    assert.equal(index.leaseOfClient(first.clientKey), undefined)
    assert.deepEqual(index.leaseOfClient(second.clientKey), second)
  })

  it('tells apart clients whose keys share a hash', () => {
    const index = new LeaseIndex()
    // Force a collision: the second record carries the first key's hash.
    const hash = fnv1aUtf8('id:aa') | 0
    index.put(makeRecord(1, 0, 0, 0, KEY_TEXT, -1, 0, '', '', '', 'id:aa', hash))
    index.put(makeRecord(2, 0, 0, 0, KEY_TEXT, -1, 0, '', '', '', 'id:bb', hash))
    assert.equal(index.findClient('id:aa')?.address32, 1)
    index.delete(1)
    assert.equal(index.findClient('id:aa'), undefined)
    assert.equal(index.get(2)?.keyText, 'id:bb')
  })

  it('agrees with a simple model through random puts and deletes, across growth and slot reuse', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = seededRandom(seed)
      const index = new LeaseIndex()
      const model = new ModelIndex()
      const scopes = new StringInterner()
      // Few clients and addresses, so clients hold several leases and addresses change hands.
      const clients = randomInt(random, 5, 400)
      const addresses = randomInt(random, 10, 3000)
      for (let step = 0; step < 6000; step++) {
        const address = 0xc6120000 + randomInt(random, 0, addresses - 1)
        if (random() < 0.75) {
          const lease = leaseFor(randomInt(random, 0, clients - 1), {address, start: step})
          index.put(recordOf(lease, scopes))
          model.put(lease)
        } else {
          assert.equal(index.delete(address | 0), model.byAddress.has(address), `seed ${seed} step ${step}: delete`)
          model.delete(address)
        }
        assert.equal(index.size, model.byAddress.size)
        const probe = leaseFor(randomInt(random, 0, clients - 1))
        assert.deepEqual(index.leaseOfClient(probe.clientKey), model.findClient(probe.clientKey), `seed ${seed} step ${step}: client`)
      }
      for (const [address, lease] of model.byAddress) assert.deepEqual(index.leaseAt(address), lease)
      assert.equal([...index.leases()].length, model.byAddress.size)
    }
  })
})
