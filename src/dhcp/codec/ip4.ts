import type {Ip4} from '../engine-types.js'

// Conversions between the engine's numeric addresses and their text forms.
// These run for every packet that is logged or stored, so they parse by char
// code instead of with regular expressions or split().

/** Dotted-quad text of an address ('192.0.2.1' for 0xc0000201). */
export function ip4ToString(address: Ip4): string {
  return `${address >>> 24}.${(address >>> 16) & 0xff}.${(address >>> 8) & 0xff}.${address & 0xff}`
}

/**
 * Parses strict dotted-quad text: four decimal parts 0–255, no leading zeros
 * (so '010.0.0.1' is not silently read as octal or decimal), no spaces.
 * Returns undefined when the text is not an address.
 */
export function parseIp4(text: string): Ip4 | undefined {
  const length = text.length
  if (length < 7 || length > 15) return undefined
  let result = 0
  let part = 0
  let digits = 0
  let parts = 0
  for (let i = 0; i <= length; i++) {
    const c = i === length ? 46 /* '.' ends the last part */ : text.charCodeAt(i)
    if (c === 46) {
      if (digits === 0 || parts === 4) return undefined
      result = result * 256 + part
      parts++
      part = 0
      digits = 0
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) return undefined // leading zero
      part = part * 10 + (c - 48)
      if (part > 255) return undefined
      digits++
    } else {
      return undefined
    }
  }
  return parts === 4 ? result >>> 0 : undefined
}

/** Like parseIp4, but throws a RangeError naming the bad text. */
export function ip4FromString(text: string): Ip4 {
  const address = parseIp4(text)
  if (address === undefined) throw new RangeError(`'${text}' is not an IPv4 address`)
  return address
}

/** Netmask for a prefix length 0–32 (24 → 0xffffff00). */
export function prefixToMask(prefixLength: number): Ip4 {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0
}

/** Prefix length of a contiguous netmask, or undefined for a mask like 255.0.255.0. */
export function maskToPrefix(mask: Ip4): number | undefined {
  const inverted = ~mask >>> 0
  // A contiguous mask inverts to 2^k - 1, for which x & (x + 1) is zero.
  if ((inverted & (inverted + 1)) !== 0) return undefined
  return Math.clz32(inverted)
}

const HEX_PAIRS: readonly string[] = Array.from({length: 256}, (_, i) => i.toString(16).padStart(2, '0'))

/**
 * Lowercase colon-separated hex of the first `hlen` bytes of a hardware
 * address field ('02:00:5e:10:00:01'); hlen is clamped to the buffer.
 */
export function hwaddrToString(chaddr: Buffer, hlen: number): string {
  const n = Math.min(hlen, chaddr.length)
  if (n <= 0) return ''
  let text = HEX_PAIRS[chaddr[0]]
  for (let i = 1; i < n; i++) text += ':' + HEX_PAIRS[chaddr[i]]
  return text
}

/**
 * Parses a hardware address written as hex pairs separated by ':' or '-'
 * ('02:00:5e:10:00:01'), 1–16 bytes. Returns undefined when malformed.
 */
export function parseHwaddr(text: string): Buffer | undefined {
  const length = text.length
  // n pairs take 2n + (n - 1) characters.
  if ((length + 1) % 3 !== 0) return undefined
  const count = (length + 1) / 3
  if (count < 1 || count > 16) return undefined
  const out = Buffer.allocUnsafe(count)
  for (let i = 0; i < count; i++) {
    const at = i * 3
    const hi = hexDigit(text.charCodeAt(at))
    const lo = hexDigit(text.charCodeAt(at + 1))
    if (hi < 0 || lo < 0) return undefined
    if (i + 1 < count) {
      const sep = text.charCodeAt(at + 2)
      if (sep !== 58 && sep !== 45) return undefined
    }
    out[i] = (hi << 4) | lo
  }
  return out
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48
  if (c >= 97 && c <= 102) return c - 87
  if (c >= 65 && c <= 70) return c - 55
  return -1
}
