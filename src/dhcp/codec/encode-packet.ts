import type {DhcpPacket} from '../engine-types.js'
import {
  CHADDR_SIZE,
  FILE_SIZE,
  IP_UDP_OVERHEAD,
  MAGIC_COOKIE,
  MIN_BOOTP_SIZE,
  MIN_DHCP_SIZE,
  MIN_MAX_MESSAGE_SIZE,
  Offset,
  Opt,
  SNAME_SIZE,
} from './packet-constants.js'

/** A packet that cannot be put on the wire (bad field, or options that do not fit). */
export class PacketEncodeError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PacketEncodeError'
  }
}

const MAX_IP_DATAGRAM = 65535

/**
 * Largest DHCP message (UDP payload) for a size limit given the way option 57
 * counts it: the whole IP datagram, so 576 leaves 548 bytes (RFC 2131 §2:
 * 236 fixed + 312 options + 28 IP/UDP = 576). Limits below 576 are raised to
 * 576, which every client must accept.
 */
export function maxPayloadSize(maxSize: number): number {
  const size = Number.isFinite(maxSize) ? Math.floor(maxSize) : MIN_MAX_MESSAGE_SIZE
  return Math.min(Math.max(size, MIN_MAX_MESSAGE_SIZE), MAX_IP_DATAGRAM) - IP_UDP_OVERHEAD
}

/**
 * Encodes a packet. `maxSize` is the receiver's limit as option 57 states it
 * (IP datagram bytes, see maxPayloadSize).
 *
 * Options go out with 53 first, then in map order. Values longer than 255
 * bytes are split into consecutive instances (RFC 3396). Keys 0, 52 and 255
 * in the map are ignored: pad and end are framing, and overload (52) is
 * decided here. When the options do not fit, empty `file` and then empty
 * `sname` fields carry the rest (option 52). The result is at least 300 bytes
 * (RFC 1542 §2.1).
 *
 * Throws PacketEncodeError when a field is out of range or the options do not
 * fit even with overload.
 */
export function encodePacket(pkt: DhcpPacket, maxSize = MIN_MAX_MESSAGE_SIZE): Buffer {
  const limit = maxPayloadSize(maxSize)
  const plainSize = plainPacketSize(pkt.options)
  if (plainSize <= limit) {
    const out = zeroed(Math.max(MIN_BOOTP_SIZE, plainSize))
    writeHeader(pkt, out, 0)
    writePlainOptions(pkt.options, out)
    return out
  }
  const out = zeroed(limit)
  return out.subarray(0, writeOverloaded(pkt, out, limit))
}

/**
 * A zero-filled buffer of its own. allocUnsafe takes a reply-sized buffer
 * from Node's shared pool (a slice, no allocation of its own), where
 * Buffer.alloc allocates every reply separately, which costs more than the
 * fill.
 */
function zeroed(size: number): Buffer {
  return Buffer.allocUnsafe(size).fill(0)
}

/**
 * Encodes into a caller-owned buffer (reused across replies on the hot path)
 * and returns the packet length; `out` must hold max(300, maxPayloadSize(maxSize))
 * bytes. Bytes past the returned length are left as they were.
 */
export function encodePacketInto(pkt: DhcpPacket, out: Buffer, maxSize = MIN_MAX_MESSAGE_SIZE): number {
  const limit = maxPayloadSize(maxSize)
  if (out.length < Math.max(MIN_BOOTP_SIZE, limit)) {
    throw new RangeError(`output buffer of ${out.length} bytes is smaller than ${Math.max(MIN_BOOTP_SIZE, limit)}`)
  }
  const plainSize = plainPacketSize(pkt.options)
  if (plainSize <= limit) {
    const size = Math.max(MIN_BOOTP_SIZE, plainSize)
    out.fill(0, 0, size)
    writeHeader(pkt, out, 0)
    writePlainOptions(pkt.options, out)
    return size
  }
  out.fill(0, 0, limit)
  return writeOverloaded(pkt, out, limit)
}

/** Bytes an option value takes as TLVs: one 2-byte header per 255-byte piece. */
function wireSize(length: number): number {
  return length === 0 ? 2 : length + 2 * Math.ceil(length / 255)
}

function isFramingCode(code: number): boolean {
  return code === Opt.pad || code === Opt.end || code === Opt.overload
}

/** Size without overload, validating every key on the way. */
function plainPacketSize(options: Map<number, Buffer>): number {
  let size = MIN_DHCP_SIZE + 1 // End
  for (const [code, value] of options) {
    if (!Number.isInteger(code) || code < 0 || code > 255) {
      throw new PacketEncodeError(`option code ${code} is not a byte`)
    }
    if (isFramingCode(code)) continue
    size += wireSize(value.length)
  }
  return size
}

