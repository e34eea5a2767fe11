import type {Ip4} from '../engine-types.js'

const INITIAL_SLOTS = 256
const EMPTY = -1

/**
 * Address → small integer (an entry number of the caller's), in an
 * open-addressing table over two typed arrays. The engine's short-lived
 * ownerships (offers held, commits in flight) come and go with every
 * exchange; in a long-lived Map that churn makes V8 reallocate the Map's
 * table again and again, and as the Map is in the old generation each dead
 * table lands there too: under load that was the largest source of
 * mark-compact work. This table only ever grows, and deletes by shifting
 * entries back (linear probing), so it needs no tombstones and allocates
 * nothing once it is big enough.
 */
export class AddressIndex {
  private keys = new Int32Array(INITIAL_SLOTS)
  private values = new Int32Array(INITIAL_SLOTS).fill(EMPTY)
  private mask = INITIAL_SLOTS - 1
  private shift = 32 - Math.log2(INITIAL_SLOTS)
  private used = 0

  get size(): number {
    return this.used
  }

  /** The value stored for the address, or -1. */
  get(address: Ip4): number {
    const key = address | 0
    for (let slot = this.home(key); this.values[slot] !== EMPTY; slot = (slot + 1) & this.mask) {
      if (this.keys[slot] === key) return this.values[slot]
    }
    return EMPTY
  }

  /** Stores `value` (≥ 0) for the address, replacing any value it had. */
  set(address: Ip4, value: number): void {
    const key = address | 0
    let slot = this.home(key)
    for (; this.values[slot] !== EMPTY; slot = (slot + 1) & this.mask) {
      if (this.keys[slot] === key) {
        this.values[slot] = value
        return
      }
    }
    if (2 * (this.used + 1) > this.values.length) {
      this.grow()
      for (slot = this.home(key); this.values[slot] !== EMPTY; slot = (slot + 1) & this.mask);
    }
    this.keys[slot] = key
    this.values[slot] = value
    this.used++
  }

  /** Forgets the address; nothing happens when it is not there. */
  delete(address: Ip4): void {
    const key = address | 0
    let hole = this.home(key)
    while (this.values[hole] !== EMPTY && this.keys[hole] !== key) hole = (hole + 1) & this.mask
    if (this.values[hole] === EMPTY) return
    this.used--
    // Shift later entries of the same probe run back into the hole.
    for (let next = (hole + 1) & this.mask; this.values[next] !== EMPTY; next = (next + 1) & this.mask) {
      const home = this.home(this.keys[next])
      // An entry stays when its home is cyclically inside (hole, next].
      const stays = hole <= next ? home > hole && home <= next : home > hole || home <= next
      if (stays) continue
      this.keys[hole] = this.keys[next]
      this.values[hole] = this.values[next]
      hole = next
    }
    this.values[hole] = EMPTY
  }

  // Fibonacci hashing: the product's top bits. Its low bits would be a
  // permutation of consecutive addresses (no collisions among a pool's
  // neighbours, so the warm-up never ran the collision paths that real
  // traffic then took, and their first use threw away optimised code).
  private home(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift
  }

  private grow(): void {
    const {keys, values} = this
    const slots = values.length * 2
    this.keys = new Int32Array(slots)
    this.values = new Int32Array(slots).fill(EMPTY)
    this.mask = slots - 1
    this.shift--
    for (let old = 0; old < values.length; old++) {
      if (values[old] === EMPTY) continue
      let slot = this.home(keys[old])
      while (this.values[slot] !== EMPTY) slot = (slot + 1) & this.mask
      this.keys[slot] = keys[old]
      this.values[slot] = values[old]
    }
  }
}

/**
 * Entry numbers for parallel typed arrays: a free list, so a number is reused
 * as soon as it is given back and the arrays only grow to the most entries
 * ever live at once.
 */
export class EntryNumbers {
  private free = new Int32Array(64)
  private freeCount = 0
  private next = 0

  /** How many numbers were ever handed out (the length parallel arrays need). */
  get capacity(): number {
    return this.next
  }

  take(): number {
    return this.freeCount > 0 ? this.free[--this.freeCount] : this.next++
  }

  give(entry: number): void {
    if (this.freeCount === this.free.length) this.free = doubled(this.free)
    this.free[this.freeCount++] = entry
  }
}

/** A copy of the array at twice its length (the rest zero), for per-entry arrays that ran out of room. */
export function doubled<T extends Int32Array | Float64Array>(array: T): T {
  const copy = new (array.constructor as new (length: number) => T)(array.length * 2)
  copy.set(array)
  return copy
}

/**
 * A client key per entry number, made one way only (holey, of any value) so
 * that every list has the same hidden class in V8: the warm-up's and the
 * real server's, small and grown.
 */
export function newClientList(length: number, from: readonly (string | undefined)[] = []): (string | undefined)[] {
  const list = new Array<string | undefined>(length)
  for (let i = 0; i < length; i++) list[i] = i < from.length ? from[i] : undefined
  return list
}
