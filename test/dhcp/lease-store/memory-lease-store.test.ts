import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {Lease} from '../../../src/dhcp/engine-types.js'
import {createMemoryLeaseStore} from '../../../src/dhcp/lease-store/memory-lease-store.js'
import {leaseFor, oddLeases, sortedLeases} from './lease-fixtures.js'

describe('createMemoryLeaseStore', () => {
  it('keeps every field and finds leases by address and client', async () => {
    const store = createMemoryLeaseStore()
    await store.open()
    for (const lease of oddLeases) await store.commit(lease)
    assert.equal(store.size, oddLeases.length)
    assert.deepEqual(sortedLeases(store.all()), sortedLeases(oddLeases))
    for (const lease of oddLeases) {
      assert.deepEqual(store.getByAddress(lease.address), lease)
      assert.deepEqual(store.getByClient(lease.clientKey), lease)
    }
  })

  it('replaces the lease of an address and forgets removed ones', async () => {
    const store = createMemoryLeaseStore()
    await store.commit(leaseFor(1))
    await store.commit(leaseFor(2, {address: leaseFor(1).address}))
    assert.equal(store.getByClient(leaseFor(1).clientKey), undefined)
    await store.remove(leaseFor(1).address)
    assert.equal(store.size, 0)
    assert.equal(store.getByClient(leaseFor(2).clientKey), undefined)
    await store.compact()
    await store.close()
  })

  it('hands out copies, so changing a returned lease does not change the store', async () => {
    const store = createMemoryLeaseStore()
    await store.commit(leaseFor(1))
    const lease = store.getByAddress(leaseFor(1).address) as Lease
    lease.state = 'expired'
    assert.equal(store.getByAddress(leaseFor(1).address)?.state, 'active')
  })

  it('rejects invalid leases like the file store does', async () => {
    const store = createMemoryLeaseStore()
    await assert.rejects(store.commit({...leaseFor(1), address: -1}), TypeError)
    assert.equal(store.size, 0)
  })
})
