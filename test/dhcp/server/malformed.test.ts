import assert from 'node:assert/strict'
import {afterEach, describe, it} from 'node:test'

import {encodePacket} from '../../../src/dhcp/codec/index.js'
import {Opt} from '../../../src/dhcp/codec/packet-constants.js'
import {MessageType} from '../../../src/dhcp/engine-types.js'
import {type Harness, startHarness} from './harness.js'

describe('malformed and foreign packets', () => {
  let h: Harness
  afterEach(() => h?.stop())

  it('counts undecodable packets by reason and answers nothing', async () => {
    h = await startHarness()
    assert.deepEqual(await h.receiveRaw(Buffer.alloc(10)), [])
    const badCookie = encodePacket(h.client().packet(MessageType.Discover))
    badCookie.writeUInt32BE(0xdeadbeef, 236)
    assert.deepEqual(await h.receiveRaw(badCookie), [])
    const stats = h.server.stats()
    assert.equal(stats.dropped.malformed, 2)
    assert.deepEqual(stats.malformed, {short: 1, 'bad-cookie': 1})
  })

  it('drops BOOTREPLY packets (another server talking), packets without option 53 and server-only message types', async () => {
    h = await startHarness()
    const client = h.client()
    const reply = client.packet(MessageType.Discover)
    reply.op = 2
    await h.receiveRaw(encodePacket(reply))
    const bootp = client.packet(MessageType.Discover)
    bootp.options.delete(Opt.messageType)
    await h.receiveRaw(encodePacket(bootp))
    await h.receiveRaw(encodePacket(client.packet(MessageType.Offer)))
    await h.receiveRaw(encodePacket(client.packet(42 as MessageType)))
    const {dropped, sent} = h.server.stats()
    assert.equal(dropped.notRequest, 1)
    assert.equal(dropped.noMessageType, 1)
    assert.equal(dropped.unknownMessageType, 2)
    assert.deepEqual(sent, {offer: 0, ack: 0, nak: 0})
  })

  it('keeps serving after garbage: the next DISCOVER is answered', async () => {
    h = await startHarness()
    for (let i = 0; i < 50; i++) await h.receiveRaw(Buffer.from(Array.from({length: 300}, (_, j) => (i * 31 + j * 7) & 255)))
    assert.equal((await h.client().discover())?.type, MessageType.Offer)
  })

  it('counts a handler failure, logs it and goes on serving', async () => {
    h = await startHarness()
    const original = h.store.commit.bind(h.store)
    let failures = 1
    h.store.getByClient = () => {
      if (failures-- > 0) throw new Error('index exploded')
      return undefined
    }
    assert.equal(await h.client().discover(), undefined)
    assert.equal(h.server.stats().dropped.internalError, 1)
    assert.match(h.logs.join('\n'), /error: internal error while handling a message: Error: index exploded/)
    assert.equal((await h.client().discover())?.type, MessageType.Offer)
    void original
  })

  it('answers no ACK when the lease store fails, and counts it', async () => {
    h = await startHarness()
    h.store.commit = () => Promise.reject(new Error('disk full'))
    const client = h.client()
    const offer = await client.discover()
    assert.equal(await client.select(offer!), undefined)
    assert.equal(h.server.stats().dropped.storeFailed, 1)
    assert.match(h.logs.at(-1)!, /lease of 198\.18\.10\.50 not stored: disk full/)
  })
})
