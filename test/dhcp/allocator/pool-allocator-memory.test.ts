import assert from 'node:assert/strict'
import {it} from 'node:test'
import {setFlagsFromString} from 'node:v8'
import {runInNewContext} from 'node:vm'

import {parseIp4Range} from '../../../src/dhcp/allocator/ip4-range.js'
import {createPoolAllocator} from '../../../src/dhcp/allocator/pool-allocator.js'

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

/** Heap plus ArrayBuffer memory: typed-array bitmaps live outside the JS heap. */
function memoryInUse(): number {
  collectGarbage()
  const usage = process.memoryUsage()
  return usage.heapUsed + usage.arrayBuffers
}

it('a /8 pool with 100 000 addresses handed out uses far less memory than a bitmap of the whole pool', (t) => {
  const before = memoryInUse()
  const allocator = createPoolAllocator([parseIp4Range('10.0.0.0/8')], [parseIp4Range('10.0.0.0/24'), parseIp4Range('10.128.0.0/16')])
  let last = 0
  for (let i = 0; i < 100_000; i++) {
    const a = allocator.allocate()
    assert.ok(a !== undefined && a > last, 'ascending and unique')
    last = a
  }
  const grown = memoryInUse() - before
  const wholePoolBitmap = 2 ** 24 / 8
  t.diagnostic(`memory grown by ${(grown / 1024).toFixed(0)} KiB for 100 000 of ${allocator.capacity} addresses`)
  assert.equal(allocator.capacity, 2 ** 24 - 256 - 65_536)
  assert.equal(allocator.used, 100_000)
  // A bitmap of the pool alone would be 2 MiB; allow half of that for everything.
  assert.ok(grown < wholePoolBitmap / 2, `grew by ${grown} bytes`)
})
