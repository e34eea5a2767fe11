import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {decodePacket, MalformedPacketError, type MalformedReason} from '../../../src/dhcp/codec/decode-packet.js'
import {encodePacket, PacketEncodeError} from '../../../src/dhcp/codec/encode-packet.js'
import type {DhcpPacket} from '../../../src/dhcp/engine-types.js'
import {GOLDEN_PACKETS} from './golden-packets.js'
import {readHexFixture} from './hex-fixture.js'

// Random and mutated packets through decodePacket: only MalformedPacketError
// may come out, and whatever decodes must encode again and decode to the same
// packet. Set DHCP_CODEC_FUZZ_SEED to replay a failing run.

const SEED = process.env.DHCP_CODEC_FUZZ_SEED ? Number(process.env.DHCP_CODEC_FUZZ_SEED) : (Date.now() >>> 0)
const ITERATIONS = 100_000

/** mulberry32: small, fast, good enough to spread fuzz inputs. Returns 32 random bits. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

class Fuzzer {
  private readonly next32: () => number
  private readonly fixtures = GOLDEN_PACKETS.map((golden) => readHexFixture(golden.fixture))

  constructor(seed: number) {
    this.next32 = prng(seed)
  }

  random(): number {
    return this.next32() / 4294967296
  }

  int(max: number): number {
    return Math.floor(this.random() * max)
  }

  chance(p: number): boolean {
    return this.random() < p
  }

  bytes(length: number): Buffer {
    const out = Buffer.allocUnsafe(length)
    let i = 0
    for (; i + 4 <= length; i += 4) out.writeUInt32LE(this.next32(), i)
    for (; i < length; i++) out[i] = this.int(256)
    return out
  }

  /** Random bytes, often with a header that gets past the first checks. */
  randomPacket(): Buffer {
    const buf = this.bytes(this.chance(0.1) ? this.int(240) : 240 + this.int(600))
    if (buf.length >= 240 && this.chance(0.7)) this.plausibleHeader(buf)
    return buf
  }

  /** A header that passes the checks, except now and then one of them. */
  plausibleHeader(buf: Buffer): void {
    buf[0] = this.chance(0.03) ? this.int(256) : 1 + this.int(2)
    buf[2] = this.chance(0.03) ? 17 + this.int(239) : this.int(17)
    buf.writeUInt32BE(0x63825363, 236)
  }

  /** A valid header and a random chain of options, some of them lying about their length. */
  structuredPacket(): Buffer {
    const parts: number[] = []
    const count = this.int(this.chance(0.05) ? 400 : 30)
    const repeatedCode = 1 + this.int(254)
    for (let i = 0; i < count; i++) {
      const roll = this.random()
      if (roll < 0.1) parts.push(0) // pad
      else if (roll < 0.15) parts.push(52, 1, this.int(5)) // overload, sometimes invalid
      else if (roll < 0.2) parts.push(this.int(256), 0) // zero-length option
      else {
        const code = this.chance(0.3) ? repeatedCode : 1 + this.int(254)
        const length = this.int(this.chance(0.05) ? 256 : 12)
        parts.push(code, length, ...this.bytes(Math.min(length, this.int(length + 3))))
      }
    }
    if (this.chance(0.8)) parts.push(255)
    const fixed = Buffer.alloc(240)
    this.plausibleHeader(fixed)
    // sname and file: empty, random, or chains that an overload would parse.
    for (const [start, size] of [
      [44, 64],
      [108, 128],
    ]) {
      if (this.chance(0.5)) this.bytes(size).copy(fixed, start)
      else if (this.chance(0.5)) fixed[start] = 255
    }
    return Buffer.concat([fixed, Buffer.from(parts)])
  }

  mutatedFixture(): Buffer {
    let buf: Buffer = Buffer.from(this.fixtures[this.int(this.fixtures.length)])
    const mutations = 1 + this.int(4)
    for (let m = 0; m < mutations; m++) buf = this.mutate(buf)
    return buf
  }

  private mutate(buf: Buffer): Buffer {
    const roll = this.int(8)
    switch (roll) {
      case 0: {
        // Bit flips, mostly in the options.
        const copy = Buffer.from(buf)
        if (copy.length === 0) return copy
        const flips = 1 + this.int(8)
        for (let i = 0; i < flips; i++) {
          const at = this.chance(0.7) && copy.length > 240 ? 240 + this.int(copy.length - 240) : this.int(copy.length)
          copy[at] ^= 1 << this.int(8)
        }
        return copy
      }
      case 1:
        return buf.subarray(0, this.int(buf.length + 1))
      case 2: {
        // Corrupt the length byte of one option.
        const copy = Buffer.from(buf)
        const lengths = optionLengthOffsets(copy)
        if (lengths.length > 0) copy[lengths[this.int(lengths.length)]] = this.chance(0.5) ? 255 : this.int(256)
        return copy
      }
      case 3: {
        // Claim an overload and fill sname/file with garbage or option chains.
        const copy = Buffer.from(buf)
        if (copy.length < 243) return copy
        copy[240] = 52
        copy[241] = this.chance(0.9) ? 1 : this.int(3)
        copy[242] = this.int(5)
        if (this.chance(0.5)) this.bytes(64).copy(copy, 44)
        if (this.chance(0.5)) this.bytes(128).copy(copy, 108)
        return copy
      }
      case 4: {
        // Insert zero-length options.
        const at = Math.min(buf.length, 240 + this.int(Math.max(1, buf.length - 239)))
        const inserted: number[] = []
        for (let i = 0, n = 1 + this.int(20); i < n; i++) inserted.push(1 + this.int(254), 0)
        return Buffer.concat([buf.subarray(0, at), Buffer.from(inserted), buf.subarray(at)])
      }
      case 5: {
        // A long chain of one small option (RFC 3396 joins them all), or of pads.
        const code = this.chance(0.2) ? 0 : 1 + this.int(254)
        const chain: number[] = []
        for (let i = 0, n = 50 + this.int(500); i < n; i++) {
          if (code === 0) chain.push(0)
          else chain.push(code, 1, this.int(256))
        }
        const at = Math.min(buf.length, 240)
        return Buffer.concat([buf.subarray(0, at), Buffer.from(chain), buf.subarray(at)])
      }
      case 6:
        // Drop the end option and pad: the options run into whatever follows.
        return Buffer.concat([trimEnd(buf), this.bytes(this.int(40))])
      default: {
        const at = this.int(buf.length + 1)
        return Buffer.concat([buf.subarray(0, at), this.bytes(1 + this.int(16)), buf.subarray(at)])
      }
    }
  }
}

