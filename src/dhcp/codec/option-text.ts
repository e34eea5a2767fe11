import {parseIp4} from './ip4.js'
import {RELAY_SUBOPTION_IP, RELAY_SUBOPTION_NAMES, relaySubOptionCode, type OptionDef} from './option-table.js'
import {OptionValueError} from './option-value-error.js'
import {
  checkOptionLength,
  decodeOptionValue,
  encodeOptionValue,
  optionError,
  requireOption,
  type ClientFqdn,
  type OptionValue,
  type RelaySubOption,
  type Route,
} from './option-values.js'

// Options as admins write them in config files and flags, and as logs show
// them. formatOptionValue writes what parseOptionText reads back to the same
// bytes, so a logged value can be pasted into a config.
//
// Text forms, by option type:
//   ip            192.0.2.1
//   ips           198.18.0.1, 198.18.0.2        (commas and/or spaces)
//   ip-pairs      10.0.0.0 255.0.0.0, 192.0.2.0 255.255.255.0
//   numbers       1400; enumerated ones by name (dhcp-message-type offer);
//                 durations with s/m/h/d/w suffixes (lease-time 12h)
//   bool          true/false, yes/no, on/off, 1/0
//   string        example.test, or a JSON string "with \"escapes\""
//   bytes         0a0b0c or 0a:0b:0c, or "text" for its UTF-8 bytes
//   routes        10.0.0.0/8 198.18.0.1, 0.0.0.0/0 198.18.0.1
//   domain-list   example.test, corp.example.test
//   client-id     01:02:00:5e:10:00:01 (hex with separators), else the text's bytes
//   relay info    circuit-id=eth0/1, remote-id=0x020000000001, link-selection=198.18.1.0
//   client-fqdn   [flags=0x05] [rcode1=N] [rcode2=N] host.example.test
//   raw, any code 0x0a0b0c or hex:0a:0b:0c (length still checked for known options)

/** Option bytes from an admin's text. Throws OptionValueError saying what to fix. */
export function parseOptionText(nameOrCode: string | number, text: string): Buffer {
  const entry = requireOption(nameOrCode)
  const trimmed = text.trim()
  const raw = parseRawHex(entry, trimmed)
  if (raw !== undefined) {
    checkOptionLength(entry, raw.length)
    return raw
  }
  return encodeOptionValue(entry.code, textToValue(entry, trimmed))
}

/**
 * One-line text of option bytes, for logs and tests. Bytes that break the
 * option's format show as hex with the reason instead of throwing.
 */
export function formatOptionValue(nameOrCode: string | number, data: Buffer): string {
  const entry = requireOption(nameOrCode)
  let value: OptionValue
  try {
    value = decodeOptionValue(entry.code, data)
  } catch (error) {
    if (!(error instanceof OptionValueError)) throw error
    const problem = error.message.startsWith(`option ${entry.name}: `)
      ? error.message.slice(`option ${entry.name}: `.length)
      : error.message
    return `${hexText(data)} (invalid: ${problem})`
  }
  return formatValue(entry, value, data)
}

function formatValue(entry: OptionDef, value: OptionValue, data: Buffer): string {
  switch (entry.type) {
    case 'none':
      return ''
    case 'string':
      return formatText(data)
    case 'bytes':
      return hexText(data)
    case 'client-id':
      return colonHex(data)
    case 'u8':
    case 'u16':
    case 'u32':
    case 'i32':
      return entry.enumNames?.[value as number] ?? String(value)
    case 'ip-pairs':
      return (value as Array<[string, string]>).map(([a, b]) => `${a} ${b}`).join(', ')
    case 'routes':
      return (value as Route[]).map((route) => `${route.destination} ${route.router}`).join(', ')
    case 'relay-agent-info':
      return (value as RelaySubOption[])
        .map((sub) => `${RELAY_SUBOPTION_NAMES[sub.code] ?? sub.code}=${formatSubOptionData(sub)}`)
        .join(', ')
    case 'client-fqdn': {
      const fqdn = value as ClientFqdn
      const parts = [`flags=0x${fqdn.flags.toString(16).padStart(2, '0')}`]
      if (fqdn.rcode1 !== 0) parts.push(`rcode1=${fqdn.rcode1}`)
      if (fqdn.rcode2 !== 0) parts.push(`rcode2=${fqdn.rcode2}`)
      if (fqdn.name.length > 0) parts.push(quoteUnlessPlain(fqdn.name))
      return parts.join(' ')
    }
    case 'flag':
    case 'ip':
    case 'bool':
      return String(value)
    case 'ips':
    case 'u8s':
    case 'u16s':
    case 'option-codes':
    case 'domain-list':
      return (value as Array<string | number>).join(', ')
  }
}

