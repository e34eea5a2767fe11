import type {Ip4} from '../engine-types.js'

const INITIAL_SLOTS = 256

/**
 * Addresses whose lease is being committed → the client and how many of its
 * commits are in flight. An open-addressing table over typed arrays rather
 * than a Map: entries come and go with every REQUEST, and a Map reallocates
 * its table as it fills with deleted entries or shrinks, which under load
 * made V8 promote a stream of dead tables into the old generation (the
 * largest source of old garbage in an allocation profile at 5500/s, and so of
 * mark-compact pauses). This table only ever grows, and deletes by shifting
 * entries back (linear probing), so it needs no tombstones.
 */
export class InFlightCommits {
  private addresses = new Int32Array(INITIAL_SLOTS)
  private counts = new Int32Array(INITIAL_SLOTS)
  private clients: (string | undefined)[] = new Array<string | undefined>(INITIAL_SLOTS).fill(undefined)
  private mask = INITIAL_SLOTS - 1
  private used = 0

  get size(): number {
    return this.used
  }

  /** The client committing a lease of the address, if any. */
  owner(address: Ip4): string | undefined {
    const slot = this.find(address | 0)
    return slot < 0 ? undefined : this.clients[slot]
  }

  /** One more commit of the address for this client (the caller has checked nobody else owns it). */
  begin(address: Ip4, clientKey: string): void {
    const key = address | 0
    let slot = this.find(key)
    if (slot >= 0) {
      this.counts[slot]++
      return
    }
    if (2 * (this.used + 1) > this.counts.length) this.grow()
    for (slot = this.home(key); this.counts[slot] !== 0; slot = (slot + 1) & this.mask);
    this.addresses[slot] = key
    this.counts[slot] = 1
    this.clients[slot] = clientKey
    this.used++
  }

  /** One commit of the address ended; the entry goes with the last one. */
  end(address: Ip4): void {
    const slot = this.find(address | 0)
    if (slot < 0 || --this.counts[slot] > 0) return
    this.used--
    this.clients[slot] = undefined
    // Shift later entries of the same probe run back into the hole.
    let hole = slot
    for (let next = (slot + 1) & this.mask; this.counts[next] !== 0; next = (next + 1) & this.mask) {
      const home = this.home(this.addresses[next])
      // Move the entry when its home is not cyclically inside (hole, next].
      const between = hole <= next ? home > hole && home <= next : home > hole || home <= next
      if (between) continue
      this.addresses[hole] = this.addresses[next]
      this.counts[hole] = this.counts[next]
      this.clients[hole] = this.clients[next]
      this.counts[next] = 0
      this.clients[next] = undefined
      hole = next
    }
    this.counts[hole] = 0
  }

  private find(key: number): number {
    for (let slot = this.home(key); this.counts[slot] !== 0; slot = (slot + 1) & this.mask) {
      if (this.addresses[slot] === key) return slot
    }
    return -1
  }

  private home(key: number): number {
    return (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask
  }

  private grow(): void {
    const {addresses, counts, clients} = this
    const slots = counts.length * 2
    this.addresses = new Int32Array(slots)
    this.counts = new Int32Array(slots)
    this.clients = new Array<string | undefined>(slots).fill(undefined)
    this.mask = slots - 1
    for (let old = 0; old < counts.length; old++) {
      if (counts[old] === 0) continue
      let slot = this.home(addresses[old])
      while (this.counts[slot] !== 0) slot = (slot + 1) & this.mask
      this.addresses[slot] = addresses[old]
      this.counts[slot] = counts[old]
      this.clients[slot] = clients[old]
    }
  }
}
