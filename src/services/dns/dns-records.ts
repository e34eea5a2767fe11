import {dnsNameProblem, ipv4Problem, ipv6Problem} from '../../lib/validation/net-values.js'

export type RecordType = 'A' | 'AAAA' | 'CNAME' | 'MX' | 'TXT' | 'NS' | 'SRV' | 'PTR'

export interface DnsRecord {
  /** Absolute owner name, lower case, with the trailing dot. */
  fqdn: string
  type: RecordType
  /** Value as written in the zone file (names made absolute, TXT quoted). */
  data: string
  /** The written form, for messages. */
  source: string
}

const TYPES: ReadonlySet<string> = new Set(['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SRV'])

/** `www` in example.test → `www.example.test.`; `@` → the zone; absolute names stay. */
export function absoluteName(name: string, origin: string): string {
  if (name === '@') return `${origin}.`
  if (name.endsWith('.')) return name.toLowerCase()
  return `${name}.${origin}.`.toLowerCase()
}

function targetName(value: string, origin: string): string {
  const problem = value === '@' ? undefined : dnsNameProblem(value)
  if (problem) throw new Error(problem)
  return absoluteName(value, origin)
}

function u16(value: string, what: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) throw new Error(`${what} '${value}' must be a number from 0 to 65535`)
  return Number(value)
}

/**
 * Parses `NAME TYPE VALUE` (e.g. `www A 198.18.0.80`, `@ MX 10 mail`) relative
 * to the primary zone. Throws Error with a message that says what to fix.
 */
export function parseRecord(text: string, origin: string): DnsRecord {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) throw new Error(`record ${JSON.stringify(text)} contains a newline or control character`)
  const parts = text.trim().split(/\s+/)
  if (parts.length < 3) throw new Error(`record '${text}' must be "NAME TYPE VALUE", e.g. "www A 198.18.0.80"`)
  const [name, rawType, ...rest] = parts
  const type = rawType.toUpperCase()
  if (!TYPES.has(type)) throw new Error(`record '${text}': type ${rawType} is not one of ${[...TYPES].join(', ')}`)
  if (name !== '@') {
    const problem = dnsNameProblem(name)
    if (problem) throw new Error(`record '${text}': ${problem}`)
  }
  const fqdn = absoluteName(name, origin)
  const fail = (message: string): never => {
    throw new Error(`record '${text}': ${message}`)
  }
  let data = ''
  try {
    switch (type) {
      case 'A': {
        if (rest.length !== 1) fail('an A record takes one IPv4 address')
        const problem = ipv4Problem(rest[0])
        if (problem) fail(problem)
        data = rest[0]
        break
      }
      case 'AAAA': {
        if (rest.length !== 1) fail('an AAAA record takes one IPv6 address')
        const problem = ipv6Problem(rest[0])
        if (problem) fail(problem)
        data = rest[0].toLowerCase()
        break
      }
      case 'CNAME':
      case 'NS':
        if (rest.length !== 1) fail(`a ${type} record takes one name`)
        data = targetName(rest[0], origin)
        break
      case 'MX':
        if (rest.length !== 2) fail('an MX record takes "PRIORITY HOST", e.g. "10 mail"')
        data = `${u16(rest[0], 'priority')} ${targetName(rest[1], origin)}`
        break
      case 'SRV':
        if (rest.length !== 4) fail('an SRV record takes "PRIORITY WEIGHT PORT TARGET"')
        data = `${u16(rest[0], 'priority')} ${u16(rest[1], 'weight')} ${u16(rest[2], 'port')} ${targetName(rest[3], origin)}`
        break
      case 'TXT': {
        const value = text.trim().slice(text.trim().indexOf(rawType) + rawType.length).trim()
        if (/["\\]/.test(value)) fail('TXT text may not contain double quotes or backslashes')
        if (value.length > 255) fail('TXT text is longer than 255 characters')
        data = `"${value}"`
        break
      }
    }
  } catch (error) {
    const message = (error as Error).message
    throw new Error(message.startsWith('record ') ? message : `record '${text}': ${message}`)
  }
  return {fqdn, type: type as RecordType, data, source: text.trim()}
}

/** Is `fqdn` inside (or at) the zone `zone` (both absolute)? */
export function inZone(fqdn: string, zone: string): boolean {
  return fqdn === zone || fqdn.endsWith(`.${zone}`)
}

/** `198.18.0.53` → zone `0.18.198.in-addr.arpa.` and label `53`. */
export function reverseOf(ip: string): {zone: string; label: string} {
  const [a, b, c, d] = ip.split('.')
  return {zone: `${c}.${b}.${a}.in-addr.arpa.`, label: d}
}
