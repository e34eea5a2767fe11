import type {Ip4, Ip4Range} from '../engine-types.js'
import {ip4FromString, ip4ToString} from '../codec/ip4.js'

const ADDRESS_COUNT = 2 ** 32

/**
 * Parses 'a.b.c.d-e.f.g.h' (inclusive), 'a.b.c.d/len' (every address of the
 * prefix) or a single 'a.b.c.d'. Whitespace around the parts is ignored.
 */
export function parseIp4Range(text: string): Ip4Range {
  const dash = text.indexOf('-')
  if (dash >= 0) {
    const start = ip4FromString(text.slice(0, dash).trim())
    const end = ip4FromString(text.slice(dash + 1).trim())
    if (end < start) throw new Error(`range ends before it starts: '${text}'`)
    return {start, end}
  }
  const slash = text.indexOf('/')
  if (slash >= 0) {
    const base = ip4FromString(text.slice(0, slash).trim())
    const lengthText = text.slice(slash + 1).trim()
    if (!/^\d{1,2}$/.test(lengthText) || Number(lengthText) > 32) throw new Error(`bad prefix length: '${text}'`)
    const size = 2 ** (32 - Number(lengthText))
    const start = base - (base % size)
    return {start, end: start + size - 1}
  }
  const address = ip4FromString(text.trim())
  return {start: address, end: address}
}

export function formatIp4Range(range: Ip4Range): string {
  return `${ip4ToString(range.start)}-${ip4ToString(range.end)}`
}

export function rangeSize(range: Ip4Range): number {
  return range.end - range.start + 1
}

export function rangeContains(range: Ip4Range, address: Ip4): boolean {
  return address >= range.start && address <= range.end
}

export function rangesOverlap(a: Ip4Range, b: Ip4Range): boolean {
  return a.start <= b.end && b.start <= a.end
}

function assertValidRange(range: Ip4Range): void {
  const {start, end} = range
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end >= ADDRESS_COUNT || end < start) {
    throw new Error(`invalid IPv4 range ${start}-${end}`)
  }
}

/** Sorted, disjoint, with overlapping and touching ranges merged. Throws on invalid ranges. */
export function normalizeRanges(ranges: readonly Ip4Range[]): Ip4Range[] {
  for (const range of ranges) assertValidRange(range)
  const sorted = ranges.map(({start, end}) => ({start, end})).sort((a, b) => a.start - b.start)
  const merged: Ip4Range[] = []
  for (const range of sorted) {
    const last = merged.at(-1)
    if (last && range.start <= last.end + 1) last.end = Math.max(last.end, range.end)
    else merged.push(range)
  }
  return merged
}

/** The addresses of `ranges` that are not in `removed`, as sorted disjoint ranges. */
export function subtractRanges(ranges: readonly Ip4Range[], removed: readonly Ip4Range[]): Ip4Range[] {
  const holes = normalizeRanges(removed)
  const result: Ip4Range[] = []
  let h = 0
  for (const range of normalizeRanges(ranges)) {
    let start = range.start
    // Holes are sorted, so the ones entirely before this range never matter again.
    while (h < holes.length && holes[h].end < start) h++
    let i = h
    while (i < holes.length && holes[i].start <= range.end) {
      if (holes[i].start > start) result.push({start, end: holes[i].start - 1})
      start = Math.max(start, holes[i].end + 1)
      i++
    }
    if (start <= range.end) result.push({start, end: range.end})
  }
  return result
}
