import type {Ip4, Lease, LeaseState, LeaseStore} from '../engine-types.js'
import {InFlightCommits} from './in-flight-commits.js'
import {LeaseExpiryQueue} from './lease-expiry-queue.js'
import {type HoldOwner, OfferHolds} from './offer-holds.js'
import type {ScopeReservation, ScopeRuntime} from './scope-runtime.js'
import type {ScopeSelector} from './select-scope.js'

/** Owner of a quarantined (declined) address: no client key can equal it. */
export const QUARANTINE = '\u0000declined'

/**
 * Who may use which address. The lease store, the offer holds and the commits
 * in flight are the truth; each scope's allocator bit is a cache of "someone
 * owns this pool address" so a free address is found without scanning.
 * Invariant: a pool address is taken in its allocator iff it has a commit in
 * flight, a live offer hold, a live active lease or a live quarantine. Every
 * path that ends an ownership (commit done, hold ends, lease expires or is
 * released) calls reclaim(), which frees the bit only if nothing else owns the
 * address; every path that starts one takes the bit.
 */
/** The expiry queue may hold this many stale entries beyond twice the leases before it is rebuilt. */
const MIN_EXPIRY_QUEUE_SLACK = 65_536

export class AddressBook implements HoldOwner {
  readonly holds: OfferHolds
  private readonly expiries = new LeaseExpiryQueue()
  /** Addresses whose lease is being committed → the client and how many commits are in flight. */
  private readonly committing = new InFlightCommits()
  private now = 0

  constructor(
    private readonly store: LeaseStore,
    private selector: ScopeSelector,
  ) {
    this.holds = new OfferHolds(this)
  }

  /** Entries in the lease expiry queue, stale ones included (for the counters and tests). */
  get queuedExpiries(): number {
    return this.expiries.size
  }

  /** The client key owning the address at `now` (ms), QUARANTINE, or undefined when nobody does. */
  ownerOf(address: Ip4, now: number): string | undefined {
    const committing = this.committing.owner(address)
    if (committing !== undefined) return committing
    const holder = this.holds.holderOf(address, now)
    if (holder !== undefined) return holder
    const lease = this.store.getByAddress(address)
    if (lease === undefined || !isLive(lease, now)) return undefined
    return lease.state === 'declined' ? QUARANTINE : lease.clientKey
  }

  /**
   * May this client get the address in this scope? Only when nobody else owns
   * it and it is either in the dynamic pool or reserved for this very client.
   */
  usableBy(scope: ScopeRuntime, address: Ip4, clientKey: string, reservation: ScopeReservation | undefined, now: number): boolean {
    const owner = this.ownerOf(address, now)
    if (owner !== undefined && owner !== clientKey) return false
    return scope.allocator.inPool(address) || reservation?.address === address
  }

  /** Takes a free pool address for an offer, or undefined when the scope is exhausted. */
  allocate(scope: ScopeRuntime, now: number): Ip4 | undefined {
    for (let address = scope.allocator.allocate(); address !== undefined; address = scope.allocator.allocate()) {
      // A live owner the allocator did not know about would mean a bug
      // elsewhere; leave that address taken and look further.
      if (this.ownerOf(address, now) === undefined) return address
    }
    return undefined
  }

  /** Holds the address offered to the client until `until` (ms), replacing the client's previous offer. */
  hold(scope: ScopeRuntime, address: Ip4, clientKey: string, until: number): void {
    this.holds.hold(address, clientKey, until)
    // After holds.hold(): replacing a stale hold may have freed the bit.
    scope.allocator.take(address)
  }

  /**
   * Keeps the address the client's while a lease of it is being committed,
   * however long the commit takes; the client's offer is done with. The
   * caller has checked the address is usable by this client.
   */
  beginCommit(scope: ScopeRuntime | undefined, address: Ip4, clientKey: string): number {
    this.committing.begin(address, clientKey)
    scope?.allocator.take(address)
    this.holds.releaseClient(clientKey)
    return this.queuedThrough(address)
  }

  /**
   * The commit ended; `lease` is what the store now has (undefined when the
   * commit failed); `queued` is what beginCommit returned.
   */
  endCommit(address: Ip4, lease: Lease | undefined, queued = 0): void {
    this.committing.end(address)
    if (lease !== undefined) this.leased(lease, queued)
    else this.reclaim(address)
  }

