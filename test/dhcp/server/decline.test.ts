import assert from 'node:assert/strict'
import {afterEach, describe, it} from 'node:test'

import {MessageType} from '../../../src/dhcp/engine-types.js'
import {type Harness, ip, startHarness} from './harness.js'

const onePool = (quarantine: string): unknown => ({
  declineQuarantine: quarantine,
  scopes: [{name: 'one', subnet: '198.18.10.0/24', ranges: ['198.18.10.50-198.18.10.51']}],
})

describe('DECLINE', () => {
  let h: Harness
  afterEach(() => h?.stop())

  it('quarantines the declined address and gives the client another one', async () => {
    h = await startHarness({config: onePool('1h')})
    const client = h.client()
    const ack = await client.dora()
    assert.equal(await client.decline(ack.yiaddr), undefined, 'no reply to a DECLINE')
    const quarantined = h.store.getByAddress(ip(ack.yiaddr))
    assert.equal(quarantined?.state, 'declined')
    assert.equal(quarantined.expiry, Math.floor(h.clock.ms / 1000) + 3600)
    const offer = await client.discover()
    assert.equal(offer?.yiaddr, '198.18.10.51')
    assert.match(h.logs.join('\n'), /warning: DECLINE of 198\.18\.10\.50 by 08:00:27:00:00:01: another host uses it; quarantined for 3600 s/)
  })

  it('refuses the quarantined address to a REQUEST and keeps it out of offers until the quarantine ends, then reuses it', async () => {
    h = await startHarness({config: onePool('1h')})
    const client = h.client()
    await client.dora()
    await client.decline('198.18.10.50')
    const other = h.client()
    await other.dora()
    assert.equal(other.address, '198.18.10.51')
    assert.equal(await h.client().discover(), undefined, 'nothing left while .50 is quarantined')
    assert.equal((await h.client().reboot('198.18.10.50'))?.type, MessageType.Nak)
    h.clock.advance(3601)
    assert.equal((await h.client().discover())?.yiaddr, '198.18.10.50')
  })

  it('ignores a DECLINE for an address that was not offered or leased to the client', async () => {
    h = await startHarness({config: onePool('1h')})
    const owner = h.client()
    await owner.dora()
    await h.client().decline(owner.address)
    assert.equal(h.store.getByAddress(ip(owner.address))?.state, 'active')
    assert.equal(h.server.stats().dropped.notClientsAddress, 1)
  })

  it('accepts a DECLINE of an offered address that was never acknowledged', async () => {
    h = await startHarness({config: onePool('1h')})
    const client = h.client()
    const offer = await client.discover()
    await client.decline(offer!.yiaddr)
    assert.equal(h.store.getByAddress(ip(offer!.yiaddr))?.state, 'declined')
    assert.equal(h.server.stats().offersHeld, 0)
  })
})
