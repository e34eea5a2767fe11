import {ip4ToString} from '../codec/ip4.js'
import type {Ip4, Lease} from '../engine-types.js'
import {FNV_OFFSET_BASIS, FNV_PRIME, fnv1aBytes, fnv1aUtf8} from './fnv1a.js'
import {KEY_FROM_HW, KEY_ID_01_HW, KEY_TEXT, LEASE_STATES, type LeaseRecord, makeRecord, type StringInterner} from './lease-record.js'

// The lease log, version 1: UTF-8 text, one record per line, fields separated
// by tabs, the last field the FNV-1a of everything before it (8 hex digits)
// so a torn or garbled line is recognised for sure.
//
//   #srvctl-leases v1 written=<unix seconds>
//   L <address> <state> <start> <expiry> <clientKey> <hwaddr> <hostname> <scope> <checksum>
//   D <address> <checksum>                       (tombstone: the lease was removed)
//
// Text fields escape %, tab, LF and CR as %25 %09 %0A %0D. Addresses are
// dotted quads and states words, so the file can be read and grepped.

export const LOG_MAGIC = '#srvctl-leases'
export const LOG_VERSION = 'v1'

export function headerLine(writtenAt: number): string {
  return `${LOG_MAGIC} ${LOG_VERSION} written=${writtenAt}\n`
}

const NEEDS_ESCAPE = /[%\t\n\r]/
const ESCAPES: Readonly<Record<string, string>> = {'%': '%25', '\t': '%09', '\n': '%0A', '\r': '%0D'}
const UNESCAPES: Readonly<Record<string, string>> = {'%25': '%', '%09': '\t', '%0A': '\n', '%0D': '\r'}

function escapeField(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(/[%\t\n\r]/g, (c) => ESCAPES[c]) : text
}

function unescapeField(text: string): string {
  return text.replace(/%(25|09|0A|0D)/g, (escape) => UNESCAPES[escape])
}

function sealed(body: string): string {
  return `${body}\t${fnv1aUtf8(body).toString(16).padStart(8, '0')}\n`
}

export function leaseLine(lease: Lease): string {
  return sealed(
    `L\t${ip4ToString(lease.address)}\t${lease.state}\t${lease.start}\t${lease.expiry}\t${escapeField(lease.clientKey)}\t` +
      `${escapeField(lease.hwaddr)}\t${escapeField(lease.hostname)}\t${escapeField(lease.scope)}`,
  )
}

export function tombstoneLine(address: Ip4): string {
  return sealed(`D\t${ip4ToString(address)}`)
}

/** Where parsed records go: the loader's index. */
export interface LogSink {
  put(record: LeaseRecord): void
  delete(address32: number): void
}

const TAB = 9
const PERCENT = 37
const COLON = 58
const CHECKSUM_FIELD = 9 // tab + 8 hex digits
const MAX_FIELDS = 9
const MAX_KNOWN_SCOPES = 32
const STATE_WORDS = LEASE_STATES.map((state) => Buffer.from(state, 'latin1'))

/** Lowercase hex digit values by byte, -1 for any other byte: a load instead of two range tests. */
const HEX_VALUES = (() => {
  const values = new Int8Array(256).fill(-1)
  for (let code = 48; code <= 57; code++) values[code] = code - 48
  for (let code = 97; code <= 102; code++) values[code] = code - 87
  return values
})()

function parseChecksum(bytes: Buffer, at: number): number {
  const hex = HEX_VALUES
  let value = 0
  for (let i = at; i < at + 8; i++) {
    const digit = hex[bytes[i]]
    if (digit < 0) return -1
    value = (value << 4) | digit
  }
  return value >>> 0
}

/** Whole number in [start, end): optional '-', 1–16 digits; NaN otherwise. */
function parseInteger(bytes: Buffer, start: number, end: number): number {
  const negative = bytes[start] === 45
  const first = negative ? start + 1 : start
  const length = end - first
  if (length < 1 || length > 16) return Number.NaN
  // In 32-bit integers, up to 9 digits at a time (a Unix time has 10): one
  // floating-point step at the end instead of one per digit.
  const split = length > 9 ? end - 9 : first
  let high = 0
  for (let i = first; i < split; i++) {
    const digit = bytes[i] - 48
    if (digit < 0 || digit > 9) return Number.NaN
    high = (high * 10 + digit) | 0
  }
  let low = 0
  for (let i = split; i < end; i++) {
    const digit = bytes[i] - 48
    if (digit < 0 || digit > 9) return Number.NaN
    low = (low * 10 + digit) | 0
  }
  const value = high * 1e9 + low
  return negative ? -value : value
}

