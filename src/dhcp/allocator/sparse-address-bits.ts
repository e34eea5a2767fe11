import type {Ip4} from '../engine-types.js'

// Two bit planes per address (taken, queued) kept in 4096-address pages that
// exist only while one of their bits is set: memory follows the addresses in
// use, never the pool size. A full /8 in use costs 4096 pages of ~1 KiB.
const PAGE_SHIFT = 12
const PAGE_SIZE = 1 << PAGE_SHIFT
const PAGE_WORDS = PAGE_SIZE / 32
/** Words 0 and 1 of a page count its set bits of each plane; the planes follow. */
const TAKEN = 2
const QUEUED = 2 + PAGE_WORDS
const PAGE_LENGTH = 2 + 2 * PAGE_WORDS
const countOf = (plane: number): number => (plane === TAKEN ? 0 : 1)

const wordIndex = (address: Ip4): number => (address & ((1 << PAGE_SHIFT) - 1)) >>> 5
const bitOf = (address: Ip4): number => 1 << (address & 31)

export class SparseAddressBits {
  private readonly pages = new Map<number, Uint32Array>()

  get pageCount(): number {
    return this.pages.size
  }

  isTaken(address: Ip4): boolean {
    return this.test(address, TAKEN)
  }

  setTaken(address: Ip4): void {
    this.set(address, TAKEN)
  }

  clearTaken(address: Ip4): void {
    this.clear(address, TAKEN)
  }

  isQueued(address: Ip4): boolean {
    return this.test(address, QUEUED)
  }

  setQueued(address: Ip4): void {
    this.set(address, QUEUED)
  }

  clearQueued(address: Ip4): void {
    this.clear(address, QUEUED)
  }

  /**
   * The first address in [from, to] that is not taken, or -1. Absent pages
   * count as free at once, wholly taken pages are skipped 4096 addresses at a
   * time and wholly taken words 32 at a time, so even a million taken
   * addresses in a row cost a few hundred steps.
   */
  firstNotTaken(from: Ip4, to: Ip4): number {
    let address = from
    while (address <= to) {
      const page = this.pages.get(address >>> PAGE_SHIFT)
      if (page === undefined) return address
      if (page[countOf(TAKEN)] === PAGE_SIZE) {
        address = ((address | (PAGE_SIZE - 1)) >>> 0) + 1
        continue
      }
      const word = page[TAKEN + wordIndex(address)]
      if (word === 0xffffffff && (address & 31) === 0) {
        address += 32
        continue
      }
      if ((word & bitOf(address)) === 0) return address
      address++
    }
    return -1
  }

  private test(address: Ip4, plane: number): boolean {
    const page = this.pages.get(address >>> PAGE_SHIFT)
    return page !== undefined && (page[plane + wordIndex(address)] & bitOf(address)) !== 0
  }

  private set(address: Ip4, plane: number): void {
    const key = address >>> PAGE_SHIFT
    let page = this.pages.get(key)
    if (page === undefined) {
      page = new Uint32Array(PAGE_LENGTH)
      this.pages.set(key, page)
    }
    const index = plane + wordIndex(address)
    const bit = bitOf(address)
    if ((page[index] & bit) !== 0) return
    page[index] |= bit
    page[countOf(plane)]++
  }

  private clear(address: Ip4, plane: number): void {
    const key = address >>> PAGE_SHIFT
    const page = this.pages.get(key)
    if (page === undefined) return
    const index = plane + wordIndex(address)
    const bit = bitOf(address)
    if ((page[index] & bit) === 0) return
    page[index] &= ~bit
    page[countOf(plane)]--
    if (page[0] === 0 && page[1] === 0) this.pages.delete(key)
  }
}
