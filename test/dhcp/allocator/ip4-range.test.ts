import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {
  formatIp4Range,
  normalizeRanges,
  parseIp4Range,
  rangeContains,
  rangeSize,
  rangesOverlap,
  subtractRanges,
} from '../../../src/dhcp/allocator/ip4-range.js'
import {randomInt, seededRandom} from './seeded-random.js'

describe('ip4-range', () => {
  it('refuses malformed addresses inside ranges', () => {
    for (const bad of ['1.2.3-1.2.3.4', '198.18.0.1-01.2.3.4', '256.0.0.0/8', 'a.b.c.d']) {
      assert.throws(() => parseIp4Range(bad), /not an IPv4 address/, bad)
    }
  })

  it('parses dash ranges, prefixes and single addresses', () => {
    assert.deepEqual(parseIp4Range('198.18.0.10 - 198.18.0.20'), {start: 0xc612000a, end: 0xc6120014})
    assert.deepEqual(parseIp4Range('198.18.0.0/15'), {start: 0xc6120000, end: 0xc613ffff})
    assert.deepEqual(parseIp4Range('198.18.3.77/24'), {start: 0xc6120300, end: 0xc61203ff})
    assert.deepEqual(parseIp4Range('0.0.0.0/0'), {start: 0, end: 0xffffffff})
    assert.deepEqual(parseIp4Range('198.18.0.5'), {start: 0xc6120005, end: 0xc6120005})
    assert.equal(formatIp4Range(parseIp4Range('198.18.0.1-198.18.0.9')), '198.18.0.1-198.18.0.9')
  })

  it('refuses reversed ranges and bad prefix lengths', () => {
    assert.throws(() => parseIp4Range('198.18.0.9-198.18.0.1'), /ends before it starts/)
    assert.throws(() => parseIp4Range('198.18.0.0/33'), /bad prefix length/)
    assert.throws(() => parseIp4Range('198.18.0.0/'), /bad prefix length/)
  })

  it('computes size, containment and overlap at the edges', () => {
    const r = {start: 10, end: 20}
    assert.equal(rangeSize(r), 11)
    assert.equal(rangeSize({start: 0, end: 0xffffffff}), 2 ** 32)
    assert.ok(rangeContains(r, 10) && rangeContains(r, 20))
    assert.ok(!rangeContains(r, 9) && !rangeContains(r, 21))
    assert.ok(rangesOverlap(r, {start: 20, end: 30}))
    assert.ok(rangesOverlap(r, {start: 0, end: 10}))
    assert.ok(rangesOverlap(r, {start: 12, end: 13}))
    assert.ok(!rangesOverlap(r, {start: 21, end: 30}))
  })

  it('merges overlapping and touching ranges and refuses invalid ones', () => {
    assert.deepEqual(normalizeRanges([{start: 30, end: 40}, {start: 1, end: 5}, {start: 6, end: 8}, {start: 35, end: 50}]), [
      {start: 1, end: 8},
      {start: 30, end: 50},
    ])
    assert.throws(() => normalizeRanges([{start: 5, end: 4}]), /invalid IPv4 range/)
    assert.throws(() => normalizeRanges([{start: 0, end: 2 ** 32}]), /invalid IPv4 range/)
  })

  it('subtracts exclusions that cover edges, middles, several ranges or everything', () => {
    assert.deepEqual(subtractRanges([{start: 10, end: 20}], [{start: 10, end: 12}, {start: 15, end: 15}, {start: 20, end: 30}]), [
      {start: 13, end: 14},
      {start: 16, end: 19},
    ])
    assert.deepEqual(subtractRanges([{start: 10, end: 20}, {start: 30, end: 40}], [{start: 18, end: 32}]), [
      {start: 10, end: 17},
      {start: 33, end: 40},
    ])
    assert.deepEqual(subtractRanges([{start: 10, end: 20}], [{start: 0, end: 100}]), [])
  })

  it('subtracts exactly like a set difference on random small inputs', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed)
      const randomRanges = (): {start: number; end: number}[] =>
        Array.from({length: randomInt(random, 0, 5)}, () => {
          const start = randomInt(random, 0, 60)
          return {start, end: start + randomInt(random, 0, 12)}
        })
      const ranges = randomRanges()
      const removed = randomRanges()
      const expected = new Set<number>()
      for (const r of ranges) for (let a = r.start; a <= r.end; a++) expected.add(a)
      for (const r of removed) for (let a = r.start; a <= r.end; a++) expected.delete(a)
      const actual = subtractRanges(ranges, removed)
      const flattened: number[] = []
      for (const r of actual) for (let a = r.start; a <= r.end; a++) flattened.push(a)
      assert.deepEqual(flattened, [...expected].sort((a, b) => a - b), `seed ${seed}`)
      for (let i = 1; i < actual.length; i++) assert.ok(actual[i].start > actual[i - 1].end + 1, `seed ${seed}: not merged`)
    }
  })
})