/** Dotted quad in [start, end) as an unsigned number, or -1. */
function parseAddress(bytes: Buffer, start: number, end: number): number {
  let value = 0
  let part = 0
  let digits = 0
  let parts = 0
  for (let i = start; i <= end; i++) {
    const code = i === end ? 46 : bytes[i]
    if (code === 46) {
      if (digits === 0 || parts === 4) return -1
      value = value * 256 + part
      parts++
      part = 0
      digits = 0
    } else if (code >= 48 && code <= 57 && digits < 3) {
      part = part * 10 + (code - 48)
      digits++
      if (part > 255) return -1
    } else {
      return -1
    }
  }
  return parts === 4 ? value : -1
}

/**
 * Lowercase 'aa:bb:cc:dd:ee:ff' in [start, end) as its high 24 bits (the
 * return value) and low 24 bits (in MAC_LOW[0]), or -1. Two 24-bit halves,
 * as the record keeps them, stay in 32-bit integer arithmetic.
 */
function parseMac(bytes: Buffer, start: number, end: number): number {
  if (end - start !== 17) return -1
  const hex = HEX_VALUES
  let high = 0
  let low = 0
  for (let i = 0; i < 6; i++) {
    const at = start + i * 3
    const upper = hex[bytes[at]]
    const lower = hex[bytes[at + 1]]
    if (upper < 0 || lower < 0 || (i < 5 && bytes[at + 2] !== COLON)) return -1
    if (i < 3) high = (high << 8) | (upper << 4) | lower
    else low = (low << 8) | (upper << 4) | lower
  }
  MAC_LOW[0] = low
  return high
}
const MAC_LOW = new Int32Array(1)

function stateIndex(bytes: Buffer, start: number, end: number): number {
  // The four state words start with four different letters.
  const first = bytes[start]
  for (let s = 0; s < STATE_WORDS.length; s++) {
    if (STATE_WORDS[s][0] === first) return equalsBytes(bytes, start, end, STATE_WORDS[s]) ? s : -1
  }
  return -1
}

/** bytes[start, end) === word, in JS: cheaper than Buffer.compare for a few bytes. */
function equalsBytes(bytes: Buffer, start: number, end: number, word: Uint8Array): boolean {
  if (end - start !== word.length) return false
  for (let i = 0; i < word.length; i++) if (bytes[start + i] !== word[i]) return false
  return true
}

function equalRanges(bytes: Buffer, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (bytes[a + i] !== bytes[b + i]) return false
  return true
}

function hasByte(bytes: Buffer, start: number, end: number, value: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] === value) return true
  return false
}

function startsWithAscii(bytes: Buffer, start: number, prefix: string): boolean {
  for (let i = 0; i < prefix.length; i++) if (bytes[start + i] !== prefix.charCodeAt(i)) return false
  return true
}

/** Decodes a text field; ASCII without escapes (nearly every field) takes the fast path. */
function decodeField(bytes: Buffer, start: number, end: number): string {
  if (start === end) return ''
  let ascii = true
  let escaped = false
  for (let i = start; i < end; i++) {
    const byte = bytes[i]
    if (byte >= 0x80) ascii = false
    else if (byte === PERCENT) escaped = true
  }
  const text = bytes.toString(ascii ? 'latin1' : 'utf8', start, end)
  return escaped ? unescapeField(text) : text
}

/**
 * Turns log lines into records. Remembers the bytes of the first scopes it
 * meets so the scope of most records is recognised without decoding it.
 */
export class LogLineParser {
  private readonly bounds = new Int32Array(MAX_FIELDS + 1)
  private readonly knownScopes: {bytes: Buffer; text: string}[] = []

  constructor(private readonly scopes: StringInterner) {}

