import type {DhcpPacket, Ip4} from '../engine-types.js'
import {hwaddrToString} from './ip4.js'
import {Opt} from './packet-constants.js'

// The handful of option reads and writes the server does for every packet,
// straight from and to bytes, without the option table. Each reader returns
// undefined when the option is absent or has the wrong length, which the
// server treats the same way (RFC 2131 leaves both to the server's judgement).

/** Option 53, or undefined when missing or not one byte. */
export function messageTypeOf(pkt: DhcpPacket): number | undefined {
  const value = pkt.options.get(Opt.messageType)
  return value !== undefined && value.length === 1 ? value[0] : undefined
}

export function readIp4Option(pkt: DhcpPacket, code: number): Ip4 | undefined {
  const value = pkt.options.get(code)
  return value !== undefined && value.length === 4 ? value.readUInt32BE(0) : undefined
}

export function readU32Option(pkt: DhcpPacket, code: number): number | undefined {
  const value = pkt.options.get(code)
  return value !== undefined && value.length === 4 ? value.readUInt32BE(0) : undefined
}

export function readU16Option(pkt: DhcpPacket, code: number): number | undefined {
  const value = pkt.options.get(code)
  return value !== undefined && value.length === 2 ? value.readUInt16BE(0) : undefined
}

/** Text option (UTF-8), without the trailing NULs some clients add. */
export function readStringOption(pkt: DhcpPacket, code: number): string | undefined {
  const value = pkt.options.get(code)
  if (value === undefined) return undefined
  let end = value.length
  while (end > 0 && value[end - 1] === 0) end--
  return value.toString('utf8', 0, end)
}

/** Hardware address as lowercase colon-separated hex. */
export function hwaddrOf(pkt: DhcpPacket): string {
  return hwaddrToString(pkt.chaddr, pkt.hlen)
}

/**
 * The stable client key of the lease contract (engine-types Lease.clientKey):
 * `id:<hex of option 61>` when the client sent an identifier, else
 * `hw:<aa:bb:..>` (RFC 2131 §4.2: the identifier takes precedence).
 */
export function clientKeyOf(pkt: DhcpPacket): string {
  const id = pkt.options.get(Opt.clientId)
  if (id !== undefined && id.length > 0) return `id:${id.toString('hex')}`
  return `hw:${hwaddrOf(pkt)}`
}

export function ip4Value(address: Ip4): Buffer {
  const out = Buffer.allocUnsafe(4)
  out.writeUInt32BE(address >>> 0, 0)
  return out
}

export function u32Value(n: number): Buffer {
  const out = Buffer.allocUnsafe(4)
  out.writeUInt32BE(n, 0)
  return out
}

export function u16Value(n: number): Buffer {
  const out = Buffer.allocUnsafe(2)
  out.writeUInt16BE(n, 0)
  return out
}

export function messageTypeValue(type: number): Buffer {
  if (!Number.isInteger(type) || type < 1 || type > 8) throw new RangeError(`message type ${type} is not 1-8`)
  return Buffer.from([type])
}