function hexText(data: Buffer): string {
  return `0x${data.toString('hex')}`
}

function colonHex(data: Buffer): string {
  return Array.from(data, (byte) => byte.toString(16).padStart(2, '0')).join(':')
}

/** Text that reads back to exactly these bytes: bare, JSON-quoted, or hex when not UTF-8. */
function formatText(data: Buffer): string {
  const text = data.toString('utf8')
  if (!Buffer.from(text, 'utf8').equals(data)) return hexText(data)
  return quoteUnlessPlain(text)
}

function quoteUnlessPlain(text: string): string {
  return isPlain(text) ? text : JSON.stringify(text)
}

/** Plain text survives a config line unquoted: printable, no edge spaces, no quote, not hex-looking. */
function isPlain(text: string): boolean {
  if (text.length === 0 || text.trim() !== text || text.startsWith('"')) return false
  if (looksLikeRawHex(text)) return false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return false
  }
  return true
}

/** Relay sub-option data: an address, a bare token, a quoted string or hex. */
function formatSubOptionData(sub: RelaySubOption): string {
  if (RELAY_SUBOPTION_IP.has(sub.code) && sub.data.length === 4) {
    return Array.from(sub.data).join('.')
  }
  const text = sub.data.toString('latin1')
  let printable = true
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 || c > 0x7e) printable = false
  }
  if (!printable || sub.data.length === 0) return sub.data.length === 0 ? '""' : hexText(sub.data)
  // Bare only when it cannot be mistaken for a separator, quote or hex.
  if (/^[A-Za-z0-9._/:@+-]+$/.test(text) && !looksLikeRawHex(text) && parseIp4(text) === undefined) return text
  return JSON.stringify(text)
}

function looksLikeRawHex(text: string): boolean {
  const lower = text.toLowerCase()
  return lower.startsWith('hex:') || /^0x(?:[0-9a-f]{2})*$/.test(lower)
}

/** '0x…' (even number of digits) or 'hex:…' means raw bytes whatever the option. */
function parseRawHex(entry: OptionDef, text: string): Buffer | undefined {
  const lower = text.toLowerCase()
  if (lower.startsWith('hex:')) {
    const bytes = parseHexBytes(text.slice(4))
    if (bytes === undefined) throw optionError(entry, `'${text}' is not hex bytes (write hex:0a:0b:0c)`)
    return bytes
  }
  if (/^0x(?:[0-9a-f]{2})*$/.test(lower)) return Buffer.from(text.slice(2), 'hex')
  return undefined
}

/**
 * Hex bytes, either contiguous pairs ('0a0b0c') or groups of one or two
 * digits between ':', '-' or spaces ('a:b:c', '0a 0b'). Empty text is no bytes.
 */
function parseHexBytes(text: string): Buffer | undefined {
  const trimmed = text.trim()
  if (trimmed.length === 0) return Buffer.alloc(0)
  if (/^(?:[0-9a-fA-F]{2})+$/.test(trimmed)) return Buffer.from(trimmed, 'hex')
  const groups = trimmed.split(/[:\- ]/)
  if (groups.length < 2 || !groups.every((group) => /^[0-9a-fA-F]{1,2}$/.test(group))) return undefined
  return Buffer.from(groups.map((group) => parseInt(group, 16)))
}

