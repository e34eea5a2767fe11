import type {Ip4} from '../engine-types.js'
import {AddressIndex, doubled, EntryNumbers, newClientList} from './address-index.js'

/**
 * Addresses whose lease is being committed → the client and how many of its
 * commits are in flight. Entries come and go with every REQUEST, so they live
 * in typed arrays found through an AddressIndex rather than in a Map (see
 * AddressIndex for why).
 */
export class InFlightCommits {
  private readonly index = new AddressIndex()
  private readonly entries = new EntryNumbers()
  private counts = new Int32Array(64)
  private clients = newClientList(64)

  get size(): number {
    return this.index.size
  }

  /** The client committing a lease of the address, if any. */
  owner(address: Ip4): string | undefined {
    const entry = this.index.get(address)
    return entry < 0 ? undefined : this.clients[entry]
  }

  /** One more commit of the address for this client (the caller has checked nobody else owns it). */
  begin(address: Ip4, clientKey: string): void {
    const known = this.index.get(address)
    if (known >= 0) {
      this.counts[known]++
      return
    }
    const entry = this.entries.take()
    if (entry === this.counts.length) {
      this.counts = doubled(this.counts)
      this.clients = newClientList(this.counts.length, this.clients)
    }
    this.counts[entry] = 1
    this.clients[entry] = clientKey
    this.index.set(address, entry)
  }

  /** One commit of the address ended; the entry goes with the last one. */
  end(address: Ip4): void {
    const entry = this.index.get(address)
    if (entry < 0 || --this.counts[entry] > 0) return
    this.clients[entry] = undefined
    this.index.delete(address)
    this.entries.give(entry)
  }
}
