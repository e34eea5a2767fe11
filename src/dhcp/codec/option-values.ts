import {decodeDomainList, decodeDomainName, encodeDomainList, encodeDomainName} from './dns-names.js'
import {ip4ToString, parseIp4, prefixToMask} from './ip4.js'
import {closestOptionName, lookupOption, optionByName, type OptionDef, type OptionType} from './option-table.js'
import {OptionValueError} from './option-value-error.js'

// Typed option values <-> option bytes, driven by the option table. Not on
// the per-packet hot path: the server reads the few options it needs straight
// from the bytes (see packet-options.ts).

/** A classless route (RFC 3442): destination in CIDR form. */
export interface Route {
  destination: string
  router: string
}

export interface RelaySubOption {
  code: number
  data: Buffer
}

/** RFC 4702. A name ending with '.' was sent with its root label (fully qualified). */
export interface ClientFqdn {
  flags: number
  rcode1: number
  rcode2: number
  name: string
}

/** The value each option type decodes to (and accepts when encoding). */
export interface OptionValueOfType {
  none: Buffer
  flag: boolean
  ip: string
  ips: string[]
  'ip-pairs': Array<[string, string]>
  u8: number
  u16: number
  u32: number
  i32: number
  bool: boolean
  string: string
  bytes: Buffer
  u8s: number[]
  u16s: number[]
  'option-codes': number[]
  routes: Route[]
  'domain-list': string[]
  'client-id': Buffer
  'relay-agent-info': RelaySubOption[]
  'client-fqdn': ClientFqdn
}

/** Indexing by OptionType also proves every type has a value type above. */
export type OptionValue = OptionValueOfType[OptionType]

/** FQDN flag: name in canonical wire format (RFC 4702 §2.1). */
export const FQDN_FLAG_E = 0x04