  /**
   * Records a lease that the store now has: its address stays taken until it
   * expires. `queued` (from beginCommit) is the expiry of the live lease the
   * address had before, whose queue entry already covers any later expiry.
   */
  leased(lease: Lease, queued = 0): void {
    if (isLive(lease, this.now)) this.taken(lease.address, lease.expiry, queued)
    else this.reclaim(lease.address)
  }

  /** An offer hold ended (HoldOwner). */
  holdEnded(address: Ip4): void {
    this.reclaim(address)
  }

  /** Returns the address to its pool unless a hold or a live lease still owns it. */
  reclaim(address: Ip4): void {
    if (this.ownerOf(address, this.now) === undefined) this.selector.containing(address)?.allocator.free(address)
  }

  /** Ends the holds and leases whose time is up; cheap when nothing is due (two comparisons). */
  sweep(now: number): void {
    this.now = now
    this.holds.expire(now)
    const seconds = Math.floor(now / 1000)
    for (let address = this.expiries.popDue(seconds); address !== -1; address = this.expiries.popDue(seconds)) {
      // A lease renewed since its entry was queued: due again when the renewed lease ends.
      const lease = this.store.getByAddress(address)
      if (lease !== undefined && isLive(lease, now)) this.expiries.push(lease.expiry, address)
      else this.reclaim(address)
    }
  }

  /** The expiry (unix s) of the live lease the address has now, 0 when it has none. */
  private queuedThrough(address: Ip4): number {
    const lease = this.store.getByAddress(address)
    return lease !== undefined && isLive(lease, this.now) ? lease.expiry : 0
  }

  /**
   * A live lease owns the address until `expiry` (unix seconds). Invariant:
   * every live lease has an entry in the expiry queue due no later than it
   * ends. So a renewal (`queued`: the address's live lease before it, now
   * replaced) queues nothing: the old entry comes out when the old lease
   * would have ended and is queued again for the renewed one (sweep). Clients
   * renew at half their lease time, so this is one queue operation per lease
   * time instead of one per renewal, and the queue never needs rebuilding in
   * one go under renewals (that took ~10 ms at 10 000 leases, and scaled with
   * the leases).
   */
  private taken(address: Ip4, expiry: number, queued = 0): void {
    this.selector.containing(address)?.allocator.take(address)
    if (queued !== 0 && queued <= expiry) return
    this.expiries.push(expiry, address)
    // Entries still go stale when an address is released and leased again
    // before the old entry's time (or leased() is given no `queued`). Past
    // twice the leases, start the queue over from the store (amortised O(1)
    // per new entry, like the lease log's compaction).
    if (this.expiries.size > 2 * this.store.size + MIN_EXPIRY_QUEUE_SLACK) this.requeueExpiries(this.now)
  }

  /** Queues the expiry of every live lease and no stale entry. */
  private requeueExpiries(now: number): void {
    this.expiries.clear()
    const queue = (address: Ip4, state: LeaseState, expiry: number): void => {
      if (ownsAddress(state, expiry, now)) this.expiries.push(expiry, address)
    }
    if (this.store.forEachLease !== undefined) this.store.forEachLease(queue)
    else for (const lease of this.store.all()) queue(lease.address, lease.state, lease.expiry)
  }

  /** Switches to a selector over the same scopes (interface addresses changed). */
  useSelector(selector: ScopeSelector): void {
    this.selector = selector
  }

  /**
   * Starts over with new scopes (start-up, reload): every live lease and hold
   * is marked taken in the new allocators. The only pass over all leases.
   */
  rebuild(selector: ScopeSelector, now: number): void {
    this.selector = selector
    this.now = now
    this.expiries.clear()
    if (this.store.forEachLease !== undefined) {
      this.store.forEachLease((address, state, expiry) => {
        if (ownsAddress(state, expiry, now)) this.taken(address, expiry)
      })
    } else {
      for (const lease of this.store.all()) {
        if (isLive(lease, now)) this.taken(lease.address, lease.expiry)
      }
    }
    const ended: Ip4[] = []
    this.holds.forEach((address, _clientKey, expiresAt) => {
      const scope = selector.containing(address)
      if (scope === undefined || expiresAt <= now) ended.push(address)
      else scope.allocator.take(address)
    })
    for (const address of ended) this.holds.releaseAddress(address)
  }
}

/** Active and quarantined leases own their address until they expire. */
export function isLive(lease: Lease, now: number): boolean {
  return ownsAddress(lease.state, lease.expiry, now)
}

function ownsAddress(state: LeaseState, expiry: number, now: number): boolean {
  return (state === 'active' || state === 'declined') && expiry * 1000 > now
}
