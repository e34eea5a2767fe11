import type {Ip4} from '../engine-types.js'

/**
 * A min-heap of (expiry, address) pairs, kept in two parallel arrays so
 * pushing a lease costs no object. Entries are never updated in place: a
 * renewed lease pushes a new entry and the old one is recognised as stale by
 * the caller when it comes out (the lease on the address no longer expires
 * then). So the sweep touches only addresses whose time has come.
 */
export class LeaseExpiryQueue {
  private readonly times: number[] = []
  private readonly addresses: Ip4[] = []

  get size(): number {
    return this.times.length
  }

  push(expiry: number, address: Ip4): void {
    const times = this.times
    const addresses = this.addresses
    let at = times.length
    times.push(expiry)
    addresses.push(address)
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
    if (times.length === 0 || times[0] > now) return -1
    const addresses = this.addresses
    const due = addresses[0]
    const lastTime = times.pop()!
    const lastAddress = addresses.pop()!
    const size = times.length
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
    this.times.length = 0
    this.addresses.length = 0
  }
}