/** Resolves a code or name, throwing an OptionValueError for an unknown name. */
export function requireOption(nameOrCode: string | number): OptionDef {
  const entry = lookupOption(nameOrCode)
  if (entry !== undefined) return entry
  const suggestion = typeof nameOrCode === 'string' ? closestOptionName(nameOrCode) : undefined
  throw new OptionValueError(
    `unknown option '${nameOrCode}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
    'use an option name such as router, or a code 1-254 for raw bytes',
  )
}

export function optionError(entry: OptionDef, problem: string): OptionValueError {
  return new OptionValueError(`option ${entry.name}: ${problem}`)
}

/** Throws unless `length` satisfies the table's length constraints for the option. */
export function checkOptionLength(entry: OptionDef, length: number): void {
  if (entry.type === 'none') throw optionError(entry, 'carries no value (it is framing)')
  const {minLength, maxLength, multipleOf} = entry
  if (maxLength !== undefined && minLength === maxLength && length !== minLength) {
    throw optionError(entry, `must be exactly ${bytes(minLength)}, not ${length}`)
  }
  if (length < minLength) throw optionError(entry, `needs at least ${bytes(minLength)}, not ${length}`)
  if (maxLength !== undefined && length > maxLength) throw optionError(entry, `takes at most ${bytes(maxLength)}, not ${length}`)
  if (length % multipleOf !== 0) throw optionError(entry, `length ${length} is not a multiple of ${multipleOf}`)
}

function bytes(n: number): string {
  return n === 1 ? '1 byte' : `${n} bytes`
}

/**
 * Bytes of an option value. A Buffer is taken as the raw value for any
 * option (copied, length-checked); other values must match the option type
 * (see OptionValueOfType; addresses may also be given as Ip4 numbers).
 */
export function encodeOptionValue(nameOrCode: string | number, value: OptionValue): Buffer {
  const entry = requireOption(nameOrCode)
  const bytes = Buffer.isBuffer(value) ? Buffer.from(value) : encodeTyped(entry, value)
  checkOptionLength(entry, bytes.length)
  return bytes
}

/**
 * Typed value of an option's bytes (see OptionValueOfType). Codes missing
 * from the table decode to a copy of the bytes. Throws OptionValueError when
 * the bytes break the option's format.
 */
export function decodeOptionValue(nameOrCode: string | number, data: Buffer): OptionValue {
  const entry = requireOption(nameOrCode)
  checkOptionLength(entry, data.length)
  switch (entry.type) {
    case 'none':
      return Buffer.alloc(0)
    case 'flag':
      return true
    case 'ip':
      return ip4ToString(data.readUInt32BE(0))
    case 'ips':
      return readIps(data)
    case 'ip-pairs': {
      const pairs: Array<[string, string]> = []
      for (let i = 0; i < data.length; i += 8) {
        pairs.push([ip4ToString(data.readUInt32BE(i)), ip4ToString(data.readUInt32BE(i + 4))])
      }
      return pairs
    }
    case 'u8':
      return data[0]
    case 'u16':
      return data.readUInt16BE(0)
    case 'u32':
      return data.readUInt32BE(0)
    case 'i32':
      return data.readInt32BE(0)
    case 'bool':
      if (data[0] > 1) throw optionError(entry, `boolean byte is ${data[0]}, not 0 or 1`)
      return data[0] === 1
    case 'string':
      return decodeText(data)
    case 'bytes':
    case 'client-id':
      return Buffer.from(data)
    case 'u8s':
    case 'option-codes':
      return Array.from(data)
    case 'u16s': {
      const values: number[] = []
      for (let i = 0; i < data.length; i += 2) values.push(data.readUInt16BE(i))
      return values
    }
    case 'routes':
      return decodeRoutes(entry, data)
    case 'domain-list':
      return withOption(entry, () => decodeDomainList(data))
    case 'relay-agent-info':
      return decodeSubOptions(entry, data)
    case 'client-fqdn':
      return decodeFqdn(entry, data)
  }
}

/** Some clients NUL-terminate strings though RFC 2132 §2 says not to; drop the NULs. */
function decodeText(data: Buffer): string {
  let end = data.length
  while (end > 0 && data[end - 1] === 0) end--
  return data.toString('utf8', 0, end)
}

function readIps(data: Buffer): string[] {
  const ips: string[] = []
  for (let i = 0; i < data.length; i += 4) ips.push(ip4ToString(data.readUInt32BE(i)))
  return ips
}

/** Runs a helper that throws RangeError and rethrows as an error naming the option. */
function withOption<T>(entry: OptionDef, run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof RangeError) throw optionError(entry, error.message)
    throw error
  }
}

function encodeTyped(entry: OptionDef, value: OptionValue): Buffer {
  switch (entry.type) {
    case 'none':
      throw optionError(entry, 'carries no value (it is framing)')
    case 'flag':
      if (value !== true) throw optionError(entry, 'has no value; give true to include it')
      return Buffer.alloc(0)
    case 'ip': {
      const out = Buffer.allocUnsafe(4)
      out.writeUInt32BE(addressOf(entry, value), 0)
      return out
    }
    case 'ips':
      return writeAddresses(entry, listOf(entry, value, 'a list of IPv4 addresses'))
    case 'ip-pairs': {
      const pairs = listOf(entry, value, 'a list of address pairs')
      const flat: unknown[] = []
      for (const pair of pairs) {
        if (!Array.isArray(pair) || pair.length !== 2) throw optionError(entry, 'expected pairs of two addresses')
        flat.push(pair[0], pair[1])
      }
      return writeAddresses(entry, flat)
    }
    case 'u8':
    case 'u16':
    case 'u32':
    case 'i32':
      return writeNumber(entry, entry.type, numberOf(entry, value))
    case 'bool':
      if (typeof value !== 'boolean') throw optionError(entry, 'expected true or false')
      return Buffer.from([value ? 1 : 0])
    case 'string':
      if (typeof value !== 'string') throw optionError(entry, 'expected text')
      return Buffer.from(value, 'utf8')
    case 'bytes':
    case 'client-id':
      throw optionError(entry, 'expected bytes (a Buffer)')
    case 'u8s':
    case 'u16s':
    case 'option-codes': {
      const items = listOf(entry, value, 'a list of numbers')
      const width = entry.type === 'u16s' ? 2 : 1
      const out = Buffer.allocUnsafe(items.length * width)
      items.forEach((item, i) => {
        const n = entry.type === 'option-codes' ? optionCodeOf(entry, item) : numberOf(entry, item)
        if (width === 2) out.writeUInt16BE(checkRange(entry, n, 0, 0xffff), i * 2)
        else out[i] = checkRange(entry, n, 0, 0xff)
      })
      return out
    }
    case 'routes':
      return encodeRoutes(entry, listOf(entry, value, 'a list of routes'))
    case 'domain-list': {
      const names = listOf(entry, value, 'a list of domain names')
      if (!names.every((name): name is string => typeof name === 'string')) throw optionError(entry, 'expected domain names')
      return withOption(entry, () => encodeDomainList(names))
    }
    case 'relay-agent-info':
      return encodeSubOptions(entry, listOf(entry, value, 'a list of sub-options'))
    case 'client-fqdn':
      return encodeFqdn(entry, value)
  }
}

function listOf(entry: OptionDef, value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw optionError(entry, `expected ${what}`)
  return value
}

function addressOf(entry: OptionDef, value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff) return value
  if (typeof value === 'string') {
    const address = parseIp4(value.trim())
    if (address !== undefined) return address
  }
  throw optionError(entry, `'${String(value)}' is not an IPv4 address`)
}

function writeAddresses(entry: OptionDef, items: unknown[]): Buffer {
  const out = Buffer.allocUnsafe(items.length * 4)
  items.forEach((item, i) => out.writeUInt32BE(addressOf(entry, item), i * 4))
  return out
}

function numberOf(entry: OptionDef, value: unknown): number {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && entry.enumNames) {
    const wanted = value.trim().toLowerCase()
    for (const [code, name] of Object.entries(entry.enumNames)) if (name === wanted) return Number(code)
    throw optionError(entry, `'${value}' is not one of ${Object.values(entry.enumNames).join(', ')}`)
  }
  throw optionError(entry, `expected a number, not ${JSON.stringify(value)}`)
}

function optionCodeOf(entry: OptionDef, value: unknown): number {
  if (typeof value === 'string') {
    const named = optionByName(value) ?? lookupOption(value)
    if (named === undefined) throw optionError(entry, `'${value}' is not an option name or code`)
    return named.code
  }
  return numberOf(entry, value)
}

const NUMBER_RANGES = {
  u8: [0, 0xff],
  u16: [0, 0xffff],
  u32: [0, 0xffffffff],
  i32: [-0x80000000, 0x7fffffff],
} as const

function writeNumber(entry: OptionDef, type: keyof typeof NUMBER_RANGES, value: number): Buffer {
  const [min, max] = NUMBER_RANGES[type]
  const n = checkRange(entry, value, min, max)
  const out = Buffer.allocUnsafe(type === 'u8' ? 1 : type === 'u16' ? 2 : 4)
  if (type === 'u8') out[0] = n
  else if (type === 'u16') out.writeUInt16BE(n, 0)
  else if (type === 'u32') out.writeUInt32BE(n, 0)
  else out.writeInt32BE(n, 0)
  return out
}

/** Checks an integer against the type range and the option's own limits. */
function checkRange(entry: OptionDef, value: number, typeMin: number, typeMax: number): number {
  const min = Math.max(typeMin, entry.minValue ?? typeMin)
  const max = Math.min(typeMax, entry.maxValue ?? typeMax)
  if (!Number.isInteger(value)) throw optionError(entry, `${value} is not a whole number`)
  if (value < min || value > max) throw optionError(entry, `${value} is outside ${min}-${max}`)
  if (entry.enumNames && entry.type === 'u8' && entry.enumNames[value] === undefined) {
    throw optionError(entry, `${value} is not one of ${Object.keys(entry.enumNames).join(', ')}`)
  }
  return value
}

/** Parses 'a.b.c.d/len', rejecting host bits set past the prefix. */
export function parseCidr(text: string): {network: number; prefixLength: number} | string {
  const slash = text.indexOf('/')
  if (slash < 0) return `'${text}' needs a prefix length, like 10.0.0.0/8`
  const network = parseIp4(text.slice(0, slash))
  if (network === undefined) return `'${text.slice(0, slash)}' is not an IPv4 address`
  const lengthText = text.slice(slash + 1)
  const prefixLength = Number(lengthText)
  if (!/^\d{1,2}$/.test(lengthText) || prefixLength > 32) return `'/${lengthText}' is not a prefix length 0-32`
  const mask = prefixToMask(prefixLength)
  if (((network & ~mask) >>> 0) !== 0) {
    return `'${text}' has host bits set (did you mean ${ip4ToString((network & mask) >>> 0)}/${prefixLength}?)`
  }
  return {network, prefixLength}
}

/** RFC 3442 §2: width, the significant octets of the destination, router. */
function encodeRoutes(entry: OptionDef, routes: unknown[]): Buffer {
  const bytes: number[] = []
  for (const route of routes) {
    if (typeof route !== 'object' || route === null || !('destination' in route) || !('router' in route)) {
      throw optionError(entry, 'expected routes like {destination: "10.0.0.0/8", router: "192.0.2.1"}')
    }
    const cidr = parseCidr(String(route.destination))
    if (typeof cidr === 'string') throw optionError(entry, cidr)
    const router = addressOf(entry, route.router)
    bytes.push(cidr.prefixLength)
    for (let i = 0; i < Math.ceil(cidr.prefixLength / 8); i++) bytes.push((cidr.network >>> (24 - 8 * i)) & 0xff)
    bytes.push(router >>> 24, (router >>> 16) & 0xff, (router >>> 8) & 0xff, router & 0xff)
  }
  return Buffer.from(bytes)
}

function decodeRoutes(entry: OptionDef, data: Buffer): Route[] {
  const routes: Route[] = []
  let at = 0
  while (at < data.length) {
    const width = data[at]
    if (width > 32) throw optionError(entry, `route prefix length ${width} is more than 32`)
    const octets = Math.ceil(width / 8)
    if (at + 1 + octets + 4 > data.length) throw optionError(entry, 'a route runs past the end of the option')
    let network = 0
    for (let i = 0; i < 4; i++) network = network * 256 + (i < octets ? data[at + 1 + i] : 0)
    if (((network & ~prefixToMask(width)) >>> 0) !== 0) {
      throw optionError(entry, `route ${ip4ToString(network)}/${width} has host bits set`)
    }
    routes.push({
      destination: `${ip4ToString(network)}/${width}`,
      router: ip4ToString(data.readUInt32BE(at + 1 + octets)),
    })
    at += 1 + octets + 4
  }
  return routes
}

function encodeSubOptions(entry: OptionDef, items: unknown[]): Buffer {
  const parts: Buffer[] = []
  for (const item of items) {
    if (typeof item !== 'object' || item === null || !('code' in item) || !('data' in item)) {
      throw optionError(entry, 'expected sub-options like {code: 1, data: Buffer}')
    }
    const code = item.code
    const data = item.data
    if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 255) {
      throw optionError(entry, `sub-option code ${String(code)} is not 0-255`)
    }
    if (!Buffer.isBuffer(data)) throw optionError(entry, `sub-option ${code} data is not bytes`)
    if (data.length > 255) throw optionError(entry, `sub-option ${code} is ${data.length} bytes, at most 255 fit`)
    parts.push(Buffer.from([code, data.length]), data)
  }
  return Buffer.concat(parts)
}

function decodeSubOptions(entry: OptionDef, data: Buffer): RelaySubOption[] {
  const items: RelaySubOption[] = []
  let at = 0
  while (at < data.length) {
    if (at + 2 > data.length || at + 2 + data[at + 1] > data.length) {
      throw optionError(entry, 'a sub-option runs past the end of the option')
    }
    items.push({code: data[at], data: Buffer.from(data.subarray(at + 2, at + 2 + data[at + 1]))})
    at += 2 + data[at + 1]
  }
  return items
}

function encodeFqdn(entry: OptionDef, value: unknown): Buffer {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Buffer.isBuffer(value)) {
    throw optionError(entry, 'expected {flags, rcode1, rcode2, name}')
  }
  const fqdn = value as Partial<ClientFqdn>
  const flags = fqdn.flags ?? FQDN_FLAG_E
  const header = [flags, fqdn.rcode1 ?? 0, fqdn.rcode2 ?? 0]
  for (const n of header) {
    if (!Number.isInteger(n) || n < 0 || n > 255) throw optionError(entry, `flags and rcodes must be bytes, not ${n}`)
  }
  const name = fqdn.name ?? ''
  if (typeof name !== 'string') throw optionError(entry, 'name must be text')
  // Flag E selects wire format; without it the name is plain ASCII (deprecated).
  const encodedName =
    name.length === 0 ? Buffer.alloc(0) : flags & FQDN_FLAG_E ? withOption(entry, () => encodeDomainName(name)) : Buffer.from(name, 'latin1')
  return Buffer.concat([Buffer.from(header), encodedName])
}

function decodeFqdn(entry: OptionDef, data: Buffer): ClientFqdn {
  const flags = data[0]
  const nameBytes = data.subarray(3)
  const name = flags & FQDN_FLAG_E ? withOption(entry, () => decodeDomainName(nameBytes)) : nameBytes.toString('latin1')
  return {flags, rcode1: data[1], rcode2: data[2], name}
}