function writeHeader(pkt: DhcpPacket, out: Buffer, overload: number): void {
  out[Offset.op] = checkedInt('op', pkt.op, 1, 2)
  out[Offset.htype] = checkedInt('htype', pkt.htype, 0, 0xff)
  out[Offset.hlen] = checkedInt('hlen', pkt.hlen, 0, CHADDR_SIZE)
  out[Offset.hops] = checkedInt('hops', pkt.hops, 0, 0xff)
  out.writeUInt32BE(checkedInt('xid', pkt.xid, 0, 0xffffffff), Offset.xid)
  out.writeUInt16BE(checkedInt('secs', pkt.secs, 0, 0xffff), Offset.secs)
  out.writeUInt16BE(checkedInt('flags', pkt.flags, 0, 0xffff), Offset.flags)
  out.writeUInt32BE(checkedInt('ciaddr', pkt.ciaddr, 0, 0xffffffff), Offset.ciaddr)
  out.writeUInt32BE(checkedInt('yiaddr', pkt.yiaddr, 0, 0xffffffff), Offset.yiaddr)
  out.writeUInt32BE(checkedInt('siaddr', pkt.siaddr, 0, 0xffffffff), Offset.siaddr)
  out.writeUInt32BE(checkedInt('giaddr', pkt.giaddr, 0, 0xffffffff), Offset.giaddr)
  if (pkt.chaddr.length > CHADDR_SIZE) {
    throw new PacketEncodeError(`chaddr is ${pkt.chaddr.length} bytes, at most ${CHADDR_SIZE} fit`)
  }
  pkt.chaddr.copy(out, Offset.chaddr)
  // A field that carries options must not also carry its string.
  if (!(overload & 2)) writeFixedString('sname', pkt.sname, out, Offset.sname, SNAME_SIZE)
  if (!(overload & 1)) writeFixedString('file', pkt.file, out, Offset.file, FILE_SIZE)
  out.writeUInt32BE(MAGIC_COOKIE, Offset.cookie)
}

function checkedInt(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new PacketEncodeError(`${field} ${value} is outside ${min}..${max}`)
  }
  return value
}

/** sname and file are byte strings (see decodePacket): one latin1 char per byte. */
function writeFixedString(field: string, text: string, out: Buffer, start: number, size: number): void {
  const length = text.length
  if (length === 0) return
  if (length > size) throw new PacketEncodeError(`${field} is ${length} characters, at most ${size} fit`)
  for (let i = 0; i < length; i++) {
    if (text.charCodeAt(i) > 0xff) throw new PacketEncodeError(`${field} has a character that is not a single byte`)
  }
  out.write(text, start, length, 'latin1')
}

function writeOption(out: Buffer, at: number, code: number, value: Buffer): number {
  const length = value.length
  if (length === 0) {
    out[at] = code
    out[at + 1] = 0
    return at + 2
  }
  for (let done = 0; done < length; ) {
    const piece = Math.min(255, length - done)
    out[at] = code
    out[at + 1] = piece
    value.copy(out, at + 2, done, done + piece)
    at += 2 + piece
    done += piece
  }
  return at
}

function writePlainOptions(options: Map<number, Buffer>, out: Buffer): void {
  let at: number = Offset.options
  const messageType = options.get(Opt.messageType)
  if (messageType !== undefined) at = writeOption(out, at, Opt.messageType, messageType)
  for (const [code, value] of options) {
    if (code === Opt.messageType || isFramingCode(code)) continue
    at = writeOption(out, at, code, value)
  }
  out[at] = Opt.end
}

/**
 * Overload layout. Each option goes whole into the first field with room
 * (options, then file, then sname), so receivers that do not join split
 * options still read it; an option that fits nowhere whole is split across
 * fields in that order, which is the order RFC 3396 §5 joins them in.
 * Returns the packet length.
 */
function writeOverloaded(pkt: DhcpPacket, out: Buffer, limit: number): number {
  // Each field keeps its last byte for End.
  const starts: number[] = [Offset.options]
  const ends: number[] = [limit - 1]
  const bits: number[] = [0]
  if (pkt.file.length === 0) {
    starts.push(Offset.file)
    ends.push(Offset.file + FILE_SIZE - 1)
    bits.push(1)
  }
  if (pkt.sname.length === 0) {
    starts.push(Offset.sname)
    ends.push(Offset.sname + SNAME_SIZE - 1)
    bits.push(2)
  }
  const positions = starts.slice()

  const tooBig = (): PacketEncodeError =>
    new PacketEncodeError(
      `options need ${plainPacketSize(pkt.options)} bytes; they do not fit in ${limit} even with option overload`,
    )
  const messageType = pkt.options.get(Opt.messageType)
  if (messageType !== undefined) {
    // 53 and 52 open the options field, ahead of everything placed below.
    if (wireSize(messageType.length) + 3 > ends[0] - positions[0]) throw tooBig()
    positions[0] = writeOption(out, positions[0], Opt.messageType, messageType)
  }
  const overloadAt = positions[0]
  positions[0] += 3

  const place = (code: number, value: Buffer): void => {
    const need = wireSize(value.length)
    if (value.length <= 255) {
      for (let f = 0; f < positions.length; f++) {
        if (ends[f] - positions[f] >= need) {
          positions[f] = writeOption(out, positions[f], code, value)
          return
        }
      }
    }
    let done = 0
    for (let f = 0; f < positions.length && done < value.length; f++) {
      while (done < value.length && ends[f] - positions[f] >= 3) {
        const piece = Math.min(255, value.length - done, ends[f] - positions[f] - 2)
        positions[f] = writeOption(out, positions[f], code, value.subarray(done, done + piece))
        done += piece
      }
    }
    if (done < value.length || value.length === 0) throw tooBig()
  }
  for (const [code, value] of pkt.options) {
    if (code === Opt.messageType || isFramingCode(code)) continue
    place(code, value)
  }

  let overload = 0
  for (let f = 1; f < positions.length; f++) {
    if (positions[f] > starts[f]) overload |= bits[f]
  }
  writeHeader(pkt, out, overload)
  out[overloadAt] = Opt.overload
  out[overloadAt + 1] = 1
  out[overloadAt + 2] = overload
  for (let f = 0; f < positions.length; f++) {
    if (f === 0 || positions[f] > starts[f]) out[positions[f]] = Opt.end
  }
  return Math.max(MIN_BOOTP_SIZE, positions[0] + 1)
}