/** Splits at separator characters that are not inside double quotes; drops empty parts. */
function splitOutsideQuotes(entry: OptionDef, text: string, isSeparator: (c: string) => boolean): string[] {
  const parts: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      current += c
      if (c === '\\' && i + 1 < text.length) current += text[++i]
      else if (c === '"') quoted = false
    } else if (c === '"') {
      quoted = true
      current += c
    } else if (isSeparator(c)) {
      parts.push(current)
      current = ''
    } else {
      current += c
    }
  }
  if (quoted) throw optionError(entry, `a quoted string is not closed in '${text}'`)
  parts.push(current)
  return parts.map((part) => part.trim()).filter((part) => part.length > 0)
}

const isComma = (c: string): boolean => c === ','
const isSpace = (c: string): boolean => c === ' ' || c === '\t'
const isCommaOrSpace = (c: string): boolean => isComma(c) || isSpace(c)

/** A JSON string literal when it starts with a quote, else the text itself. */
function unquote(entry: OptionDef, text: string): string {
  if (text.startsWith('"')) {
    try {
      const value: unknown = JSON.parse(text)
      if (typeof value === 'string') return value
    } catch {
      // fall through to the error below
    }
    throw optionError(entry, `${text} is not a valid quoted string (JSON escapes apply)`)
  }
  return text
}

const TRUE_WORDS = new Set(['true', 'yes', 'on', '1'])
const FALSE_WORDS = new Set(['false', 'no', 'off', '0'])
const DURATION_UNITS: Record<string, number> = {s: 1, m: 60, h: 3600, d: 86400, w: 604800}

function parseInteger(entry: OptionDef, text: string): number {
  if (/^-?\d+$/.test(text)) return Number(text)
  if (entry.seconds && /^(?:\d+[smhdw])+$/i.test(text)) {
    let total = 0
    for (const [, amount, unit] of text.toLowerCase().matchAll(/(\d+)([smhdw])/g)) {
      total += Number(amount) * DURATION_UNITS[unit]
    }
    return total
  }
  if (entry.enumNames) return numberFromEnum(entry, text)
  const hint = entry.seconds ? ' (durations: 3600, 90m, 12h, 7d)' : ''
  throw optionError(entry, `'${text}' is not a whole number${hint}`)
}

function numberFromEnum(entry: OptionDef, text: string): number {
  const wanted = text.toLowerCase()
  for (const [code, name] of Object.entries(entry.enumNames ?? {})) if (name === wanted) return Number(code)
  throw optionError(entry, `'${text}' is not one of ${Object.values(entry.enumNames ?? {}).join(', ')}`)
}

