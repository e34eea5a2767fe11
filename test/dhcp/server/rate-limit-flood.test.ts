// 100 000 DISCOVERs from 100 000 different MACs, ten per millisecond of a
// fake clock (10 000 a second against a budget of 500 a second for new
// clients), interleaved with the renewals of 50 clients that hold leases.
// Every renewal must be ACKed, the limiter's client table must stay within
// its size, the drops must be counted and warned about once per interval,
// and the server must still serve a new client afterwards.

import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {encodePacket} from '../../../src/dhcp/codec/index.js'
import {MessageType, type PacketMeta} from '../../../src/dhcp/engine-types.js'
import {type Harness, startHarness, type TestClient} from './harness.js'

const FLOOD = 100_000
const HOLDERS = 50
const NEW_CLIENT_BUDGET = 500
const TRACKED = 1000

const config = {
  interfaces: ['eth1'],
  warningInterval: '60s',
  rateLimit: {perClient: {packets: 20, perSeconds: 10}, newClients: {packets: NEW_CLIENT_BUDGET, perSeconds: 1}, trackedClients: TRACKED},
  scopes: [{name: 'isp', subnet: '198.18.0.0/16', ranges: ['198.18.1.1-198.18.250.254'], leaseTime: '1h'}],
}

const broadcastOnEth1: PacketMeta = {ifindex: 3, ifname: 'eth1', srcAddress: '0.0.0.0', srcPort: 68, dstAddress: '255.255.255.255'}

/** A DISCOVER of a MAC of its own for each n: 02:ff + n in the last four bytes, a fresh xid. */
function floodPacket(template: Buffer, n: number): Buffer {
  const data = Buffer.from(template)
  data.writeUInt32BE(n, 4)
  data.writeUInt32BE(n, 28 + 2)
  return data
}

const rateWarnings = (h: Harness): string[] => h.logs.filter((line) => line.startsWith('warning: rate limit:'))

describe('a flood of DISCOVERs from new MACs', () => {
  let h: Harness
  let holders: TestClient[]
  let addresses: string[]
  const renewals: {client: string; type: MessageType | undefined; address: string}[] = []
  let strangerReply: MessageType | undefined | 'none' = 'none'

  before(async () => {
    h = await startHarness({config})
    holders = []
    for (let i = 0; i < HOLDERS; i++) {
      const client = h.client()
      await client.dora()
      holders.push(client)
    }
    addresses = holders.map((client) => client.address)
    const template = encodePacket({...h.client({mac: '02:ff:00:00:00:00'}).packet(MessageType.Discover)})
    for (let i = 0; i < FLOOD; i++) {
      h.server.receive(floodPacket(template, i), broadcastOnEth1)
      if (i % 10 === 9) h.clock.ms += 1
      // Each holder renews once a (simulated) second, spread over the flood.
      if (i % 200 === 100) {
        const client = holders[Math.floor(i / 200) % HOLDERS]
        const reply = await client.renew()
        renewals.push({client: client.mac, type: reply?.type, address: reply?.yiaddr ?? ''})
      }
      // A client we never saw asks for an address in the middle of the flood: it waits like every new client.
      if (i === FLOOD / 2 + 5) strangerReply = (await h.client().reboot('198.18.1.200'))?.type
      if (i % 1000 === 0) h.transport.sent.length = 0
    }
    await h.server.idle()
  })

  after(() => h?.stop())

  it('ACKs every renewal of the 50 clients holding a lease, with their own address', () => {
    assert.equal(renewals.length, FLOOD / 200)
    for (const renewal of renewals) {
      assert.equal(renewal.type, MessageType.Ack, `renewal of ${renewal.client}`)
      assert.equal(renewal.address, addresses[holders.findIndex((client) => client.mac === renewal.client)])
    }
    assert.equal(h.server.stats().dropped.rateLimitedClient, 0, 'no holder went over its own rate')
  })

  it('drops what is over the new-client budget, counted by reason, including a stranger\'s REQUEST', () => {
    const {dropped, sent} = h.server.stats()
    // 10 s of flood at 500 a second plus the first burst of 500, less the 50 holders' first exchanges.
    assert.ok(sent.offer - HOLDERS <= NEW_CLIENT_BUDGET * 11, `offers to flooding clients: ${sent.offer - HOLDERS}`)
    assert.ok(sent.offer - HOLDERS >= NEW_CLIENT_BUDGET * 10, `offers to flooding clients: ${sent.offer - HOLDERS}`)
    assert.equal(dropped.rateLimitedNewClient, FLOOD - (sent.offer - HOLDERS) + 1)
    assert.equal(strangerReply, undefined, 'no NAK for the stranger: its REQUEST was not even looked at')
  })

  it('keeps the client table within trackedClients although more clients than that were served', () => {
    const {sent, rateTrackedClients} = h.server.stats()
    assert.ok(sent.offer > TRACKED * 2, 'more distinct clients passed than the table holds')
    assert.ok(rateTrackedClients <= TRACKED, `tracked ${rateTrackedClients}`)
  })

  it('warns once for the flood (interval 60 s), with the count and the limit, and again after the interval', async () => {
    assert.equal(rateWarnings(h).length, 1)
    assert.match(rateWarnings(h)[0], /^warning: rate limit: dropped 1 packet: 1 from new clients over rateLimit\.newClients \(500 per 1 s\); reported at most once every 60 s$/)
    h.clock.advance(61)
    const template = encodePacket(h.client({mac: '02:fe:00:00:00:00'}).packet(MessageType.Discover))
    for (let i = 0; i < 2000; i++) h.server.receive(floodPacket(template, i), broadcastOnEth1)
    assert.equal(rateWarnings(h).length, 2)
    const dropped = Number(/dropped (\d+) packets/.exec(rateWarnings(h)[1])?.[1])
    assert.ok(dropped > 60_000, `the second warning sums up the drops since the first: ${dropped}`)
  })

  it('still serves a new client once the flood is over, and the holders\' leases are active', async () => {
    h.clock.advance(2)
    const ack = await h.client().dora()
    assert.equal(ack.type, MessageType.Ack)
    for (const client of holders) assert.equal(h.store.getByClient(client.clientKey)?.state, 'active')
    assert.equal(h.server.stats().dropped.internalError, 0)
  })
})
