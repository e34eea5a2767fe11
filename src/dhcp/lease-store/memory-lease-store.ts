import type {Ip4, Lease, LeaseState, LeaseStore} from '../engine-types.js'
import {LeaseIndex} from './lease-index.js'
import {assertValidAddress, recordOf, StringInterner} from './lease-record.js'

/**
 * A LeaseStore that keeps leases in memory only, with the same indexing and
 * validation as the file store; commits resolve at once. For tests of the
 * layers above.
 */
export function createMemoryLeaseStore(): LeaseStore {
  return new MemoryLeaseStore()
}

class MemoryLeaseStore implements LeaseStore {
  private readonly index = new LeaseIndex()
  private readonly scopes = new StringInterner()

  get size(): number {
    return this.index.size
  }

  open(): Promise<void> {
    return Promise.resolve()
  }

  getByAddress(address: Ip4): Lease | undefined {
    return this.index.leaseAt(address)
  }

  getByClient(clientKey: string): Lease | undefined {
    return this.index.leaseOfClient(clientKey)
  }

  all(): IterableIterator<Lease> {
    return this.index.leases()
  }

  forEachLease(visit: (address: Ip4, state: LeaseState, expiry: number) => void): void {
    this.index.forEachLease(visit)
  }

  commit(lease: Lease): Promise<void> {
    try {
      this.index.put(recordOf(lease, this.scopes))
      return Promise.resolve()
    } catch (error) {
      return Promise.reject(error)
    }
  }

  remove(address: Ip4): Promise<void> {
    try {
      assertValidAddress(address)
    } catch (error) {
      return Promise.reject(error)
    }
    this.index.delete(address | 0)
    return Promise.resolve()
  }

  compact(): Promise<void> {
    return Promise.resolve()
  }

  close(): Promise<void> {
    return Promise.resolve()
  }
}
