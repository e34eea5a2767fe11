import assert from 'node:assert/strict'
import {afterEach, describe, it} from 'node:test'

import {MessageType} from '../../../src/dhcp/engine-types.js'
import {type Harness, ip, startHarness} from './harness.js'

describe('RELEASE', () => {
  let h: Harness
  afterEach(() => h?.stop())

  it('ends the lease as released, sends nothing, and returns the address to the pool', async () => {
    h = await startHarness({config: {scopes: [{name: 'one', subnet: '198.18.10.0/24', ranges: ['198.18.10.50-198.18.10.50']}]}})
    const client = h.client()
    await client.dora()
    assert.equal(await h.client().discover(), undefined, 'pool of one is in use')
    assert.equal(await client.release(), undefined)
    const lease = h.store.getByAddress(ip('198.18.10.50'))
    assert.equal(lease?.state, 'released')
    assert.equal(lease.expiry, Math.floor(h.clock.ms / 1000))
    assert.equal((await h.client().discover())?.yiaddr, '198.18.10.50', 'another client can now be offered it')
  })

  it('offers a released client its previous address again when it is still free', async () => {
    h = await startHarness()
    const client = h.client()
    await client.dora()
    const previous = client.address
    await client.release()
    await h.client().dora()
    const offer = await client.discover()
    assert.equal(offer?.yiaddr, previous)
  })

  it('ignores a RELEASE for an address leased to someone else', async () => {
    h = await startHarness()
    const owner = h.client()
    await owner.dora()
    const other = h.client()
    other.address = owner.address
    await other.release()
    assert.equal(h.store.getByAddress(ip(owner.address))?.state, 'active')
    assert.equal(h.server.stats().dropped.notClientsAddress, 1)
  })

  it('answers a later RENEWING of the released address with a NAK once another client has it', async () => {
    h = await startHarness({config: {scopes: [{name: 'one', subnet: '198.18.10.0/24', ranges: ['198.18.10.50-198.18.10.50']}]}})
    const client = h.client()
    await client.dora()
    await client.release()
    await h.client().dora()
    client.address = '198.18.10.50'
    assert.equal((await client.renew())?.type, MessageType.Nak)
  })
})