  /** Applies the line in [start, end) (no newline) to the sink; returns why it is damaged, or undefined. */
  apply(bytes: Buffer, start: number, end: number, sink: LogSink): string | undefined {
    const bodyEnd = end - CHECKSUM_FIELD
    if (bodyEnd < start + 3 || bytes[bodyEnd] !== TAB) return 'no checksum field'
    const checksum = parseChecksum(bytes, bodyEnd + 1)
    if (checksum < 0) return 'no checksum field'

    // One pass hashes the body and finds the tabs: bounds[i] is the tab
    // before field i (bounds[0] a virtual one), bounds[count] the body end.
    const bounds = this.bounds
    let count = 0
    let tooManyFields = false
    // Constants from locals, not imported bindings (see fnv1a.ts).
    const prime = FNV_PRIME
    let hash = FNV_OFFSET_BASIS | 0
    bounds[count++] = start - 1
    for (let i = start; i < bodyEnd; i++) {
      const byte = bytes[i]
      hash = Math.imul(hash ^ byte, prime)
      if (byte !== TAB) continue
      if (count === MAX_FIELDS) tooManyFields = true
      else bounds[count++] = i
    }
    bounds[count] = bodyEnd
    if (hash >>> 0 !== checksum) return 'checksum mismatch'
    if (tooManyFields) return 'too many fields'

    if (count < 2 || bounds[1] !== start + 1) return 'unknown record type'
    const address = parseAddress(bytes, bounds[1] + 1, bounds[2])
    const kind = bytes[start]
    if (kind === 68 /* D */) {
      if (count !== 2) return 'tombstone with extra fields'
      if (address < 0) return 'bad address'
      sink.delete(address | 0)
      return undefined
    }
    if (kind !== 76 /* L */) return 'unknown record type'
    if (count !== MAX_FIELDS) return `lease with ${count} fields instead of ${MAX_FIELDS}`
    if (address < 0) return 'bad address'
    const state = stateIndex(bytes, bounds[2] + 1, bounds[3])
    if (state < 0) return 'bad state'
    const leaseStart = parseInteger(bytes, bounds[3] + 1, bounds[4])
    const expiry = parseInteger(bytes, bounds[4] + 1, bounds[5])
    if (Number.isNaN(leaseStart) || Number.isNaN(expiry)) return 'bad time'

    const keyStart = bounds[5] + 1
    const keyEnd = bounds[6]
    const hwStart = bounds[6] + 1
    const hwEnd = bounds[7]
    const macHigh = parseMac(bytes, hwStart, hwEnd)
    const mac = macHigh >= 0
    const hwText = mac ? '' : decodeField(bytes, hwStart, hwEnd)
    const hwLength = hwEnd - hwStart
    let form = KEY_TEXT
    if (keyEnd - keyStart === hwLength + 3 && startsWithAscii(bytes, keyStart, 'hw:') && equalRanges(bytes, hwStart, keyStart + 3, hwLength)) {
      form = KEY_FROM_HW
    } else if (mac && keyEnd - keyStart === 17 && startsWithAscii(bytes, keyStart, 'id:01') && this.spellsMacBare(bytes, keyStart + 5, hwStart)) {
      form = KEY_ID_01_HW
    }
    const keyText = form === KEY_TEXT ? decodeField(bytes, keyStart, keyEnd) : null
    let keyHash: number
    if (keyText !== null) keyHash = fnv1aUtf8(keyText)
    else if (!mac && hasByte(bytes, keyStart, keyEnd, PERCENT)) keyHash = fnv1aUtf8('hw:' + hwText)
    else keyHash = fnv1aBytes(bytes, keyStart, keyEnd)

    sink.put(
      makeRecord(
        address | 0,
        leaseStart,
        expiry,
        state,
        form,
        macHigh,
        mac ? MAC_LOW[0] : 0,
        hwText,
        decodeField(bytes, bounds[7] + 1, bounds[8]),
        this.scopeAt(bytes, bounds[8] + 1, bodyEnd),
        keyText,
        keyHash | 0,
      ),
    )
    return undefined
  }

  /** Do the 12 bytes at `at` equal the hex digits of the 'aa:bb:..' field at `macAt`? */
  private spellsMacBare(bytes: Buffer, at: number, macAt: number): boolean {
    for (let i = 0; i < 6; i++) {
      if (bytes[at + 2 * i] !== bytes[macAt + 3 * i] || bytes[at + 2 * i + 1] !== bytes[macAt + 3 * i + 1]) return false
    }
    return true
  }

  /** The scope name in [start, end), shared with every record of that scope. */
  scopeAt(bytes: Buffer, start: number, end: number): string {
    const known = this.knownScopes
    for (let i = 0; i < known.length; i++) if (equalsBytes(bytes, start, end, known[i].bytes)) return known[i].text
    const text = this.scopes.intern(decodeField(bytes, start, end))
    // A server has a handful of scopes; beyond that, fall back to decoding every time.
    if (known.length < MAX_KNOWN_SCOPES) known.push({bytes: Buffer.from(bytes.subarray(start, end)), text})
    return text
  }
}
