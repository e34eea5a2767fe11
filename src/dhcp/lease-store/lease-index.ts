import type {Ip4, Lease, LeaseState} from '../engine-types.js'
import {fnv1aUtf8} from './fnv1a.js'
import {LEASE_STATES, type LeaseRecord, leaseOf, recordHasClientKey} from './lease-record.js'

const NONE = -1
const INITIAL_SLOTS = 1024

/**
 * Leases by address and by client key: two chained hash tables over one
 * array of slots, all links in typed arrays. At a million leases that is
 * ~32 bytes of index per lease where two Maps would take ~60, and loading
 * does no per-entry allocation.
 *
 * The client table is keyed by the record's key hash, so no key string is
 * kept per lease. Its chains are in commit order, newest first, so a lookup
 * returns the client's most recently committed lease that still exists (a
 * client can hold leases in several scopes).
 */
export class LeaseIndex {
  private records = emptyRecordList()
  private addressOfSlot: Int32Array = new Int32Array(INITIAL_SLOTS)
  private keyHashOfSlot: Int32Array = new Int32Array(INITIAL_SLOTS)
  private nextByAddress: Int32Array = new Int32Array(INITIAL_SLOTS)
  private nextByClient: Int32Array = new Int32Array(INITIAL_SLOTS)
  private addressHeads: Int32Array = new Int32Array(INITIAL_SLOTS).fill(NONE)
  private clientHeads: Int32Array = new Int32Array(INITIAL_SLOTS).fill(NONE)
  private hashShift = 32 - Math.log2(INITIAL_SLOTS)
  private addressMask = INITIAL_SLOTS - 1
  private freeSlots: number[] = []
  private count = 0
  private lastRecord: LeaseRecord | undefined
  private lastLease: Lease | undefined

  get size(): number {
    return this.count
  }

  /** Sizes an empty index for about `expected` leases at once, saving the doublings (and rehashing) of growing to it. */
  reserve(expected: number): void {
    if (this.records.length > 0) return
    let slots = this.addressOfSlot.length
    while (slots < expected) slots *= 2
    if (slots === this.addressOfSlot.length) return
    this.addressOfSlot = new Int32Array(slots)
    this.keyHashOfSlot = new Int32Array(slots)
    this.nextByAddress = new Int32Array(slots)
    this.nextByClient = new Int32Array(slots)
    this.addressHeads = new Int32Array(slots).fill(NONE)
    this.clientHeads = new Int32Array(slots).fill(NONE)
    this.hashShift = 32 - Math.log2(slots)
    this.addressMask = slots - 1
  }

  get(address32: number): LeaseRecord | undefined {
    const slot = this.slotOf(address32)
    return slot === NONE ? undefined : this.records[slot]
  }

  findClient(clientKey: string): LeaseRecord | undefined {
    const hash = fnv1aUtf8(clientKey) | 0
    for (let slot = this.clientHeads[this.bucket(hash)]; slot !== NONE; slot = this.nextByClient[slot]) {
      if (this.keyHashOfSlot[slot] !== hash) continue
      const record = this.records[slot] as LeaseRecord
      if (recordHasClientKey(record, clientKey)) return record
    }
    return undefined
  }

  /** Inserts the record, replacing the one on the same address; it becomes its client's newest. */
  put(record: LeaseRecord): void {
    let slot = this.slotOf(record.address32)
    if (slot === NONE) {
      slot = this.newSlot()
      this.addressOfSlot[slot] = record.address32
      const bucket = this.addressBucket(record.address32)
      this.nextByAddress[slot] = this.addressHeads[bucket]
      this.addressHeads[bucket] = slot
      this.count++
    } else {
      this.unlinkClient(slot)
    }
    this.records[slot] = record
    this.keyHashOfSlot[slot] = record.keyHash
    const bucket = this.bucket(record.keyHash)
    this.nextByClient[slot] = this.clientHeads[bucket]
    this.clientHeads[bucket] = slot
  }

  /** The record was changed in place (renewRecord): it becomes its client's newest again. */
  renewed(record: LeaseRecord): void {
    // The Lease cached for leaseCopy was built from the old times.
    if (record === this.lastRecord) this.lastRecord = undefined
    this.put(record)
  }

  delete(address32: number): boolean {
    const bucket = this.addressBucket(address32)
    let previous = NONE
    let slot = this.addressHeads[bucket]
    while (slot !== NONE && this.addressOfSlot[slot] !== address32) {
      previous = slot
      slot = this.nextByAddress[slot]
    }
    if (slot === NONE) return false
    if (previous === NONE) this.addressHeads[bucket] = this.nextByAddress[slot]
    else this.nextByAddress[previous] = this.nextByAddress[slot]
    this.unlinkClient(slot)
    this.records[slot] = undefined
    this.freeSlots.push(slot)
    this.count--
    return true
  }

  *values(): IterableIterator<LeaseRecord> {
    for (let slot = 0; slot < this.records.length; slot++) {
      const record = this.records[slot]
      if (record !== undefined) yield record
    }
  }

