import assert from 'node:assert/strict'
import {afterEach, describe, it} from 'node:test'

import {Opt} from '../../../src/dhcp/codec/packet-constants.js'
import {MessageType} from '../../../src/dhcp/engine-types.js'
import {createGatedStore, defaultConfig, type Harness, ip, SERVER_ADDRESS, startHarness} from './harness.js'

describe('DISCOVER, OFFER, REQUEST, ACK', () => {
  let h: Harness
  afterEach(() => h?.stop())

  it('offers a pool address with server id, mask, router, DNS, domain and 8 day lease times', async () => {
    h = await startHarness()
    const offer = await h.client().discover()
    assert.equal(offer?.type, MessageType.Offer)
    assert.equal(offer.yiaddr, '198.18.10.50')
    assert.equal(offer.ip(Opt.serverId), SERVER_ADDRESS)
    assert.equal(offer.ip(Opt.subnetMask), '255.255.255.0')
    assert.equal(offer.ip(Opt.router), '198.18.10.1')
    assert.deepEqual(offer.option(Opt.domainNameServer), Buffer.from([198, 18, 10, 1, 198, 18, 10, 2]))
    assert.equal(offer.option(Opt.domainName)?.toString(), 'office.test')
    assert.equal(offer.u32(Opt.leaseTime), 691_200)
    assert.equal(offer.u32(Opt.renewalTime), 345_600)
    assert.equal(offer.u32(Opt.rebindingTime), 604_800)
  })

  it('acknowledges the offered address and stores an active lease for the client', async () => {
    h = await startHarness()
    const client = h.client({hostname: 'laptop'})
    const ack = await client.dora()
    assert.equal(ack.yiaddr, '198.18.10.50')
    assert.equal(ack.u32(Opt.leaseTime), 691_200)
    const lease = h.store.getByAddress(ip('198.18.10.50'))
    assert.equal(lease?.state, 'active')
    assert.equal(lease.clientKey, client.clientKey)
    assert.equal(lease.hwaddr, client.mac)
    assert.equal(lease.hostname, 'laptop')
    assert.equal(lease.scope, 'office')
    assert.equal(lease.expiry - lease.start, 691_200)
    assert.deepEqual(h.server.stats().received, {discover: 1, request: 1, decline: 0, release: 0, inform: 0})
    assert.deepEqual(h.server.stats().sent, {offer: 1, ack: 1, nak: 0})
  })

  it('sends the ACK only after the lease store says the lease is durable', async () => {
    const gated = createGatedStore()
    h = await startHarness({store: gated.store})
    const client = h.client()
    const offer = await client.discover()
    const sentBefore = h.transport.sent.length
    const acked = client.select(offer!)
    await new Promise((resolve) => setImmediate(resolve))
    assert.equal(gated.pending(), 1, 'the lease is being committed')
    assert.equal(h.transport.sent.length, sentBefore, 'no ACK while the commit is pending')
    assert.equal(h.server.stats().pendingCommits, 1)
    await gated.open()
    assert.equal((await acked)?.type, MessageType.Ack)
    assert.equal(h.server.stats().sent.ack, 1)
  })

  it('unicasts to the new address at the client MAC, or broadcasts when the client sets the broadcast flag', async () => {
    h = await startHarness()
    const unicast = await h.client().discover()
    assert.equal(unicast?.target.address, '198.18.10.50')
    assert.equal(unicast.target.port, 68)
    assert.equal(unicast.target.ifindex, 3)
    assert.equal(unicast.target.hwaddr?.toString('hex'), '080027000001')
    const broadcast = await h.client().discover({broadcast: true})
    assert.deepEqual(broadcast?.target, {address: '255.255.255.255', port: 68, ifindex: 3})
  })

  it('orders options as the parameter request list asks, keeping mask, router, DNS and domain even when not asked', async () => {
    const config = defaultConfig() as {scopes: {options: Record<string, string>}[]}
    config.scopes[0].options['ntp-servers'] = '198.18.10.3'
    config.scopes[0].options['interface-mtu'] = '1400'
    h = await startHarness({config})
    const offer = await h.client().discover({prl: [42, 26, 3]})
    const codes = [...offer!.packet.options.keys()]
    assert.deepEqual(codes, [Opt.messageType, Opt.serverId, Opt.leaseTime, Opt.renewalTime, Opt.rebindingTime, 42, 26, 3, 1, 6, 15])
    const all = await h.client().discover({prl: []})
    assert.ok(!all!.packet.options.has(42), 'an unrequested option stays out when the client sent a list')
  })

  it('keeps the reply within the maximum message size the client announces', async () => {
    const config = defaultConfig() as {scopes: {options: Record<string, string>}[]}
    config.scopes[0].options['domain-search'] = Array.from({length: 40}, (_, i) => `zone${i}.example.test`).join(', ')
    h = await startHarness({config})
    const offer = await h.client().discover({maxMessageSize: 576, prl: [1, 3, 6, 15, 119]})
    assert.equal(offer?.type, MessageType.Offer)
    const sent = h.transport.sent.at(-1)!.data
    assert.ok(sent.length <= 576 - 28, `reply of ${sent.length} bytes fits a 576-byte datagram`)
    assert.ok(offer.packet.options.get(119)!.length > 300, 'the long option arrived whole, through option overload')
  })

  it('offers the same address again to a client that repeats its DISCOVER', async () => {
    h = await startHarness()
    const client = h.client()
    const first = await client.discover()
    const second = await client.discover()
    assert.equal(second?.yiaddr, first?.yiaddr)
    assert.equal(h.server.stats().offersHeld, 1)
  })

  it('logs one line per message in and out', async () => {
    h = await startHarness()
    const client = h.client()
    await client.dora()
    assert.deepEqual(h.logs.slice(1), [
      `DISCOVER from ${client.mac} via eth1`,
      `OFFER 198.18.10.50 to ${client.mac}`,
      `REQUEST for 198.18.10.50 from ${client.mac} via eth1`,
      `ACK 198.18.10.50 to ${client.mac}`,
    ])
  })
})
