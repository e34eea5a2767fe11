import type {Lease, LeaseState} from '../engine-types.js'
import {fnv1aUtf8} from './fnv1a.js'

// The in-memory form of a lease, sized for a million of them. The client key
// is usually derived from the hardware address ('hw:<mac>', or 'id:01<mac>'
// for the many clients whose option 61 is type 1 + MAC), so it is stored only
// when it is something else; a 6-byte MAC is kept as two small integers
// instead of a 17-character string; the scope string is shared. A commit
// replaces the record, except a renewal (same client, hardware address, host
// name and scope on the same address), which changes the record's times and
// state in place while no compaction is writing a snapshot of records: under
// load most commits are renewals, and a new record for each was the largest
// source of garbage for V8's full collections (records are long-lived, so
// each dead one is in the old generation).

export const LEASE_STATES: readonly LeaseState[] = ['active', 'released', 'expired', 'declined']

/** How the client key is stored ((record.flags >> 2) & 3). */
export const KEY_FROM_HW = 0
export const KEY_ID_01_HW = 1
export const KEY_TEXT = 2

export interface LeaseRecord {
  /** The address as a signed 32-bit integer, so V8 keeps it as a small integer at any address. */
  readonly address32: number
  /** start, expiry and the state bits of flags change in place on a renewal (renewRecord). */
  start: number
  expiry: number
  /** Index into LEASE_STATES | key form << 2 | high 24 bits of a packed MAC << 4. */
  flags: number
  /**
   * The low 24 bits of a canonical 6-byte MAC, else the hardware address
   * text. Splitting the 48 bits over two small integers avoids a heap
   * number per lease.
   */
  readonly hw: number | string
  readonly hostname: string
  readonly scope: string
  /** The client key when its form is KEY_TEXT, else null. */
  readonly keyText: string | null
  /** fnv1aUtf8 of the client key as a signed 32-bit integer, for the client index. */
  readonly keyHash: number
}

const TWO_24 = 0x1000000

/** A packed MAC comes as its high and low 24 bits; `macHigh` -1 keeps `hwText` instead. */
export function makeRecord(
  address32: number,
  start: number,
  expiry: number,
  state: number,
  form: number,
  macHigh: number,
  macLow: number,
  hwText: string,
  hostname: string,
  scope: string,
  keyText: string | null,
  keyHash: number,
): LeaseRecord {
  const packed = macHigh >= 0
  const flags = state | (form << 2) | (packed ? macHigh << 4 : 0)
  return recordOfFields(address32, start, expiry, flags, packed ? macLow : hwText, hostname, scope, keyText, keyHash)
}

/** A record from its stored fields (a lease log read in a worker thread sends them). */
export function recordOfFields(
  address32: number,
  start: number,
  expiry: number,
  flags: number,
  hw: number | string,
  hostname: string,
  scope: string,
  keyText: string | null,
  keyHash: number,
): LeaseRecord {
  // One object literal makes every record: V8 tracks where literals are
  // allocated and, seeing a million of them survive while a log loads,
  // allocates them straight in the old generation instead of copying each
  // one out of the young generation.
  return {address32, start, expiry, flags, hw, hostname, scope, keyText, keyHash}
}

export function keyFormOf(record: LeaseRecord): number {
  return (record.flags >> 2) & 3
}

/** The packed MAC of the record, or -1 when it keeps the hardware address as text. */
export function macOf(record: LeaseRecord): number {
  return typeof record.hw === 'number' ? (record.flags >>> 4) * TWO_24 + record.hw : -1
}

const HEX_DIGITS = '0123456789abcdef'
const HEX_PAIRS: readonly string[] = Array.from({length: 256}, (_, i) => HEX_DIGITS[i >> 4] + HEX_DIGITS[i & 15])
function macByte(mac: number, index: number): number {
  // 48 bits do not fit the 32-bit bitwise operators, so split into two 24-bit halves.
  const half = index < 3 ? Math.floor(mac / TWO_24) : mac % TWO_24
  return (half >>> (8 * (2 - (index % 3)))) & 255
}

export function formatMac(mac: number): string {
  return macText(Math.floor(mac / TWO_24), mac % TWO_24, ':')
}

/** The six bytes of a MAC given as two 24-bit halves, as hex pairs joined by `separator`. */
function macText(high: number, low: number, separator: string): string {
  return (
    HEX_PAIRS[high >>> 16] + separator + HEX_PAIRS[(high >>> 8) & 255] + separator + HEX_PAIRS[high & 255] + separator +
    HEX_PAIRS[low >>> 16] + separator + HEX_PAIRS[(low >>> 8) & 255] + separator + HEX_PAIRS[low & 255]
  )
}

function lowerHexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48
  if (code >= 97 && code <= 102) return code - 87
  return -1
}

/** The 'aa:bb:cc:dd:ee:ff' form (lowercase) as a number, or -1 for any other text. */
export function packMac(text: string): number {
  if (text.length !== 17) return -1
  let mac = 0
  for (let i = 0; i < 6; i++) {
    const at = i * 3
    const high = lowerHexValue(text.charCodeAt(at))
    const low = lowerHexValue(text.charCodeAt(at + 1))
    if (high < 0 || low < 0 || (i < 5 && text.charCodeAt(at + 2) !== 58)) return -1
    mac = mac * 256 + high * 16 + low
  }
  return mac
}

