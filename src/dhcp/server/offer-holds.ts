import type {Ip4} from '../engine-types.js'

/** An address offered to one client until `expiresAt` (ms). */
export interface Hold {
  readonly address: Ip4
  readonly clientKey: string
  expiresAt: number
}

/**
 * Addresses offered and not yet requested, at most one per client. Holds are
 * found by address and by client in O(1). Expiry needs no scan: holds are
 * queued in the order they were made and, with one hold time for all, that is
 * also the order they expire in, so only the head of the queue is ever looked
 * at. A renewed hold is queued again; its older entry is skipped when it
 * reaches the head, as are entries of holds replaced or released since.
 *
 * The queue keeps (expiry, address) numbers, not the holds: most holds end
 * within milliseconds (the REQUEST comes), and a queue of objects would keep
 * each one alive for the whole hold time, so that under load every garbage
 * collection copied hundreds of thousands of dead holds.
 */
export class OfferHolds {
  private readonly byAddress = new Map<Ip4, Hold>()
  private readonly byClient = new Map<string, Hold>()
  /** Addresses in the order their holds were made or renewed, with the expiry each had then. */
  private readonly queue = new ExpiryFifo()

  /** Called for every hold that ends (expired, replaced or released), after it was removed. */
  constructor(private readonly onEnd: (hold: Hold) => void) {}

  get size(): number {
    return this.byAddress.size
  }

  /** The live hold on an address, if any. */
  onAddress(address: Ip4, now: number): Hold | undefined {
    const hold = this.byAddress.get(address)
    return hold !== undefined && hold.expiresAt > now ? hold : undefined
  }

  /** The client's live hold, if any. */
  ofClient(clientKey: string, now: number): Hold | undefined {
    const hold = this.byClient.get(clientKey)
    return hold !== undefined && hold.expiresAt > now ? hold : undefined
  }

  /**
   * Holds `address` for the client until `expiresAt`, replacing the client's
   * hold on another address. The caller has checked that nobody else holds it.
   */
  hold(address: Ip4, clientKey: string, expiresAt: number): Hold {
    const previous = this.byClient.get(clientKey)
    if (previous !== undefined && previous.address === address) {
      previous.expiresAt = expiresAt
      this.enqueue(previous)
      return previous
    }
    if (previous !== undefined) this.end(previous)
    const other = this.byAddress.get(address)
    if (other !== undefined) this.end(other)
    const hold: Hold = {address, clientKey, expiresAt}
    this.byAddress.set(address, hold)
    this.byClient.set(clientKey, hold)
    this.enqueue(hold)
    return hold
  }

  /** Ends the hold if it is still the current one. */
  release(hold: Hold): void {
    if (this.byAddress.get(hold.address) === hold) this.end(hold)
  }

  /** Ends the client's hold, if it has one. */
  releaseClient(clientKey: string): Hold | undefined {
    const hold = this.byClient.get(clientKey)
    if (hold !== undefined) this.end(hold)
    return hold
  }

  /** Ends every hold that expired by `now`; amortised O(1) per hold. */
  expire(now: number): void {
    const queue = this.queue
    while (queue.size > 0 && queue.firstTime() <= now) {
      const hold = this.byAddress.get(queue.shiftAddress())
      // The entry is stale when the hold was released, renewed or replaced since.
      if (hold !== undefined && hold.expiresAt <= now) this.end(hold)
    }
  }

  /** Every live hold, for re-marking after a reload. */
  all(): IterableIterator<Hold> {
    return this.byAddress.values()
  }

  private enqueue(hold: Hold): void {
    this.queue.push(hold.expiresAt, hold.address)
  }

  private end(hold: Hold): void {
    this.byAddress.delete(hold.address)
    if (this.byClient.get(hold.clientKey) === hold) this.byClient.delete(hold.clientKey)
    this.onEnd(hold)
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
