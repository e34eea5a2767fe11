import type {AddressAllocator, Ip4, Ip4Range} from '../engine-types.js'
import {AddressQueue} from './address-queue.js'
import {rangeSize, subtractRanges} from './ip4-range.js'
import {SparseAddressBits} from './sparse-address-bits.js'

/**
 * An allocator over `ranges` minus `excluded` (both may overlap or touch in any
 * way). allocate() first hands out addresses that were never handed out, in
 * ascending order, through a cursor that only moves forward; once the cursor
 * has passed the whole pool it reuses freed addresses, the longest-freed
 * first. Both choices keep an address unused for as long as possible after its
 * lease ended, so a client that still holds it is less likely to collide with
 * the next one.
 *
 * Invariant: every free pool address is either ahead of the cursor or in the
 * queue of freed addresses. The queue may also hold addresses that were
 * take()n again; those are dropped when they come out of it.
 */
export function createPoolAllocator(ranges: readonly Ip4Range[], excluded: readonly Ip4Range[]): AddressAllocator {
  return new PoolAllocator(subtractRanges(ranges, excluded))
}

class PoolAllocator implements AddressAllocator {
  readonly capacity: number
  private usedCount = 0
  private readonly starts: Float64Array
  private readonly ends: Float64Array
  private readonly bits = new SparseAddressBits()
  private readonly freed = new AddressQueue()
  /** Index of the segment the cursor is in; equal to the segment count once the cursor passed the pool. */
  private segment = 0
  /** Next address the cursor looks at; every pool address below it has been passed. */
  private cursor: number

  constructor(segments: Ip4Range[]) {
    this.starts = Float64Array.from(segments, (s) => s.start)
    this.ends = Float64Array.from(segments, (s) => s.end)
    this.capacity = segments.reduce((sum, s) => sum + rangeSize(s), 0)
    this.cursor = segments.length > 0 ? segments[0].start : 0
  }

  get used(): number {
    return this.usedCount
  }

  inPool(address: Ip4): boolean {
    const i = this.segmentOf(address)
    return i >= 0 && address <= this.ends[i]
  }

  isFree(address: Ip4): boolean {
    return this.inPool(address) && !this.bits.isTaken(address)
  }

  take(address: Ip4): boolean {
    if (!this.inPool(address) || this.bits.isTaken(address)) return false
    this.bits.setTaken(address)
    this.usedCount++
    return true
  }

  free(address: Ip4): void {
    // Freeing an address that is outside the pool or not taken is a no-op, so
    // a late or repeated release can never make an address free twice.
    if (!this.inPool(address) || !this.bits.isTaken(address)) return
    this.bits.clearTaken(address)
    this.usedCount--
    // Addresses ahead of the cursor are found by the cursor; only the ones it
    // already passed need the queue, and only once.
    if (this.passedByCursor(address) && !this.bits.isQueued(address)) {
      this.bits.setQueued(address)
      this.freed.push(address)
    }
  }

  allocate(): Ip4 | undefined {
    if (this.usedCount === this.capacity) return undefined
    const fresh = this.advanceCursor()
    if (fresh >= 0) return this.claim(fresh)
    for (let address = this.freed.shift(); address >= 0; address = this.freed.shift()) {
      this.bits.clearQueued(address)
      if (!this.bits.isTaken(address)) return this.claim(address)
    }
    // Unreachable while the invariant holds: used < capacity means a free address exists.
    return undefined
  }

  private claim(address: Ip4): Ip4 {
    this.bits.setTaken(address)
    this.usedCount++
    return address
  }

  /** Moves the cursor to the next address that is not taken and past it; -1 once the pool is passed. */
  private advanceCursor(): number {
    while (this.segment < this.starts.length) {
      const found = this.bits.firstNotTaken(this.cursor, this.ends[this.segment])
      if (found >= 0) {
        this.cursor = found + 1
        return found
      }
      this.segment++
      this.cursor = this.segment < this.starts.length ? this.starts[this.segment] : 2 ** 32
    }
    return -1
  }

  private passedByCursor(address: Ip4): boolean {
    return address < this.cursor
  }

  /** Index of the last segment starting at or before the address, or -1. */
  private segmentOf(address: Ip4): number {
    let low = 0
    let high = this.starts.length - 1
    let found = -1
    while (low <= high) {
      const mid = (low + high) >>> 1
      if (this.starts[mid] <= address) {
        found = mid
        low = mid + 1
      } else {
        high = mid - 1
      }
    }
    return found
  }
}
