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
 */
export class OfferHolds {
  private readonly byAddress = new Map<Ip4, Hold>()
  private readonly byClient = new Map<string, Hold>()
  /** Holds in the order they were made or renewed, with the expiry each had then. */
  private queue: Hold[] = []
  private queueTimes: number[] = []
  private head = 0

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
    const holds = this.queue
    const times = this.queueTimes
    while (this.head < holds.length && times[this.head] <= now) {
      const hold = holds[this.head]
      this.head++
      // The entry is stale when the hold was renewed or replaced since.
      if (hold.expiresAt <= now && this.byAddress.get(hold.address) === hold) this.end(hold)
    }
    if (this.head > 1024 && this.head * 2 > holds.length) {
      this.queue = holds.slice(this.head)
      this.queueTimes = times.slice(this.head)
      this.head = 0
    }
  }

  /** Every live hold, for re-marking after a reload. */
  all(): IterableIterator<Hold> {
    return this.byAddress.values()
  }

  private enqueue(hold: Hold): void {
    this.queue.push(hold)
    this.queueTimes.push(hold.expiresAt)
  }

  private end(hold: Hold): void {
    this.byAddress.delete(hold.address)
    if (this.byClient.get(hold.clientKey) === hold) this.byClient.delete(hold.clientKey)
    this.onEnd(hold)
  }
}
