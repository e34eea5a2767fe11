import type {DhcpPacket} from '../engine-types.js'
import {FILE_SIZE, MAGIC_COOKIE, MIN_DHCP_SIZE, Offset, Opt, SNAME_SIZE} from './packet-constants.js'

/** Why a packet was rejected; short and stable so it can key a counter. */
export type MalformedReason = 'short' | 'bad-op' | 'bad-hlen' | 'bad-cookie' | 'option-overrun' | 'bad-overload'

export class MalformedPacketError extends Error {
  readonly reason: MalformedReason

  constructor(reason: MalformedReason) {
    super(`malformed DHCP packet: ${reason}`)
    this.name = 'MalformedPacketError'
    this.reason = reason
  }
}

// Garbage from the network is expected and only counted, so each reason has
// one shared, frozen error: rejecting a packet allocates nothing and skips the
// stack capture, which costs more than decoding a whole packet. The stack of
// these errors is meaningless by design.
const MALFORMED: Readonly<Record<MalformedReason, MalformedPacketError>> = (() => {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    const reasons: MalformedReason[] = ['short', 'bad-op', 'bad-hlen', 'bad-cookie', 'option-overrun', 'bad-overload']
    return Object.fromEntries(reasons.map((reason) => [reason, Object.freeze(new MalformedPacketError(reason))])) as Record<
      MalformedReason,
      MalformedPacketError
    >
  } finally {
    Error.stackTraceLimit = limit
  }
})()

function malformed(reason: MalformedReason): MalformedPacketError {
  return MALFORMED[reason]
}

/**
 * Decodes a DHCP message (the UDP payload). BOOTP messages without the magic
 * cookie are rejected ('bad-cookie'): this engine serves DHCP only.
 *
 * Tolerated as real clients send them: a missing End option (the options run
 * to the end of the datagram) and anything after End.
 *
 * Options are merged into one map: the options field, then `file`, then
 * `sname` when option 52 says they carry options (RFC 2131 §4.1, the
 * aggregate buffer of RFC 3396 §5); repeated instances of a code are joined in
 * that order (RFC 3396). Option 52 itself is consumed and not in the map.
 *
 * The input is copied once and every Buffer in the result (chaddr, option
 * values) is a view into that copy, so the caller may reuse its receive
 * buffer and the packet stays valid across awaits.
 *
 * Throws MalformedPacketError and nothing else.
 */
export function decodePacket(input: Buffer): DhcpPacket {
  const length = input.length
  if (length < MIN_DHCP_SIZE) throw malformed('short')
  const op = input[Offset.op]
  if (op !== 1 && op !== 2) throw malformed('bad-op')
  const hlen = input[Offset.hlen]
  if (hlen > 16) throw malformed('bad-hlen')
  if (input.readUInt32BE(Offset.cookie) !== MAGIC_COOKIE) throw malformed('bad-cookie')

  const buf = Buffer.from(input)
  const collector = new OptionCollector(buf)
  collector.scan(Offset.options, length, true)
  const overload = collector.overload
  if (overload & 1) collector.scan(Offset.file, Offset.file + FILE_SIZE, false)
  if (overload & 2) collector.scan(Offset.sname, Offset.sname + SNAME_SIZE, false)

  return {
    op: op as 1 | 2,
    htype: buf[Offset.htype],
    hlen,
    hops: buf[Offset.hops],
    xid: buf.readUInt32BE(Offset.xid),
    secs: buf.readUInt16BE(Offset.secs),
    flags: buf.readUInt16BE(Offset.flags),
    ciaddr: buf.readUInt32BE(Offset.ciaddr),
    yiaddr: buf.readUInt32BE(Offset.yiaddr),
    siaddr: buf.readUInt32BE(Offset.siaddr),
    giaddr: buf.readUInt32BE(Offset.giaddr),
    chaddr: buf.subarray(Offset.chaddr, Offset.chaddr + 16),
    sname: overload & 2 ? '' : fixedString(buf, Offset.sname, SNAME_SIZE),
    file: overload & 1 ? '' : fixedString(buf, Offset.file, FILE_SIZE),
    options: collector.finish(),
  }
}

/**
 * sname and file are NUL-terminated byte strings. They are read as latin1
 * (one char per byte) so any received value encodes back to the same bytes.
 */
function fixedString(buf: Buffer, start: number, size: number): string {
  if (buf[start] === 0) return ''
  const end = start + size
  let stop = buf.indexOf(0, start)
  if (stop < 0 || stop > end) stop = end
  return buf.toString('latin1', start, stop)
}

class OptionCollector {
  readonly options = new Map<number, Buffer>()
  overload = 0
  // Pieces of options seen more than once, joined once at the end so a long
  // chain of repeats costs linear, not quadratic, copying.
  private repeats: Map<number, Buffer[]> | undefined

  constructor(private readonly buf: Buffer) {}

  scan(start: number, end: number, isOptionsField: boolean): void {
    const buf = this.buf
    let i = start
    while (i < end) {
      const code = buf[i]
      if (code === Opt.pad) {
        i++
        continue
      }
      if (code === Opt.end) return
      if (i + 1 >= end) throw malformed('option-overrun')
      const valueStart = i + 2
      const valueEnd = valueStart + buf[i + 1]
      if (valueEnd > end) throw malformed('option-overrun')
      if (code === Opt.overload) {
        // Only meaningful in the options field (RFC 2131 §4.1); a copy inside
        // file or sname must not make us scan a field twice.
        if (isOptionsField) {
          if (this.overload !== 0 || valueEnd - valueStart !== 1) throw malformed('bad-overload')
          const value = buf[valueStart]
          if (value < 1 || value > 3) throw malformed('bad-overload')
          this.overload = value
        }
      } else {
        this.add(code, buf.subarray(valueStart, valueEnd))
      }
      i = valueEnd
    }
  }

  private add(code: number, value: Buffer): void {
    const first = this.options.get(code)
    if (first === undefined) {
      this.options.set(code, value)
      return
    }
    this.repeats ??= new Map()
    const pieces = this.repeats.get(code)
    if (pieces === undefined) this.repeats.set(code, [first, value])
    else pieces.push(value)
  }

  finish(): Map<number, Buffer> {
    if (this.repeats !== undefined) {
      // set() on an existing key keeps the option's first-seen position.
      for (const [code, pieces] of this.repeats) this.options.set(code, Buffer.concat(pieces))
    }
    return this.options
  }
}
