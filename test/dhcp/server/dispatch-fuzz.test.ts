import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {encodePacket} from '../../../src/dhcp/codec/index.js'
import {Opt} from '../../../src/dhcp/codec/packet-constants.js'
import {MessageType} from '../../../src/dhcp/engine-types.js'
import {startHarness} from './harness.js'

/** Small seeded PRNG (xorshift32) so a failure can be replayed with DHCP_DISPATCH_FUZZ_SEED. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1
  return () => {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    return x
  }
}

const COUNT = 100_000

describe('server dispatch under random and mutated packets', () => {
  it(`survives ${COUNT} packets without a crash or a stall and still answers a real client`, async (t) => {
    const seed = Number(process.env.DHCP_DISPATCH_FUZZ_SEED ?? Date.now() % 2 ** 31)
    t.diagnostic(`seed ${seed}`)
    const next = prng(seed)
    // A large pool: random MACs must not exhaust it, so the last check is about the server, not the pool.
    const h = await startHarness({
      config: {
        interfaces: ['eth1'],
        scopes: [{name: 'office', subnet: '198.18.0.0/16', ranges: ['198.18.1.1-198.18.250.254'], options: {router: '198.18.10.1'}}],
      },
    })
    try {
      const client = h.client()
      // Valid packets of every message type as seeds for mutation.
      const seeds = [MessageType.Discover, MessageType.Request, MessageType.Release, MessageType.Decline, MessageType.Inform].map((type) => {
        const packet = client.packet(type)
        if (type !== MessageType.Discover) packet.options.set(Opt.serverId, Buffer.from([198, 18, 10, 1]))
        if (type === MessageType.Request || type === MessageType.Decline) packet.options.set(Opt.requestedAddress, Buffer.from([198, 18, 10, 50 + (type % 10)]))
        return encodePacket(packet)
      })
      let relayed = 0
      for (let i = 0; i < COUNT; i++) {
        const kind = next() % 4
        let data: Buffer
        if (kind === 0) {
          data = Buffer.alloc(next() % 700)
          for (let j = 0; j < data.length; j++) data[j] = next() & 255
        } else {
          data = Buffer.from(seeds[next() % seeds.length])
          const flips = 1 + (next() % 8)
          for (let f = 0; f < flips; f++) data[next() % data.length] = next() & 255
          if (kind === 2) data = data.subarray(0, next() % data.length)
          // Keep some packets plausible past the header so deeper handler paths run.
          if (kind === 3 && data.length > 240) {
            data[0] = 1
            data.writeUInt32BE(0x63825363, 236)
            if (next() % 2 === 0) {
              data.writeUInt32BE(0xc6121401, 24) // giaddr 198.18.20.1: relayed into the scope
              relayed++
            }
          }
        }
        const pending = h.server.receive(data, {ifindex: 2, ifname: 'eth1', srcAddress: '0.0.0.0', srcPort: 68, dstAddress: '255.255.255.255'})
        if (pending) await pending
        if (i % 1000 === 0) {
          h.transport.sent.length = 0
          h.clock.advance(60) // offer holds of the mutated DISCOVERs expire
        }
      }
      await h.server.idle()
      const stats = h.server.stats()
      t.diagnostic(`relayed-looking ${relayed}; dropped ${JSON.stringify(stats.dropped)}`)
      assert.ok(stats.dropped.malformed > COUNT / 10, 'garbage was counted as malformed')
      assert.equal(stats.dropped.internalError ?? 0, 0, 'no handler crashed')
      // Still serving: a fresh client gets an OFFER.
      h.transport.sent.length = 0
      const fresh = h.client()
      const offer = await fresh.discover()
      assert.equal(offer?.type, MessageType.Offer)
    } finally {
      await h.stop()
    }
  })
})
