import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {Lease} from '../../../src/dhcp/engine-types.js'
import {createMemoryLeaseStore} from '../../../src/dhcp/lease-store/index.js'
import {AddressBook} from '../../../src/dhcp/server/address-book.js'
import type {ScopeSelector} from '../../../src/dhcp/server/select-scope.js'

// No scopes: these tests are about the expiry queue, not the allocators.
const noScopes = {containing: () => undefined} as unknown as ScopeSelector

describe('AddressBook', () => {
  it('keeps its expiry queue within twice the leases (plus a fixed slack) however often clients renew', async () => {
    const store = createMemoryLeaseStore()
    await store.open()
    const now = Date.UTC(2026, 0, 1)
    const start = now / 1000
    const leases: Lease[] = [1, 2, 3].map((n) => ({
      address: 0xc6_12_00_00 + n,
      clientKey: `hw:08:00:27:00:00:0${n}`,
      hwaddr: `08:00:27:00:00:0${n}`,
      hostname: '',
      scope: 'default',
      state: 'active',
      start,
      expiry: start + 3600,
    }))
    const book = new AddressBook(store, noScopes)
    book.rebuild(noScopes, now)
    let most = 0
    for (let renewal = 0; renewal < 100_000; renewal++) {
      const lease = {...leases[renewal % 3], expiry: start + 3600 + renewal}
      await store.commit(lease)
      book.leased(lease)
      most = Math.max(most, book.queuedExpiries)
    }
    assert.ok(most <= 2 * 3 + 65_536 + 1, `the queue grew to ${most} entries for 3 leases`)
    assert.ok(book.queuedExpiries >= 3, 'every live lease is still queued')
  })

  it('queues no new expiry entry when a lease is renewed through a commit', async () => {
    const store = createMemoryLeaseStore()
    await store.open()
    const now = Date.UTC(2026, 0, 1)
    const start = now / 1000
    const lease: Lease = {address: 0xc6_12_00_01, clientKey: 'hw:08:00:27:00:00:01', hwaddr: '08:00:27:00:00:01', hostname: '', scope: 'default', state: 'active', start, expiry: start + 3600}
    const book = new AddressBook(store, noScopes)
    book.rebuild(noScopes, now)
    for (let renewal = 0; renewal < 1000; renewal++) {
      const renewed = {...lease, expiry: start + 3600 + renewal}
      const queued = book.beginCommit(undefined, renewed.address, renewed.clientKey)
      await store.commit(renewed)
      book.endCommit(renewed.address, renewed, queued)
    }
    assert.equal(book.queuedExpiries, 1)
    book.sweep((start + 3600) * 1000)
    assert.equal(book.queuedExpiries, 1, 'the entry came out at the first expiry and was queued again for the renewed one')
    assert.equal(book.ownerOf(lease.address, (start + 3600) * 1000), lease.clientKey)
    book.sweep((start + 3600 + 1000) * 1000)
    assert.equal(book.queuedExpiries, 0)
  })
})
