import type {Ip4} from '../engine-types.js'

const INITIAL_CAPACITY = 1024

/**
 * A min-heap of (expiry, address) pairs, kept in two parallel typed arrays so
 * pushing a lease costs no object. Entries are never updated in place: a
 * renewed lease pushes a new entry and the old one is recognised as stale by
 * the caller when it comes out (the lease on the address no longer expires
 * then). So the sweep touches only addresses whose time has come.
 *
 * The arrays keep their capacity when the queue is cleared: the address book
 * clears and refills it every few hundred thousand renewals, and regrowing
 * from nothing each time left a trail of dead arrays in the old generation.
 */
export class LeaseExpiryQueue {
  private times = new Float64Array(INITIAL_CAPACITY)
  private addresses = new Uint32Array(INITIAL_CAPACITY)
  private count = 0

  get size(): number {
    return this.count
  }

  push(expiry: number, address: Ip4): void {
    if (this.count === this.times.length) this.grow()
    const times = this.times
    const addresses = this.addresses
    let at = this.count++
    while (at > 0) {
      const parent = (at - 1) >> 1
      if (times[parent] <= expiry) break
      times[at] = times[parent]
      addresses[at] = addresses[parent]
      at = parent
    }
    times[at] = expiry
    addresses[at] = address
  }

  /** Removes and returns the address of the earliest entry due at `now`, or -1 when none is due. */
  popDue(now: number): Ip4 | -1 {
    const times = this.times
    if (this.count === 0 || times[0] > now) return -1
    const addresses = this.addresses
    const due = addresses[0]
    const size = --this.count
    const lastTime = times[size]
    const lastAddress = addresses[size]
    if (size > 0) {
      let at = 0
      for (;;) {
        let child = 2 * at + 1
        if (child >= size) break
        if (child + 1 < size && times[child + 1] < times[child]) child++
        if (times[child] >= lastTime) break
        times[at] = times[child]
        addresses[at] = addresses[child]
        at = child
      }
      times[at] = lastTime
      addresses[at] = lastAddress
    }
    return due
  }

  clear(): void {
    this.count = 0
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2)
    const addresses = new Uint32Array(this.addresses.length * 2)
    times.set(this.times)
    addresses.set(this.addresses)
    this.times = times
    this.addresses = addresses
  }
}
