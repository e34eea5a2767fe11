import assert from 'node:assert/strict'
import {afterEach, describe, it} from 'node:test'

import {Opt} from '../../../src/dhcp/codec/packet-constants.js'
import {MessageType} from '../../../src/dhcp/engine-types.js'
import {defaultConfig, type Harness, ip, SERVER_ADDRESS, startHarness} from './harness.js'

function nonAuthoritative(): unknown {
  return {...(defaultConfig() as object), authoritative: false}
}

describe('REQUEST in each client state', () => {
  let h: Harness
  afterEach(() => h?.stop())

  it('SELECTING with our server id: ACK for the offered address', async () => {
    h = await startHarness()
    const client = h.client()
    const offer = await client.discover()
    const ack = await client.select(offer!)
    assert.equal(ack?.type, MessageType.Ack)
    assert.equal(ack.yiaddr, offer!.yiaddr)
  })

  it('SELECTING another server: no reply, our held offer is freed for the next client', async () => {
    h = await startHarness({config: {...(defaultConfig() as object), scopes: [{name: 'one', subnet: '198.18.10.0/24', ranges: ['198.18.10.50-198.18.10.50']}]}})
    const first = h.client()
    const offer = await first.discover()
    assert.equal(offer?.yiaddr, '198.18.10.50')
    assert.equal(await h.client().discover(), undefined, 'the only address is held for the first client')
    const reply = await first.send(MessageType.Request, {requested: '198.18.10.50', serverId: '198.18.10.254'})
    assert.equal(reply, undefined)
    assert.equal(h.server.stats().dropped.otherServer, 1)
    assert.equal((await h.client().discover())?.yiaddr, '198.18.10.50', 'the withdrawn offer went to another client')
  })

  it('INIT-REBOOT for the address it holds: ACK with a fresh lease', async () => {
    h = await startHarness()
    const client = h.client()
    await client.dora()
    h.clock.advance(3600)
    const ack = await client.reboot()
    assert.equal(ack?.type, MessageType.Ack)
    assert.equal(ack.yiaddr, '198.18.10.50')
    assert.equal(ack.packet.ciaddr, 0)
    assert.equal(h.store.getByAddress(ip('198.18.10.50'))?.start, Math.floor(h.clock.ms / 1000))
  })

  it('INIT-REBOOT for an address of another subnet: NAK, broadcast', async () => {
    h = await startHarness()
    const nak = await h.client().reboot('198.18.99.7')
    assert.equal(nak?.type, MessageType.Nak)
    assert.equal(nak.packet.yiaddr, 0)
    assert.equal(nak.target.address, '255.255.255.255')
    assert.match(nak.option(Opt.message)!.toString(), /198\.18\.99\.7 is not on the client's network/)
    assert.equal(nak.option(Opt.leaseTime), undefined)
  })

  it('INIT-REBOOT for an address leased to another client: NAK', async () => {
    h = await startHarness()
    const owner = h.client()
    await owner.dora()
    const nak = await h.client().reboot(owner.address)
    assert.equal(nak?.type, MessageType.Nak)
    assert.match(nak.option(Opt.message)!.toString(), /leased to another client/)
    assert.equal(h.store.getByAddress(ip(owner.address))?.clientKey, owner.clientKey)
  })

  it('INIT-REBOOT with no lease on record: NAK when authoritative, silence when not', async () => {
    h = await startHarness()
    const nak = await h.client().reboot('198.18.10.55')
    assert.equal(nak?.type, MessageType.Nak)
    assert.match(nak.option(Opt.message)!.toString(), /no lease of 198\.18\.10\.55 on record/)
    await h.stop()

    h = await startHarness({config: nonAuthoritative()})
    assert.equal(await h.client().reboot('198.18.10.55'), undefined)
    assert.equal(await h.client().reboot('198.18.99.7'), undefined, 'another network: silence too')
    assert.equal(h.server.stats().dropped.notAuthoritative, 2)
    assert.equal(h.server.stats().sent.nak, 0)
  })

  it('RENEWING (unicast, ciaddr): ACK sent back to ciaddr, expiry extended', async () => {
    h = await startHarness()
    const client = h.client()
    await client.dora()
    const before = h.store.getByAddress(ip(client.address))!.expiry
    h.clock.advance(345_600)
    const ack = await client.renew()
    assert.equal(ack?.type, MessageType.Ack)
    assert.equal(ack.packet.ciaddr, ip(client.address))
    assert.deepEqual(ack.target, {address: client.address, port: 68})
    assert.equal(h.store.getByAddress(ip(client.address))!.expiry, before + 345_600)
  })

  it('REBINDING (broadcast, ciaddr): ACK', async () => {
    h = await startHarness()
    const client = h.client()
    await client.dora()
    h.clock.advance(604_800)
    const ack = await client.rebind()
    assert.equal(ack?.type, MessageType.Ack)
    assert.equal(ack.yiaddr, client.address)
  })

  it('RENEWING an address leased to another client: NAK, even when not authoritative', async () => {
    h = await startHarness({config: nonAuthoritative()})
    const owner = h.client()
    await owner.dora()
    const intruder = h.client()
    intruder.address = owner.address
    const nak = await intruder.renew()
    assert.equal(nak?.type, MessageType.Nak)
    assert.equal(nak.target.address, '255.255.255.255', 'NAK to a direct client is broadcast')
  })

  it('REBINDING from the wrong subnet: NAK', async () => {
    h = await startHarness()
    const client = h.client()
    client.address = '198.18.20.105'
    const nak = await client.rebind()
    assert.equal(nak?.type, MessageType.Nak)
  })

  it('SELECTING an address outside the pool: NAK', async () => {
    h = await startHarness()
    const nak = await h.client().send(MessageType.Request, {requested: '198.18.10.20', serverId: SERVER_ADDRESS})
    assert.equal(nak?.type, MessageType.Nak)
    assert.match(nak.option(Opt.message)!.toString(), /not in the pool of scope office/)
  })

  it('a REQUEST with neither address nor server id is dropped as incomplete', async () => {
    h = await startHarness()
    assert.equal(await h.client().send(MessageType.Request), undefined)
    assert.equal(h.server.stats().dropped.incomplete, 1)
  })
})