/** Offsets of the length bytes of the options in the options field. */
function optionLengthOffsets(buf: Buffer): number[] {
  const offsets: number[] = []
  let i = 240
  while (i + 1 < buf.length && buf[i] !== 255) {
    if (buf[i] === 0) {
      i++
      continue
    }
    offsets.push(i + 1)
    i += 2 + buf[i + 1]
  }
  return offsets
}

function trimEnd(buf: Buffer): Buffer {
  let end = buf.length
  while (end > 240 && buf[end - 1] === 0) end--
  if (end > 240 && buf[end - 1] === 255) end--
  return buf.subarray(0, end)
}

/**
 * The first field where two packets differ, or undefined. Option order is
 * ignored (the encoder moves 53 first). assert.deepStrictEqual gives the same
 * answer but is too slow for tens of thousands of packets.
 */
function packetDifference(a: DhcpPacket, b: DhcpPacket): string | undefined {
  for (const key of ['op', 'htype', 'hlen', 'hops', 'xid', 'secs', 'flags', 'ciaddr', 'yiaddr', 'siaddr', 'giaddr', 'sname', 'file'] as const) {
    if (a[key] !== b[key]) return key
  }
  if (!a.chaddr.equals(b.chaddr)) return 'chaddr'
  if (a.options.size !== b.options.size) return 'options (count)'
  for (const [code, value] of a.options) {
    if (!b.options.get(code)?.equals(value)) return `option ${code}`
  }
  return undefined
}

describe('decodePacket on random and mutated input', () => {
  it(`throws only MalformedPacketError, and what decodes re-encodes (also within 576 bytes) to the same packet (${ITERATIONS} inputs)`, (t) => {
    t.diagnostic(`seed ${SEED} (replay with DHCP_CODEC_FUZZ_SEED=${SEED})`)
    const fuzzer = new Fuzzer(SEED)
    const outcomes = new Map<MalformedReason | 'ok' | 'too-big' | 'overloaded', number>()
    for (let i = 0; i < ITERATIONS; i++) {
      const roll = i % 10
      const input = roll < 3 ? fuzzer.randomPacket() : roll < 8 ? fuzzer.mutatedFixture() : fuzzer.structuredPacket()
      const context = (): string => `seed ${SEED}, input ${i}: ${input.toString('hex')}`
      let pkt
      try {
        pkt = decodePacket(input)
      } catch (error) {
        if (!(error instanceof MalformedPacketError)) assert.fail(`decodePacket threw ${String(error)} (${context()})`)
        outcomes.set(error.reason, (outcomes.get(error.reason) ?? 0) + 1)
        continue
      }
      outcomes.set('ok', (outcomes.get('ok') ?? 0) + 1)
      let encoded: Buffer
      try {
        encoded = encodePacket(pkt, 65535)
      } catch (error) {
        assert.fail(`re-encoding threw ${String(error)} (${context()})`)
      }
      const difference = packetDifference(decodePacket(encoded), pkt)
      if (difference) assert.fail(`decode(encode(p)) differs from p in ${difference} (${context()})`)
      // Within 576 bytes the encoder must overload or refuse cleanly.
      let small: Buffer | undefined
      try {
        small = encodePacket(pkt)
      } catch (error) {
        if (!(error instanceof PacketEncodeError)) assert.fail(`encoding in 576 threw ${String(error)} (${context()})`)
        outcomes.set('too-big', (outcomes.get('too-big') ?? 0) + 1)
      }
      if (small) {
        assert.ok(small.length <= 548, `encoded ${small.length} bytes for a 576 limit (${context()})`)
        const smallDifference = packetDifference(decodePacket(small), pkt)
        if (smallDifference) assert.fail(`decode(encode(p, 576)) differs from p in ${smallDifference} (${context()})`)
        if (small[243] === 52 || small[240] === 52) outcomes.set('overloaded', (outcomes.get('overloaded') ?? 0) + 1)
      }
    }
    t.diagnostic(`outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}`)
    // The generators must keep reaching every path, or the test proves little.
    const expected = ['ok', 'short', 'bad-op', 'bad-hlen', 'bad-cookie', 'option-overrun', 'bad-overload', 'overloaded'] as const
    for (const reason of expected) {
      assert.ok((outcomes.get(reason) ?? 0) >= 100, `only ${outcomes.get(reason) ?? 0} inputs ended as '${reason}' (seed ${SEED})`)
    }
  })
})
