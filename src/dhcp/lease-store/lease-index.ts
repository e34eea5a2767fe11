import type {Ip4, Lease} from '../engine-types.js'
import {fnv1aUtf8} from './fnv1a.js'
import {type LeaseRecord, leaseOf, recordHasClientKey} from './lease-record.js'

type Bucket = LeaseRecord | LeaseRecord[]

/**
 * Leases by address and by client key. The client index is keyed by a hash of
 * the key, so no key string is kept per lease; a bucket holding several
 * records (a client with leases in several scopes, or a hash collision) is
 * an array in commit order, and a lookup returns the client's most recently
 * committed lease that still exists.
 */
export class LeaseIndex {
  private readonly byAddress = new Map<number, LeaseRecord>()
  private readonly byClient = new Map<number, Bucket>()

  get size(): number {
    return this.byAddress.size
  }

  get(address32: number): LeaseRecord | undefined {
    return this.byAddress.get(address32)
  }

  findClient(clientKey: string): LeaseRecord | undefined {
    const bucket = this.byClient.get(fnv1aUtf8(clientKey) | 0)
    if (bucket === undefined) return undefined
    if (!Array.isArray(bucket)) return recordHasClientKey(bucket, clientKey) ? bucket : undefined
    for (let i = bucket.length - 1; i >= 0; i--) if (recordHasClientKey(bucket[i], clientKey)) return bucket[i]
    return undefined
  }

  /** Inserts the record, replacing the one on the same address. */
  put(record: LeaseRecord): void {
    const previous = this.byAddress.get(record.address32)
    if (previous !== undefined) this.unlinkClient(previous)
    this.byAddress.set(record.address32, record)
    const hash = record.keyHash
    const bucket = this.byClient.get(hash)
    if (bucket === undefined) this.byClient.set(hash, record)
    else if (Array.isArray(bucket)) bucket.push(record)
    else this.byClient.set(hash, [bucket, record])
  }

  delete(address32: number): boolean {
    const previous = this.byAddress.get(address32)
    if (previous === undefined) return false
    this.byAddress.delete(address32)
    this.unlinkClient(previous)
    return true
  }

  values(): IterableIterator<LeaseRecord> {
    return this.byAddress.values()
  }

  /** The lease on the address, as a new Lease object. */
  leaseAt(address: Ip4): Lease | undefined {
    const record = this.byAddress.get(address | 0)
    return record === undefined ? undefined : leaseOf(record)
  }

  /** The client's most recently committed lease, as a new Lease object. */
  leaseOfClient(clientKey: string): Lease | undefined {
    const record = this.findClient(clientKey)
    return record === undefined ? undefined : leaseOf(record)
  }

  *leases(): IterableIterator<Lease> {
    for (const record of this.byAddress.values()) yield leaseOf(record)
  }

  private unlinkClient(record: LeaseRecord): void {
    const hash = record.keyHash
    const bucket = this.byClient.get(hash)
    if (bucket === record) {
      this.byClient.delete(hash)
    } else if (Array.isArray(bucket)) {
      const at = bucket.indexOf(record)
      if (at >= 0) bucket.splice(at, 1)
      if (bucket.length === 1) this.byClient.set(hash, bucket[0])
    }
  }
}
