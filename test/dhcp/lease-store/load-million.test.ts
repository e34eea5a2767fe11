import assert from 'node:assert/strict'
import {closeSync, openSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, it} from 'node:test'

import type {Lease} from '../../../src/dhcp/engine-types.js'
import {createFileLeaseStore} from '../../../src/dhcp/lease-store/file-lease-store.js'
import {headerLine, leaseLine, tombstoneLine} from '../../../src/dhcp/lease-store/log-line.js'
import {leaseFor, tempDir} from './lease-fixtures.js'

const LEASES = 1_000_000

let dir: string
let cleanup: () => Promise<void>
before(async () => ({dir, cleanup} = await tempDir('million')))
after(() => cleanup())

it('loads a log of a million leases (plus superseded records and tombstones) with the right contents', async (t) => {
  const path = join(dir, 'leases.log')
  const fd = openSync(path, 'w')
  writeSync(fd, headerLine(1))
  // leaseFor cycles through 2^17 addresses, so spread the million over a /12.
  const lease = (n: number): Lease => {
    const spread = leaseFor(n)
    spread.address = 0x0a000000 + n
    return spread
  }
  const generating = performance.now()
  const chunk: string[] = []
  for (let n = 0; n < LEASES; n++) {
    chunk.push(leaseLine(lease(n)))
    if (chunk.length === 10_000) writeSync(fd, chunk.splice(0).join(''))
  }
  // A few updates and removals at the end, so last-record-wins is part of the load.
  for (let n = 0; n < 1000; n++) chunk.push(leaseLine({...lease(n * 7), state: 'released'}), tombstoneLine(lease(n * 7 + 1).address))
  writeSync(fd, chunk.join(''))
  closeSync(fd)
  t.diagnostic(`generated the log in ${Math.round(performance.now() - generating)} ms`)

  const warnings: string[] = []
  const store = createFileLeaseStore({path, onWarning: (message) => warnings.push(message), compactEvery: Number.POSITIVE_INFINITY})
  const started = performance.now()
  await store.open()
  t.diagnostic(`loaded ${store.size} leases in ${Math.round(performance.now() - started)} ms`)

  assert.deepEqual(warnings, [])
  assert.equal(store.size, LEASES - 1000)
  assert.equal(store.stats.records, LEASES + 2000)
  assert.deepEqual(store.getByAddress(lease(0).address), {...lease(0), state: 'released'})
  assert.equal(store.getByAddress(lease(1).address), undefined)
  assert.deepEqual(store.getByAddress(lease(2).address), lease(2))
  for (const n of [3, 500_001, 999_998, 999_999]) {
    assert.deepEqual(store.getByAddress(lease(n).address), lease(n))
    assert.deepEqual(store.getByClient(lease(n).clientKey), lease(n))
  }
  await store.close()
})
