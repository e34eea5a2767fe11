import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {AddressAllocator, Ip4Range} from '../../../src/dhcp/engine-types.js'
import {parseIp4Range} from '../../../src/dhcp/allocator/ip4-range.js'
import {createPoolAllocator} from '../../../src/dhcp/allocator/pool-allocator.js'
import {randomInt, seededRandom} from './seeded-random.js'

function drain(allocator: AddressAllocator): number[] {
  const out: number[] = []
  for (let a = allocator.allocate(); a !== undefined; a = allocator.allocate()) out.push(a)
  return out
}

function poolSet(ranges: Ip4Range[], excluded: Ip4Range[]): Set<number> {
  const pool = new Set<number>()
  for (const r of ranges) for (let a = r.start; a <= r.end; a++) pool.add(a)
  for (const r of excluded) for (let a = r.start; a <= r.end; a++) pool.delete(a)
  return pool
}

describe('createPoolAllocator', () => {
  it('hands out every pool address exactly once, in ascending order, then reports exhaustion', () => {
    const allocator = createPoolAllocator([parseIp4Range('198.18.0.10-198.18.0.14')], [])
    assert.equal(allocator.capacity, 5)
    assert.deepEqual(drain(allocator).map((a) => a - 0xc6120000), [10, 11, 12, 13, 14])
    assert.equal(allocator.allocate(), undefined)
    assert.equal(allocator.used, 5)
  })

  it('never hands out excluded addresses, including exclusions at both edges and beyond the range', () => {
    const ranges = [{start: 100, end: 120}]
    const excluded = [{start: 90, end: 102}, {start: 110, end: 110}, {start: 118, end: 130}]
    const allocator = createPoolAllocator(ranges, excluded)
    assert.equal(allocator.capacity, 14)
    assert.deepEqual(drain(allocator), [103, 104, 105, 106, 107, 108, 109, 111, 112, 113, 114, 115, 116, 117])
    for (const a of [90, 100, 102, 110, 118, 120, 121]) {
      assert.equal(allocator.inPool(a), false, String(a))
      assert.equal(allocator.take(a), false, String(a))
    }
  })

  it('spans several unsorted, overlapping ranges and counts overlaps once', () => {
    const allocator = createPoolAllocator(
      [{start: 50, end: 52}, {start: 10, end: 12}, {start: 11, end: 13}],
      [{start: 51, end: 51}],
    )
    assert.equal(allocator.capacity, 6)
    assert.deepEqual(drain(allocator), [10, 11, 12, 13, 50, 52])
  })

  it('has zero capacity and allocates nothing when everything is excluded', () => {
    const allocator = createPoolAllocator([{start: 1, end: 10}], [{start: 0, end: 20}])
    assert.equal(allocator.capacity, 0)
    assert.equal(allocator.allocate(), undefined)
    assert.equal(allocator.inPool(5), false)
  })

  it('works at the very top of the address space', () => {
    const allocator = createPoolAllocator([{start: 0xfffffffd, end: 0xffffffff}], [])
    assert.deepEqual(drain(allocator), [0xfffffffd, 0xfffffffe, 0xffffffff])
    allocator.free(0xffffffff)
    assert.equal(allocator.allocate(), 0xffffffff)
  })

  it('skips addresses taken ahead of the cursor and hands them out after they are freed', () => {
    const allocator = createPoolAllocator([{start: 1, end: 6}], [])
    assert.ok(allocator.take(2))
    assert.ok(allocator.take(3))
    assert.equal(allocator.take(3), false, 'a second take of the same address fails')
    assert.equal(allocator.allocate(), 1)
    assert.equal(allocator.allocate(), 4)
    allocator.free(3)
    assert.equal(allocator.isFree(3), true)
    assert.deepEqual(drain(allocator), [5, 6, 3])
    assert.equal(allocator.used, 6)
  })

  it('prefers never-used addresses, then reuses freed ones longest-freed first', () => {
    const allocator = createPoolAllocator([{start: 1, end: 5}], [])
    assert.deepEqual([allocator.allocate(), allocator.allocate(), allocator.allocate()], [1, 2, 3])
    allocator.free(2)
    allocator.free(1)
    assert.deepEqual(drain(allocator), [4, 5, 2, 1])
  })

  it('ignores free() of addresses never taken, freed twice or outside the pool', () => {
    const allocator = createPoolAllocator([{start: 1, end: 3}], [])
    assert.equal(allocator.allocate(), 1)
    allocator.free(2)
    allocator.free(99)
    allocator.free(1)
    allocator.free(1)
    assert.equal(allocator.used, 0)
    assert.deepEqual(drain(allocator), [2, 3, 1])
    assert.equal(allocator.used, 3)
  })

  it('does not hand out an address that was freed and then taken again before it came out of the queue', () => {
    const allocator = createPoolAllocator([{start: 1, end: 3}], [])
    drain(allocator)
    allocator.free(2)
    assert.ok(allocator.take(2))
    allocator.free(2)
    assert.ok(allocator.take(2))
    allocator.free(1)
    assert.deepEqual(drain(allocator), [1])
  })

  it('matches a simple set model over random sequences of take, free and allocate', () => {
    const ranges = [{start: 10, end: 70}, {start: 100, end: 140}, {start: 300, end: 300}, {start: 500, end: 563}]
    const excluded = [{start: 5, end: 12}, {start: 40, end: 45}, {start: 65, end: 105}, {start: 140, end: 150}, {start: 530, end: 531}]
    const pool = poolSet(ranges, excluded)
    for (let seed = 1; seed <= 200; seed++) {
      const random = seededRandom(seed)
      const allocator = createPoolAllocator(ranges, excluded)
      assert.equal(allocator.capacity, pool.size)
      const taken = new Set<number>()
      for (let step = 0; step < 2000; step++) {
        const where = `seed ${seed} step ${step}`
        const op = random()
        if (op < 0.4) {
          const a = allocator.allocate()
          if (taken.size === pool.size) {
            assert.equal(a, undefined, where)
          } else {
            assert.ok(a !== undefined && pool.has(a) && !taken.has(a), `${where}: allocate returned ${a}`)
            taken.add(a)
          }
        } else if (op < 0.6) {
          const a = randomInt(random, 0, 600)
          const expected = pool.has(a) && !taken.has(a)
          assert.equal(allocator.take(a), expected, `${where}: take(${a})`)
          if (expected) taken.add(a)
        } else {
          // Mostly free addresses that are in use, sometimes arbitrary ones.
          const inUse = [...taken]
          const a = inUse.length > 0 && random() < 0.8 ? inUse[randomInt(random, 0, inUse.length - 1)] : randomInt(random, 0, 600)
          allocator.free(a)
          taken.delete(a)
        }
        assert.equal(allocator.used, taken.size, where)
        const probe = randomInt(random, 0, 600)
        assert.equal(allocator.inPool(probe), pool.has(probe), `${where}: inPool(${probe})`)
        assert.equal(allocator.isFree(probe), pool.has(probe) && !taken.has(probe), `${where}: isFree(${probe})`)
      }
      // Whatever happened, draining yields exactly the addresses the model says are free.
      const rest = drain(allocator).sort((a, b) => a - b)
      assert.deepEqual(rest, [...pool].filter((a) => !taken.has(a)).sort((a, b) => a - b), `seed ${seed}: drain`)
    }
  })

  it('reaches every address of a pool whose pages are partly taken in bulk', () => {
    // Takes whole runs so the cursor has to skip full 32-address words and full pages.
    const allocator = createPoolAllocator([{start: 0, end: 20_000}], [{start: 4000, end: 4100}])
    for (let a = 0; a < 9000; a++) if (a % 1000 !== 7) allocator.take(a)
    const expected = [7, 1007, 2007, 3007, 5007, 6007, 7007, 8007]
    const got = [] as number[]
    for (let i = 0; i < expected.length; i++) got.push(allocator.allocate() as number)
    assert.deepEqual(got, expected)
    assert.equal(allocator.allocate(), 9000)
  })

  it('finds the first free address after whole pages taken in a row, high in the address space', () => {
    // 198.0.0.1 and up: the addresses do not fit a signed 32-bit integer.
    const start = parseIp4Range('198.0.0.1-198.255.255.254').start
    const allocator = createPoolAllocator([{start, end: start + 100_000}], [])
    for (let a = start; a < start + 50_000; a++) allocator.take(a)
    allocator.take(start + 50_001)
    assert.equal(allocator.allocate(), start + 50_000)
    assert.equal(allocator.allocate(), start + 50_002)
    for (let a = start + 50_003; a <= start + 100_000; a++) assert.equal(allocator.allocate(), a)
    assert.equal(allocator.allocate(), undefined)
  })
})
