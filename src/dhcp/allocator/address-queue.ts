import type {Ip4} from '../engine-types.js'

const MIN_SHRINK_LENGTH = 1024

/** A FIFO of addresses in a growable ring buffer: 4 bytes per queued address, no per-entry objects. */
export class AddressQueue {
  private ring = new Uint32Array(16)
  private head = 0
  private count = 0

  get length(): number {
    return this.count
  }

  push(address: Ip4): void {
    if (this.count === this.ring.length) this.resize(this.ring.length * 2)
    this.ring[(this.head + this.count) & (this.ring.length - 1)] = address
    this.count++
  }

  /** The oldest address, or -1 when empty. */
  shift(): number {
    if (this.count === 0) return -1
    const address = this.ring[this.head]
    this.head = (this.head + 1) & (this.ring.length - 1)
    this.count--
    // Give memory back after a burst of frees has been handed out again.
    if (this.ring.length > MIN_SHRINK_LENGTH && this.count < this.ring.length / 8) this.resize(this.ring.length / 4)
    return address
  }

  private resize(length: number): void {
    // The length stays a power of two so wrapping is a mask.
    const next = new Uint32Array(length)
    const firstPart = Math.min(this.count, this.ring.length - this.head)
    next.set(this.ring.subarray(this.head, this.head + firstPart))
    next.set(this.ring.subarray(0, this.count - firstPart), firstPart)
    this.ring = next
    this.head = 0
  }
}
