import type {RateLimitRate} from './rate-limit-bucket.js'

const NONE = -1

/**
 * A token bucket per client key, in a table of fixed size: memory stays
 * bounded however many different clients (or forged MACs) send. When the
 * table is full the least recently seen client is forgotten; forgetting can
 * only be lenient (that client starts again with a full bucket), never
 * refuse anyone. The buckets live in typed arrays indexed by slot and the
 * recency list is linked through slot numbers, so a packet costs one Map
 * lookup and a few array writes and allocates nothing once the table is warm.
 */
export class ClientRateTable {
  readonly capacity: number
  private readonly slots = new Map<string, number>()
  private readonly keys: string[]
  private readonly tokens: Float64Array
  private readonly stamps: Float64Array
  /** Recency list: slot → the next more recently / less recently seen slot. */
  private readonly newer: Int32Array
  private readonly older: Int32Array
  private newest = NONE
  private oldest = NONE
  private readonly packets: number
  private readonly perMs: number

  constructor(rate: RateLimitRate, capacity: number) {
    this.capacity = Math.max(1, Math.floor(capacity))
    this.packets = rate.packets
    this.perMs = rate.packets / (rate.perSeconds * 1000)
    this.keys = new Array<string>(this.capacity).fill('')
    this.tokens = new Float64Array(this.capacity)
    this.stamps = new Float64Array(this.capacity)
    this.newer = new Int32Array(this.capacity).fill(NONE)
    this.older = new Int32Array(this.capacity).fill(NONE)
  }

  /** Clients currently tracked (at most capacity). */
  get size(): number {
    return this.slots.size
  }

  /** Takes one packet from the client's bucket at `now` (ms); false when the client is over its rate. */
  take(clientKey: string, now: number): boolean {
    let slot = this.slots.get(clientKey)
    if (slot === undefined) {
      slot = this.claim(clientKey)
      this.tokens[slot] = this.packets - 1
      this.stamps[slot] = now
      return true
    }
    this.makeNewest(slot)
    let tokens = this.tokens[slot]
    const elapsed = now - this.stamps[slot]
    if (elapsed > 0) {
      tokens = Math.min(this.packets, tokens + elapsed * this.perMs)
      this.stamps[slot] = now
    }
    if (tokens < 1) {
      this.tokens[slot] = tokens
      return false
    }
    this.tokens[slot] = tokens - 1
    return true
  }

  /** A slot for a new client: a free one, else the least recently seen client's. */
  private claim(clientKey: string): number {
    let slot: number
    if (this.slots.size < this.capacity) {
      slot = this.slots.size
    } else {
      slot = this.oldest
      this.slots.delete(this.keys[slot])
      this.unlink(slot)
    }
    this.keys[slot] = clientKey
    this.slots.set(clientKey, slot)
    this.linkNewest(slot)
    return slot
  }

  private makeNewest(slot: number): void {
    if (slot === this.newest) return
    this.unlink(slot)
    this.linkNewest(slot)
  }

  private linkNewest(slot: number): void {
    this.older[slot] = this.newest
    this.newer[slot] = NONE
    if (this.newest !== NONE) this.newer[this.newest] = slot
    this.newest = slot
    if (this.oldest === NONE) this.oldest = slot
  }

  private unlink(slot: number): void {
    const newer = this.newer[slot]
    const older = this.older[slot]
    if (newer === NONE) this.newest = older
    else this.older[newer] = older
    if (older === NONE) this.oldest = newer
    else this.newer[older] = newer
    this.newer[slot] = NONE
    this.older[slot] = NONE
  }
}
