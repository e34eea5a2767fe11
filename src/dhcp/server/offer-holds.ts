import type {Ip4} from '../engine-types.js'
import {AddressIndex, doubled, EntryNumbers, newClientList} from './address-index.js'

/** The client map may keep this many entries of ended holds beyond twice the live ones. */
const MIN_CLIENT_SLACK = 65_536

/** Told of every hold that ends. */
export interface HoldOwner {
  holdEnded(address: Ip4): void
}

/**
 * Addresses offered and not yet requested, at most one per client. Holds are
 * found by address and by client in O(1). Expiry needs no scan: holds are
 * queued in the order they were made and, with one hold time for all, that is
 * also the order they expire in, so only the head of the queue is ever looked
 * at. A renewed hold is queued again; its older entry is skipped when it
 * reaches the head, as are entries of holds replaced or released since.
 *
 * Nearly every hold ends within milliseconds (the REQUEST comes), so nothing
 * here allocates per hold: the holds are entries of typed arrays found through
 * an AddressIndex, the queue keeps (expiry, address) numbers, and the map from
 * client to address keeps a client's entry after its hold ends (a lookup checks
 * the address is still held by that client), so that a returning client
 * updates its entry in place instead of the Map reallocating its table. The
 * map is started over from the live holds once it has many more entries than
 * there are holds.
 */
export class OfferHolds {
  private readonly byAddress = new AddressIndex()
  private readonly entries = new EntryNumbers()
  private expiries = new Float64Array(64)
  /** The held address of each entry, as a signed 32-bit integer. */
  private addresses = new Int32Array(64)
  private clients = newClientList(64)
  /** Client → the address (as a signed 32-bit integer) of its latest hold, which may have ended since. */
  private byClient = new Map<string, number>()
  /** Addresses in the order their holds were made or renewed, with the expiry each had then. */
  private readonly queue = new ExpiryFifo()

  /**
   * `owner.holdEnded` is called with the address of every hold that ends
   * (expired, replaced or released), after it was removed. A method of an
   * object rather than a closure: the call then has one target for every
   * OfferHolds of one owner class, the warm-up's and the real server's.
   */
  constructor(private readonly owner: HoldOwner) {}

  get size(): number {
    return this.byAddress.size
  }

  /** The client holding the address at `now`, if any. */
  holderOf(address: Ip4, now: number): string | undefined {
    const entry = this.byAddress.get(address)
    return entry >= 0 && this.expiries[entry] > now ? this.clients[entry] : undefined
  }

  /** The address the client holds at `now`, if any. */
  addressOf(clientKey: string, now: number): Ip4 | undefined {
    const entry = this.entryOf(clientKey)
    return entry >= 0 && this.expiries[entry] > now ? this.addresses[entry] >>> 0 : undefined
  }

  /**
   * Holds `address` for the client until `expiresAt` (ms), replacing the
   * client's hold on another address. The caller has checked that nobody else
   * holds it.
   */
  hold(address: Ip4, clientKey: string, expiresAt: number): void {
    const previous = this.entryOf(clientKey)
    if (previous >= 0) {
      const previousAddress = this.addresses[previous] >>> 0
      if (previousAddress === address) {
        this.expiries[previous] = expiresAt
        this.queue.push(expiresAt, address)
        return
      }
      this.end(previousAddress, previous)
    }
    this.releaseAddress(address)
    const entry = this.entries.take()
    if (entry === this.expiries.length) {
      this.expiries = doubled(this.expiries)
      this.addresses = doubled(this.addresses)
      this.clients = newClientList(this.expiries.length, this.clients)
    }
    this.expiries[entry] = expiresAt
    this.addresses[entry] = address | 0
    this.clients[entry] = clientKey
    this.byAddress.set(address, entry)
    this.byClient.set(clientKey, address | 0)
    this.queue.push(expiresAt, address)
    if (this.byClient.size > 2 * this.byAddress.size + MIN_CLIENT_SLACK) this.restartClientMap()
  }

  /** Ends the hold on the address, if there is one. */
  releaseAddress(address: Ip4): void {
    const entry = this.byAddress.get(address)
    if (entry >= 0) this.end(address, entry)
  }

  /** Ends the client's hold, if it has one, and returns its address. */
  releaseClient(clientKey: string): Ip4 | undefined {
    const entry = this.entryOf(clientKey)
    if (entry < 0) return undefined
    const address = this.addresses[entry] >>> 0
    this.end(address, entry)
    return address
  }

  /** Ends every hold that expired by `now`; amortised O(1) per hold. */
  expire(now: number): void {
    const queue = this.queue
    while (queue.size > 0 && queue.firstTime() <= now) {
      const address = queue.shiftAddress()
      const entry = this.byAddress.get(address)
      // The entry is stale when the hold was released, renewed or replaced since.
      if (entry >= 0 && this.expiries[entry] <= now) this.end(address, entry)
    }
  }

  /** Calls `visit` for every hold, live or not yet swept (for re-marking after a reload). */
  forEach(visit: (address: Ip4, clientKey: string, expiresAt: number) => void): void {
    for (const [clientKey, address32] of this.byClient) {
      const entry = this.byAddress.get(address32 >>> 0)
      if (entry >= 0 && this.clients[entry] === clientKey) visit(address32 >>> 0, clientKey, this.expiries[entry])
    }
  }

  /** The entry of the client's hold, live or not yet swept, or -1. */
  private entryOf(clientKey: string): number {
    const address32 = this.byClient.get(clientKey)
    if (address32 === undefined) return -1
    const entry = this.byAddress.get(address32 >>> 0)
    return entry >= 0 && this.clients[entry] === clientKey ? entry : -1
  }

  private end(address: Ip4, entry: number): void {
    this.byAddress.delete(address)
    this.clients[entry] = undefined
    this.entries.give(entry)
    this.owner.holdEnded(address)
  }

  /** Drops the client entries of ended holds; amortised O(1) per hold, like the queue's stale entries. */
  private restartClientMap(): void {
    const live = new Map<string, number>()
    for (const [clientKey, address32] of this.byClient) {
      const entry = this.byAddress.get(address32 >>> 0)
      if (entry >= 0 && this.clients[entry] === clientKey) live.set(clientKey, address32)
    }
    this.byClient = live
  }
}

/** A first-in first-out queue of (time, address) pairs in two typed ring buffers: no object per entry. */
class ExpiryFifo {
  private times = new Float64Array(1024)
  private addresses = new Uint32Array(1024)
  private first = 0
  private count = 0

  get size(): number {
    return this.count
  }

  firstTime(): number {
    return this.times[this.first]
  }

  push(time: number, address: Ip4): void {
    if (this.count === this.times.length) this.grow()
    const at = (this.first + this.count) & (this.times.length - 1)
    this.times[at] = time
    this.addresses[at] = address
    this.count++
  }

  shiftAddress(): Ip4 {
    const address = this.addresses[this.first]
    this.first = (this.first + 1) & (this.times.length - 1)
    this.count--
    return address
  }

  private grow(): void {
    const capacity = this.times.length * 2
    const times = new Float64Array(capacity)
    const addresses = new Uint32Array(capacity)
    for (let i = 0; i < this.count; i++) {
      const from = (this.first + i) & (this.times.length - 1)
      times[i] = this.times[from]
      addresses[i] = this.addresses[from]
    }
    this.times = times
    this.addresses = addresses
    this.first = 0
  }
}