function textToValue(entry: OptionDef, text: string): OptionValue {
  switch (entry.type) {
    case 'none':
      throw optionError(entry, 'carries no value (it is framing)')
    case 'flag':
      if (text.length === 0 || TRUE_WORDS.has(text.toLowerCase())) return true
      throw optionError(entry, `has no value; write it without one (not '${text}')`)
    case 'ip':
      if (parseIp4(text) === undefined) throw optionError(entry, `'${text}' is not an IPv4 address`)
      return text
    case 'ips': {
      const items = splitOutsideQuotes(entry, text, isCommaOrSpace)
      for (const item of items) if (parseIp4(item) === undefined) throw optionError(entry, `'${item}' is not an IPv4 address`)
      if (items.length === 0 && entry.minLength > 0) throw optionError(entry, 'give at least one IPv4 address')
      return items
    }
    case 'ip-pairs':
      return splitOutsideQuotes(entry, text, isComma).map((pair): [string, string] => {
        const parts = pair.split(/\s+/)
        if (parts.length !== 2) throw optionError(entry, `'${pair}' is not two addresses separated by a space`)
        for (const part of parts) if (parseIp4(part) === undefined) throw optionError(entry, `'${part}' is not an IPv4 address`)
        return [parts[0], parts[1]]
      })
    case 'u8':
    case 'u16':
    case 'u32':
    case 'i32':
      if (text.length === 0) throw optionError(entry, 'needs a value')
      return parseInteger(entry, text)
    case 'bool': {
      const word = text.toLowerCase()
      if (TRUE_WORDS.has(word)) return true
      if (FALSE_WORDS.has(word)) return false
      throw optionError(entry, `'${text}' is not true or false`)
    }
    case 'string':
      return unquote(entry, text)
    case 'bytes': {
      if (text.startsWith('"')) return Buffer.from(unquote(entry, text), 'utf8')
      const bytes = parseHexBytes(text)
      if (bytes === undefined) throw optionError(entry, `'${text}' is not hex bytes (write 0a0b0c, 0a:0b:0c or "text")`)
      return bytes
    }
    case 'client-id': {
      if (text.startsWith('"')) return Buffer.from(unquote(entry, text), 'utf8')
      if (/[:-]/.test(text)) {
        const bytes = parseHexBytes(text)
        if (bytes !== undefined) return bytes
      }
      return Buffer.from(text, 'utf8')
    }
    case 'u8s':
    case 'u16s':
      return splitOutsideQuotes(entry, text, isCommaOrSpace).map((item) => parseInteger(entry, item))
    case 'option-codes':
      // Names stay strings; encodeOptionValue resolves them to codes.
      return splitOutsideQuotes(entry, text, isCommaOrSpace).map((item) => (/^\d+$/.test(item) ? Number(item) : item)) as
        | number[]
        | string[]
    case 'routes':
      return splitOutsideQuotes(entry, text, isComma).map((route): Route => {
        const parts = route.split(/\s+/).filter((part) => part.toLowerCase() !== 'via')
        if (parts.length !== 2) throw optionError(entry, `'${route}' is not 'destination/prefix router'`)
        return {destination: parts[0], router: parts[1]}
      })
    case 'domain-list':
      return splitOutsideQuotes(entry, text, isCommaOrSpace)
    case 'relay-agent-info':
      return splitOutsideQuotes(entry, text, isComma).map((item) => parseSubOption(entry, item))
    case 'client-fqdn':
      return parseFqdnText(entry, text)
  }
}

function parseSubOption(entry: OptionDef, item: string): RelaySubOption {
  const eq = item.indexOf('=')
  if (eq < 0) throw optionError(entry, `'${item}' is not name=value (e.g. circuit-id=eth0/1)`)
  const code = relaySubOptionCode(item.slice(0, eq))
  if (code === undefined) {
    throw optionError(
      entry,
      `'${item.slice(0, eq).trim()}' is not a sub-option (${Object.values(RELAY_SUBOPTION_NAMES).join(', ')} or a number)`,
    )
  }
  const valueText = item.slice(eq + 1).trim()
  const raw = parseRawHex(entry, valueText)
  if (raw !== undefined) return {code, data: raw}
  if (RELAY_SUBOPTION_IP.has(code)) {
    const address = parseIp4(valueText)
    if (address !== undefined) {
      const data = Buffer.allocUnsafe(4)
      data.writeUInt32BE(address, 0)
      return {code, data}
    }
  }
  return {code, data: Buffer.from(unquote(entry, valueText), 'latin1')}
}

function parseFqdnText(entry: OptionDef, text: string): ClientFqdn {
  const fqdn: ClientFqdn = {flags: 0x04, rcode1: 0, rcode2: 0, name: ''}
  for (const token of splitOutsideQuotes(entry, text, isSpace)) {
    const match = /^(flags|rcode1|rcode2)=(0x[0-9a-f]{1,2}|\d{1,3})$/i.exec(token)
    if (match) {
      const n = Number(match[2])
      if (n > 255) throw optionError(entry, `${match[1]} ${n} is more than 255`)
      fqdn[match[1].toLowerCase() as 'flags' | 'rcode1' | 'rcode2'] = n
    } else if (fqdn.name.length === 0) {
      fqdn.name = unquote(entry, token)
    } else {
      throw optionError(entry, `unexpected '${token}' (write [flags=N] [rcode1=N] [rcode2=N] name)`)
    }
  }
  return fqdn
}