/** Does text[offset..] spell the MAC as hex pairs, with ':' between them when `colons`? */
export function spellsMac(text: string, offset: number, mac: number, colons: boolean): boolean {
  const step = colons ? 3 : 2
  for (let i = 0; i < 6; i++) {
    const pair = HEX_PAIRS[macByte(mac, i)]
    const at = offset + i * step
    if (text.charCodeAt(at) !== pair.charCodeAt(0) || text.charCodeAt(at + 1) !== pair.charCodeAt(1)) return false
    if (colons && i < 5 && text.charCodeAt(at + 2) !== 58) return false
  }
  return true
}

export function keyForm(clientKey: string, hwaddr: string, mac: number): number {
  if (clientKey.length === hwaddr.length + 3 && clientKey.startsWith('hw:') && clientKey.startsWith(hwaddr, 3)) return KEY_FROM_HW
  if (mac >= 0 && clientKey.length === 17 && clientKey.startsWith('id:01') && spellsMac(clientKey, 5, mac, false)) return KEY_ID_01_HW
  return KEY_TEXT
}

/** Does the record's client key equal `clientKey`, without building the key string? */
export function recordHasClientKey(record: LeaseRecord, clientKey: string): boolean {
  const form = keyFormOf(record)
  if (form === KEY_TEXT) return record.keyText === clientKey
  const hw = record.hw
  if (form === KEY_ID_01_HW) return clientKey.length === 17 && clientKey.startsWith('id:01') && spellsMac(clientKey, 5, macOf(record), false)
  if (typeof hw === 'string') return clientKey.length === hw.length + 3 && clientKey.startsWith('hw:') && clientKey.startsWith(hw, 3)
  return clientKey.length === 20 && clientKey.startsWith('hw:') && spellsMac(clientKey, 3, macOf(record), true)
}

export function hwaddrOf(record: LeaseRecord): string {
  // flags >>> 4 is the high half of a packed MAC (see makeRecord).
  return typeof record.hw === 'number' ? macText(record.flags >>> 4, record.hw, ':') : record.hw
}

export function clientKeyOf(record: LeaseRecord, hwaddr: string = hwaddrOf(record)): string {
  const form = keyFormOf(record)
  if (form === KEY_TEXT) return record.keyText as string
  // KEY_ID_01_HW is only chosen for a packed MAC (keyForm), so hw is its low half.
  if (form === KEY_ID_01_HW) return 'id:01' + macText(record.flags >>> 4, record.hw as number, '')
  return 'hw:' + hwaddr
}

export function leaseOf(record: LeaseRecord): Lease {
  const hwaddr = hwaddrOf(record)
  return {
    address: record.address32 >>> 0,
    clientKey: clientKeyOf(record, hwaddr),
    hwaddr,
    hostname: record.hostname,
    scope: record.scope,
    state: LEASE_STATES[record.flags & 3],
    start: record.start,
    expiry: record.expiry,
  }
}

/** Shares one string per distinct value (scope names repeat across every lease). */
export class StringInterner {
  private readonly known = new Map<string, string>()

  intern(text: string): string {
    const known = this.known.get(text)
    if (known !== undefined) return known
    this.known.set(text, text)
    return text
  }
}

export function assertValidAddress(address: number): void {
  if (!Number.isInteger(address) || address < 0 || address > 0xffffffff) throw new TypeError(`lease address ${address} is not an IPv4 address number`)
}

/** Checks a lease arriving at the store boundary; throws a TypeError naming the bad field. */
export function assertValidLease(lease: Lease): void {
  const {address, state, start, expiry} = lease
  assertValidAddress(address)
  if (!LEASE_STATES.includes(state)) throw new TypeError(`lease state '${state}' is not one of ${LEASE_STATES.join(', ')}`)
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(expiry)) throw new TypeError(`lease times must be whole Unix seconds (start ${start}, expiry ${expiry})`)
  for (const field of ['clientKey', 'hwaddr', 'hostname', 'scope'] as const) {
    if (typeof lease[field] !== 'string') throw new TypeError(`lease ${field} must be a string`)
  }
}

/**
 * Is `lease` the record's lease again, up to its times and state: the same
 * client key, hardware address, host name and scope (the caller found the
 * record by the lease's address)?
 */
export function sameHolder(record: LeaseRecord, lease: Lease): boolean {
  if (record.hostname !== lease.hostname || record.scope !== lease.scope || !recordHasClientKey(record, lease.clientKey)) return false
  const hw = record.hw
  if (typeof hw === 'string') return hw === lease.hwaddr
  return lease.hwaddr.length === 17 && spellsMac(lease.hwaddr, 0, macOf(record), true)
}

/** Gives a record of the same holder (sameHolder) the times and state of the lease (already validated). */
export function renewRecord(record: LeaseRecord, lease: Lease): void {
  record.start = lease.start
  record.expiry = lease.expiry
  record.flags = (record.flags & ~3) | LEASE_STATES.indexOf(lease.state)
}

export function recordOf(lease: Lease, scopes: StringInterner): LeaseRecord {
  assertValidLease(lease)
  const mac = packMac(lease.hwaddr)
  const form = keyForm(lease.clientKey, lease.hwaddr, mac)
  return makeRecord(
    lease.address | 0,
    lease.start,
    lease.expiry,
    LEASE_STATES.indexOf(lease.state),
    form,
    mac < 0 ? -1 : Math.floor(mac / TWO_24),
    mac < 0 ? 0 : mac % TWO_24,
    lease.hwaddr,
    lease.hostname,
    scopes.intern(lease.scope),
    form === KEY_TEXT ? lease.clientKey : null,
    fnv1aUtf8(lease.clientKey) | 0,
  )
}
