import assert from 'node:assert/strict'
import {afterEach, describe, it} from 'node:test'

import {Opt} from '../../../src/dhcp/codec/packet-constants.js'
import {MessageType} from '../../../src/dhcp/engine-types.js'
import {type Harness, ip, RELAY_ADDRESS, SERVER_ADDRESS, startHarness} from './harness.js'

const RELAY_INFO = Buffer.from([1, 4, 0x65, 0x74, 0x68, 0x32, 2, 6, 0x02, 0, 0, 0, 0, 1])

describe('relayed clients (giaddr set)', () => {
  let h: Harness
  afterEach(() => h?.stop())

  it('serves the scope whose subnet contains giaddr and replies to the relay on port 67', async () => {
    h = await startHarness()
    const client = h.client({relay: RELAY_ADDRESS})
    const offer = await client.discover()
    assert.equal(offer?.yiaddr, '198.18.20.100')
    assert.equal(offer.ip(Opt.router), '198.18.20.1')
    assert.equal(offer.packet.giaddr, ip(RELAY_ADDRESS))
    assert.deepEqual(offer.target, {address: RELAY_ADDRESS, port: 67})
    const ack = await client.select(offer)
    assert.equal(ack?.type, MessageType.Ack)
    assert.equal(h.store.getByAddress(ip('198.18.20.100'))?.scope, 'branch')
  })

  it('echoes the relay agent information option unchanged, as the last option', async () => {
    h = await startHarness()
    const client = h.client({relay: RELAY_ADDRESS, relayInfo: RELAY_INFO})
    const offer = await client.discover()
    assert.deepEqual(offer?.option(Opt.relayAgentInfo), RELAY_INFO)
    assert.equal([...offer.packet.options.keys()].at(-1), Opt.relayAgentInfo)
    const ack = await client.select(offer)
    assert.deepEqual(ack?.option(Opt.relayAgentInfo), RELAY_INFO)
  })

  it('answers with the address the relay sent to as server id, since we have none in the relayed subnet', async () => {
    h = await startHarness()
    const offer = await h.client({relay: RELAY_ADDRESS}).discover()
    assert.equal(offer?.ip(Opt.serverId), SERVER_ADDRESS)
  })

  it('sends a NAK through the relay with the broadcast bit set', async () => {
    h = await startHarness()
    const nak = await h.client({relay: RELAY_ADDRESS}).reboot('198.18.10.55')
    assert.equal(nak?.type, MessageType.Nak)
    assert.deepEqual(nak.target, {address: RELAY_ADDRESS, port: 67})
    assert.equal(nak.packet.flags & 0x8000, 0x8000)
  })

  it('drops a relayed packet whose giaddr is in no scope', async () => {
    h = await startHarness()
    assert.equal(await h.client({relay: '198.18.77.1'}).discover(), undefined)
    assert.equal(h.server.stats().dropped.noScope, 1)
  })

  it('logs relayed messages with the relay address', async () => {
    h = await startHarness()
    const client = h.client({relay: RELAY_ADDRESS})
    await client.discover()
    assert.ok(h.logs.includes(`DISCOVER from ${client.mac} via ${RELAY_ADDRESS} (relay)`), h.logs.join('\n'))
  })

  it('a client renewing directly (unicast, no relay) from the relayed subnet is served by ciaddr', async () => {
    h = await startHarness()
    const relayed = h.client({relay: RELAY_ADDRESS})
    await relayed.dora()
    const direct = h.client({mac: relayed.mac, iface: 'eth0'})
    direct.address = relayed.address
    const ack = await direct.renew({dstAddress: SERVER_ADDRESS})
    assert.equal(ack?.type, MessageType.Ack)
    assert.equal(ack.yiaddr, relayed.address)
  })
})