  /** The lease on the address, as a new Lease object. */
  leaseAt(address: Ip4): Lease | undefined {
    const record = this.get(address | 0)
    return record === undefined ? undefined : this.leaseCopy(record)
  }

  /** The client's most recently committed lease, as a new Lease object. */
  leaseOfClient(clientKey: string): Lease | undefined {
    const record = this.findClient(clientKey)
    return record === undefined ? undefined : this.leaseCopy(record)
  }

  /**
   * A server asks about the same lease several times while handling one
   * message (by client, then by address): the strings of the last lease
   * built are reused (renewed() forgets them), the object is always new.
   */
  private leaseCopy(record: LeaseRecord): Lease {
    if (record !== this.lastRecord) {
      this.lastRecord = record
      this.lastLease = leaseOf(record)
    }
    return {...(this.lastLease as Lease)}
  }

  *leases(): IterableIterator<Lease> {
    for (const record of this.values()) yield leaseOf(record)
  }

  forEachLease(visit: (address: Ip4, state: LeaseState, expiry: number) => void): void {
    const records = this.records
    for (let slot = 0; slot < records.length; slot++) {
      const record = records[slot]
      if (record !== undefined) visit(record.address32 >>> 0, LEASE_STATES[record.flags & 3], record.expiry)
    }
  }

  /** Client key hashes: Fibonacci hashing spreads weak hashes over the buckets. */
  private bucket(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.hashShift
  }

  /**
   * Addresses: the low 12 bits stay in order and each 4096-address block
   * starts at a scattered bucket. A lease file lists its leases mostly in
   * address order, so loading one walks the buckets nearly in sequence
   * instead of missing the cache at every lease (a million leases loaded
   * ~100 ms faster than with Fibonacci hashing); addresses of different
   * blocks still spread like hashed keys.
   */
  private addressBucket(address32: number): number {
    return (address32 + Math.imul(address32 >>> 12, 0x9e3779b1)) & this.addressMask
  }

  private slotOf(address32: number): number {
    let slot = this.addressHeads[this.addressBucket(address32)]
    while (slot !== NONE && this.addressOfSlot[slot] !== address32) slot = this.nextByAddress[slot]
    return slot
  }

  private unlinkClient(slot: number): void {
    const bucket = this.bucket(this.keyHashOfSlot[slot])
    let at = this.clientHeads[bucket]
    if (at === slot) {
      this.clientHeads[bucket] = this.nextByClient[slot]
      return
    }
    while (at !== NONE && this.nextByClient[at] !== slot) at = this.nextByClient[at]
    if (at !== NONE) this.nextByClient[at] = this.nextByClient[slot]
  }

  private newSlot(): number {
    const reused = this.freeSlots.pop()
    if (reused !== undefined) return reused
    const slot = this.records.length
    if (slot === this.addressOfSlot.length) this.grow()
    this.records.push(undefined)
    return slot
  }

  /** Doubles the slot arrays and the bucket count, keeping every client chain in its order. */
  private grow(): void {
    const slots = this.addressOfSlot.length * 2
    this.addressOfSlot = grown(this.addressOfSlot, slots)
    this.keyHashOfSlot = grown(this.keyHashOfSlot, slots)
    this.hashShift--
    this.addressMask = slots - 1

    // Address chains have no meaningful order: rebuild them from the slots.
    this.nextByAddress = new Int32Array(slots)
    this.addressHeads = new Int32Array(slots).fill(NONE)
    for (let slot = 0; slot < this.records.length; slot++) {
      if (this.records[slot] === undefined) continue
      const bucket = this.addressBucket(this.addressOfSlot[slot])
      this.nextByAddress[slot] = this.addressHeads[bucket]
      this.addressHeads[bucket] = slot
    }

    // Walk each old client chain from its head and append to the tails of the new ones.
    const oldHeads = this.clientHeads
    const oldNext = this.nextByClient
    this.nextByClient = new Int32Array(slots)
    this.clientHeads = new Int32Array(slots).fill(NONE)
    const tails = new Int32Array(slots).fill(NONE)
    for (let oldBucket = 0; oldBucket < oldHeads.length; oldBucket++) {
      for (let slot = oldHeads[oldBucket]; slot !== NONE; slot = oldNext[slot]) {
        const bucket = this.bucket(this.keyHashOfSlot[slot])
        if (tails[bucket] === NONE) this.clientHeads[bucket] = slot
        else this.nextByClient[tails[bucket]] = slot
        tails[bucket] = slot
        this.nextByClient[slot] = NONE
      }
    }
  }
}

function grown(array: Int32Array, length: number): Int32Array {
  const bigger = new Int32Array(length)
  bigger.set(array)
  return bigger
}

/**
 * An empty array whose elements are already of V8's generic kind. One made
 * with `[]` holds small integers as far as V8 knows, and changes hidden class
 * at its first record: the real store's index, made before the warm-up, then
 * threw away the code optimised on the warm-up's index at the first lease.
 */
function emptyRecordList(): (LeaseRecord | undefined)[] {
  const records: (LeaseRecord | undefined)[] = [undefined]
  records.pop()
  return records
}
