import assert from 'node:assert/strict'
import {constants, readdirSync, readFileSync, readlinkSync} from 'node:fs'
import {appendFile, readFile, stat, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, it} from 'node:test'

import type {Lease} from '../../../src/dhcp/engine-types.js'
import {openFileAppendLog} from '../../../src/dhcp/lease-store/append-log.js'
import {createFileLeaseStore, type FileLeaseStore, type FileLeaseStoreOptions} from '../../../src/dhcp/lease-store/file-lease-store.js'
import {headerLine, leaseLine, tombstoneLine} from '../../../src/dhcp/lease-store/log-line.js'
import {randomInt, seededRandom} from '../allocator/seeded-random.js'
import {Gate, hookedOpenLog, until} from './hooked-log.js'
import {leaseFor, oddLeases, sortedLeases, tempDir} from './lease-fixtures.js'

const {O_DSYNC} = constants

/** The open flags of this process's descriptor on `file` (from /proc/self/fdinfo), 0 when none is open. */
function openFlags(file: string): number {
  for (const fd of readdirSync('/proc/self/fd')) {
    let target
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`)
    } catch {
      continue
    }
    if (target === file) return Number.parseInt(/^flags:\s+([0-7]+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))![1], 8)
  }
  return 0
}

describe('createFileLeaseStore', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let path: string
  let warnings: string[]
  const open: FileLeaseStore[] = []

  beforeEach(async () => {
    ;({dir, cleanup} = await tempDir('leases'))
    path = join(dir, 'leases.log')
    warnings = []
  })

  afterEach(async () => {
    for (const store of open.splice(0)) await store.close().catch(() => undefined)
    await cleanup()
  })

  async function openStore(options: Partial<FileLeaseStoreOptions> = {}): Promise<FileLeaseStore> {
    const store = createFileLeaseStore({path, onWarning: (message) => warnings.push(message), now: () => 1_700_000_000, ...options})
    await store.open()
    open.push(store)
    return store
  }

  async function reopen(store: FileLeaseStore, options: Partial<FileLeaseStoreOptions> = {}): Promise<FileLeaseStore> {
    await store.close()
    return openStore(options)
  }

  it('creates a log with a versioned header and reloads every field of every committed lease', async () => {
    const store = await openStore()
    const leases = [...oddLeases, ...Array.from({length: 30}, (_, n) => leaseFor(n + 100))]
    await Promise.all(leases.map((lease) => store.commit(lease)))
    assert.equal((await readFile(path, 'utf8')).split('\n')[0], '#srvctl-leases v1 written=1700000000')

    const again = await reopen(store)
    assert.deepEqual(warnings, [])
    assert.equal(again.size, leases.length)
    assert.deepEqual(sortedLeases(again.all()), sortedLeases(leases))
    for (const lease of leases) {
      assert.deepEqual(again.getByAddress(lease.address), lease)
      assert.deepEqual(again.getByClient(lease.clientKey), lease)
    }
  })

  it('forEachLease visits the address, state and expiry of exactly the leases all() returns', async () => {
    const store = await openStore()
    await Promise.all([...oddLeases, ...Array.from({length: 20}, (_, n) => leaseFor(n + 100, {state: n % 3 === 0 ? 'declined' : 'active'}))].map((lease) => store.commit(lease)))
    await store.remove(leaseFor(101).address)
    const visited: string[] = []
    store.forEachLease((address, state, expiry) => visited.push(`${address} ${state} ${expiry}`))
    assert.deepEqual(visited.sort(), [...store.all()].map((lease) => `${lease.address} ${lease.state} ${lease.expiry}`).sort())
    assert.equal(visited.length, store.size)
  })

  it('keeps the last record of an address, including a change of client', async () => {
    const store = await openStore()
    const first = leaseFor(1)
    const other = leaseFor(2, {address: first.address})
    const renewed = leaseFor(1, {expiry: first.expiry + 3600, state: 'released'})
    await store.commit(first)
    await store.commit(other)
    await store.commit(renewed)

    const again = await reopen(store)
    assert.equal(again.size, 1)
    assert.deepEqual(again.getByAddress(first.address), renewed)
    assert.deepEqual(again.getByClient(first.clientKey), renewed)
    assert.equal(again.getByClient(other.clientKey), undefined)
  })

  it('a renewal (same holder, new times or state) shows at once, makes that lease the client\'s newest, and survives a reopen', async () => {
    const store = await openStore()
    const first = leaseFor(1)
    const second = leaseFor(1, {address: leaseFor(2).address})
    await store.commit(first)
    await store.commit(second)
    assert.deepEqual(store.getByClient(first.clientKey), second)
    assert.deepEqual(store.getByAddress(first.address), first, 'read once, so a copy of it is cached')
    const renewed = {...first, start: first.start + 60, expiry: first.expiry + 3600, state: 'released' as const}
    await store.commit(renewed)
    assert.deepEqual(store.getByAddress(first.address), renewed)
    assert.deepEqual(store.getByClient(first.clientKey), renewed, 'the renewed lease is the newest')
    const again = await reopen(store)
    assert.deepEqual(again.getByAddress(first.address), renewed)
    assert.deepEqual(again.getByClient(first.clientKey), renewed)
    assert.equal(again.size, 2)
  })

  it('a commit that changes the host name or hardware address of a lease replaces it whole', async () => {
    const store = await openStore()
    const first = leaseFor(1)
    await store.commit(first)
    const renamed = {...first, hostname: 'other-name', expiry: first.expiry + 60}
    await store.commit(renamed)
    assert.deepEqual(store.getByAddress(first.address), renamed)
    const moved = {...renamed, hwaddr: '02:00:00:00:99:99'}
    await store.commit(moved)
    assert.deepEqual(store.getByAddress(first.address), moved)
    assert.deepEqual((await reopen(store)).getByAddress(first.address), moved)
  })

  it('makes removals durable with a tombstone and treats removing nothing as done', async () => {
    const store = await openStore()
    for (let n = 0; n < 3; n++) await store.commit(leaseFor(n))
    await store.remove(leaseFor(1).address)
    await store.remove(leaseFor(1).address)
    await store.remove(0xc613ffff)
    assert.equal(store.size, 2)
    assert.match(await readFile(path, 'utf8'), /^D\t198\.18\.0\.1\t/m)

    const again = await reopen(store)
    assert.equal(again.size, 2)
    assert.equal(again.getByAddress(leaseFor(1).address), undefined)
    assert.equal(again.getByClient(leaseFor(1).clientKey), undefined)
    assert.deepEqual(again.getByAddress(leaseFor(2).address), leaseFor(2))
  })

  it('reports damaged lines with their line numbers, skips them, and cuts a torn last line off before appending', async () => {
    const good = leaseLine(leaseFor(1))
    const flipped = leaseLine(leaseFor(2)).replace('host-2', 'host-3')
    const torn = leaseLine(leaseFor(4)).slice(0, 30)
    await writeFile(path, headerLine(1) + good + 'garbage from a bad disk\n' + flipped + '\n' + leaseLine(leaseFor(3)) + torn)

    const store = await openStore()
    assert.deepEqual(warnings, [
      `${path}:3: no checksum field; record skipped`,
      `${path}:4: checksum mismatch; record skipped`,
      `${path}:7: incomplete last line (30 bytes, a write cut short by a crash?); dropped`,
    ])
    assert.deepEqual(sortedLeases(store.all()), [leaseFor(1), leaseFor(3)])
    assert.ok(!(await readFile(path, 'utf8')).includes(torn), 'torn line cut off')

    await store.commit(leaseFor(5))
    warnings.length = 0
    const again = await reopen(store)
    assert.deepEqual(warnings, [`${path}:3: no checksum field; record skipped`, `${path}:4: checksum mismatch; record skipped`])
    assert.deepEqual(sortedLeases(again.all()), [leaseFor(1), leaseFor(3), leaseFor(5)])
  })

  it('starts over with a header when the only line is a torn header', async () => {
    await writeFile(path, '#srvctl-lea')
    const store = await openStore()
    assert.equal(warnings.length, 1)
    await store.commit(leaseFor(1))
    warnings.length = 0
    const again = await reopen(store)
    assert.deepEqual(warnings, [])
    assert.deepEqual([...again.all()], [leaseFor(1)])
    assert.match(await readFile(path, 'utf8'), /^#srvctl-leases v1 /)
  })

  it('caps the number of damage reports and summarises the rest', async () => {
    await writeFile(path, headerLine(1) + 'junk\n'.repeat(80))
    await openStore()
    assert.equal(warnings.length, 51)
    assert.equal(warnings.at(-1), `${path}: 30 more damaged lines skipped`)
  })

  it('reads a log without header, with a warning', async () => {
    await writeFile(path, leaseLine(leaseFor(1)))
    const store = await openStore()
    assert.deepEqual(warnings, [`${path}:1: no '#srvctl-leases v1' header; reading the records anyway`])
    assert.deepEqual([...store.all()], [leaseFor(1)])
  })

  it('refuses a log of another version and leaves it untouched', async () => {
    const content = '#srvctl-leases v2 written=1\nL\tsomething new\n'
    await writeFile(path, content)
    const store = createFileLeaseStore({path, onWarning: (message) => warnings.push(message)})
    await assert.rejects(store.open(), /version 'v2'; this srvctl reads v1 only/)
    assert.equal(await readFile(path, 'utf8'), content)
  })

  it('deletes a compaction file left over by a crash and keeps the log', async () => {
    await writeFile(path, headerLine(1) + leaseLine(leaseFor(1)))
    await writeFile(path + '.tmp', headerLine(1))
    const store = await openStore()
    await assert.rejects(stat(path + '.tmp'), {code: 'ENOENT'})
    assert.equal(store.size, 1)
  })

  it('rejects commits before open and after close, and close waits for pending commits', async () => {
    const unopened = createFileLeaseStore({path, onWarning: () => undefined})
    await assert.rejects(unopened.commit(leaseFor(1)), /not open/)
    const store = await openStore()
    const pending = Array.from({length: 50}, (_, n) => store.commit(leaseFor(n)))
    const closing = store.close()
    await assert.rejects(store.commit(leaseFor(98)), /closed/)
    await Promise.all([closing, store.close()])
    await Promise.all(pending)
    await assert.rejects(store.commit(leaseFor(99)), /closed/)
    await assert.rejects(store.remove(leaseFor(1).address), /closed/)
    await assert.rejects(store.compact(), /not open/)
    const again = await openStore()
    assert.equal(again.size, 50)
  })

  it('rejects an invalid lease or address without writing anything', async () => {
    const store = await openStore()
    await assert.rejects(store.commit({...leaseFor(1), state: 'bound'} as unknown as Lease), TypeError)
    await assert.rejects(store.remove(-1), TypeError)
    assert.equal(store.size, 0)
    assert.equal(store.stats.records, 0)
  })

  it('group commit: 10 000 concurrent commits share a few fdatasync calls', async () => {
    const store = await openStore({compactEvery: Number.POSITIVE_INFINITY})
    await Promise.all(Array.from({length: 10_000}, (_, n) => store.commit(leaseFor(n))))
    assert.ok(store.stats.syncs <= 3, `${store.stats.syncs} fdatasync calls`)
    assert.equal(store.stats.records, 10_000)
    const again = await reopen(store)
    assert.equal(again.size, 10_000)
  })

  it('group commit: commits made while a write is in flight form one next batch, resolved only after its fdatasync', async () => {
    const syncGates: Gate[] = []
    let armed = false
    const store = await openStore({
      openLog: hookedOpenLog({
        beforeSync: () => {
          if (!armed) return
          const gate = new Gate()
          syncGates.push(gate)
          return gate.opened
        },
      }),
    })
    armed = true
    const first = store.commit(leaseFor(0))
    let firstDone = false
    void first.then(() => (firstDone = true))
    await until(() => syncGates.length === 1, 'first fdatasync')
    const more = Array.from({length: 100}, (_, n) => store.commit(leaseFor(n + 1)))
    let moreDone = 0
    for (const commit of more) void commit.then(() => moreDone++)
    await new Promise((resolve) => setTimeout(resolve, 20))
    assert.equal(firstDone, false, 'no commit resolves before its fdatasync')

    syncGates[0].open()
    await first
    await until(() => syncGates.length === 2, 'second fdatasync')
    assert.equal(moreDone, 0)
    syncGates[1].open()
    await Promise.all(more)
    assert.equal(store.stats.writes, 2)
    assert.equal(store.stats.syncs, 2)
  })

  it('group commit: each batch is one O_DSYNC write and no separate fdatasync, also after a compaction swapped the file', async () => {
    const calls: string[] = []
    const store = await openStore({
      compactEvery: Number.POSITIVE_INFINITY,
      openLog: async (file, mode) => {
        const real = await openFileAppendLog(file, mode)
        const name = `${mode} ${file.endsWith('.tmp') ? 'tmp' : 'log'}`
        return {
          syncsEachWrite: real.syncsEachWrite,
          write: (data) => (calls.push(`${name} write`), real.write(data)),
          datasync: () => (calls.push(`${name} datasync`), real.datasync()),
          close: () => real.close(),
        }
      },
    })
    assert.ok(openFlags(path) & O_DSYNC, 'the log is open with O_DSYNC')
    calls.length = 0
    await Promise.all(Array.from({length: 10}, (_, n) => store.commit(leaseFor(n))))
    assert.deepEqual(calls, ['append log write'])

    await store.compact()
    assert.ok(openFlags(path) & O_DSYNC, 'the compacted log is reopened with O_DSYNC')
    calls.length = 0
    await store.commit(leaseFor(11))
    assert.deepEqual(calls, ['append log write'])
    assert.equal(store.stats.syncs, 2)
  })

  describe('main-thread writes', () => {
    /** The real O_DSYNC log, counting how batches were written; writeNow can be made slow. */
    const countingLog = (counts: {now: number; pool: number}, slowMs = 0): FileLeaseStoreOptions['openLog'] => async (file, mode) => {
      const real = await openFileAppendLog(file, mode)
      const writeNow = real.writeNow?.bind(real)
      return {
        syncsEachWrite: real.syncsEachWrite,
        write: (data) => {
          counts.pool++
          return real.write(data)
        },
        datasync: () => real.datasync(),
        close: () => real.close(),
        ...(writeNow === undefined
          ? {}
          : {
              writeNow: (data: Buffer) => {
                counts.now++
                const until = performance.now() + slowMs
                while (performance.now() < until);
                writeNow(data)
              },
            }),
      }
    }

    it('writes the commits of one event-loop turn in one durable write at its end, with no timer delay', async () => {
      const counts = {now: 0, pool: 0}
      const store = await openStore({compactEvery: Number.POSITIVE_INFINITY, groupCommitDelayMs: 60_000, openLog: countingLog(counts)})
      counts.pool = 0 // the new file's header
      const started = performance.now()
      await Promise.all(Array.from({length: 20}, (_, n) => store.commit(leaseFor(n))))
      assert.ok(performance.now() - started < 1000, 'the 60 s gathering delay did not apply')
      assert.deepEqual(counts, {now: 1, pool: 0})
      await store.commit(leaseFor(20))
      assert.deepEqual(counts, {now: 2, pool: 0})
      await store.close()
      assert.equal((await openStore()).size, 21)
    })

    it('sends the batches of the next second through the thread pool once 5 of the last 8 main-thread writes took over 1 ms', async () => {
      const counts = {now: 0, pool: 0}
      const store = await openStore({compactEvery: Number.POSITIVE_INFINITY, groupCommitDelayMs: 0, openLog: countingLog(counts, 5)})
      counts.pool = 0 // the new file's header
      for (let n = 0; n < 8; n++) await store.commit(leaseFor(n))
      assert.equal(counts.now, 5, 'the fifth slow write was the last on the main thread')
      assert.equal(counts.pool, 3)
      assert.equal(store.stats.slowWrites, 1)
      await store.close()
      assert.equal((await openStore()).size, 8)
    })

    it('keeps writing on the main thread through a few slow writes among fast ones', async () => {
      const counts = {now: 0, pool: 0}
      let slowLeft = 4
      let mainThreadWrites = 0
      const real = countingLog(counts)
      // The main-thread writes take 5 ms (the first four) or no time at all:
      // they skip the disk, whose own pace on a busy machine would make this
      // test flaky (one real write over 1 ms among eight tipped it over).
      const spiky: FileLeaseStoreOptions['openLog'] = async (file, mode) => {
        const log = await real!(file, mode)
        if (log.writeNow === undefined) return log
        return {
          ...log,
          write: (data: Buffer) => log.write(data),
          datasync: () => log.datasync(),
          close: () => log.close(),
          writeNow: () => {
            const until = performance.now() + (slowLeft-- > 0 ? 5 : 0)
            while (performance.now() < until);
            mainThreadWrites++
          },
        }
      }
      const store = await openStore({compactEvery: Number.POSITIVE_INFINITY, groupCommitDelayMs: 0, openLog: spiky})
      counts.pool = 0
      for (let n = 0; n < 12; n++) await store.commit(leaseFor(n))
      assert.equal(store.stats.slowWrites, 0)
      assert.equal(counts.pool, 0)
      assert.equal(mainThreadWrites, 12)
    })

    it('close() writes a batch still waiting for the end of the turn', async () => {
      const counts = {now: 0, pool: 0}
      const store = await openStore({compactEvery: Number.POSITIVE_INFINITY, openLog: countingLog(counts)})
      const commit = store.commit(leaseFor(0))
      await store.close()
      await commit
      assert.equal((await openStore()).size, 1)
    })
  })

  describe('gathering (groupCommitDelayMs)', () => {
    const DELAY = 60_000
    let clock = 0
    const gatheringStore = (): Promise<FileLeaseStore> =>
      openStore({compactEvery: Number.POSITIVE_INFINITY, groupCommitDelayMs: DELAY, monotonicNow: () => clock, writeOnMainThread: false})
    /** Fails instead of hanging when a batch waits for its delay. */
    const soon = <T>(promise: Promise<T>, what: string): Promise<T> =>
      Promise.race([promise, new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error(`${what} waited for the delay`)), 10_000).unref())])

    it('commits that follow each other closely wait in one batch and share its write; close() writes it without waiting', async () => {
      clock = 0
      const store = await gatheringStore()
      await soon(store.commit(leaseFor(0)), 'a first commit')
      assert.equal(store.stats.writes, 1)
      clock += 1
      const more = Array.from({length: 10}, (_, n) => store.commit(leaseFor(n + 1)))
      let resolved = 0
      for (const commit of more) void commit.then(() => resolved++)
      await new Promise((resolve) => setTimeout(resolve, 30))
      assert.equal(resolved, 0, 'the batch is still gathering')
      assert.equal(store.stats.writes, 1)
      await soon(store.close(), 'close')
      await Promise.all(more)
      assert.equal(store.stats.writes, 2)
      const again = await openStore()
      assert.equal(again.size, 11)
    })

    it('a batch is written without waiting once it holds 256 records', async () => {
      clock = 0
      const store = await gatheringStore()
      await soon(store.commit(leaseFor(0)), 'a first commit')
      clock += 1
      await soon(Promise.all(Array.from({length: 256}, (_, n) => store.commit(leaseFor(n + 1)))), 'a full batch')
      assert.equal(store.stats.writes, 2)
    })

    it('a commit after a quiet spell as long as the delay is written at once', async () => {
      clock = 0
      const store = await gatheringStore()
      await soon(store.commit(leaseFor(0)), 'a first commit')
      clock += DELAY
      await soon(store.commit(leaseFor(1)), 'a commit after a quiet spell')
      assert.equal(store.stats.writes, 2)
    })

    it('a compaction does not wait for a gathering batch, and the batch lands in the new log', async () => {
      clock = 0
      const store = await gatheringStore()
      await soon(store.commit(leaseFor(0)), 'a first commit')
      clock += 1
      const gathered = store.commit(leaseFor(1, {hostname: 'gathered'}))
      await soon(store.compact(), 'compaction')
      await soon(gathered, 'the gathered commit')
      assert.ok((await readFile(path, 'utf8')).includes('gathered'))
    })
  })

  it('a failed write rejects its batch only, and the next record starts on a fresh line', async () => {
    let failNext = false
    const store = await openStore({
      openLog: hookedOpenLog({
        beforeWrite: async (_path, data, real) => {
          if (!failNext) return
          failNext = false
          // Half a record reaches the file before the error, like a write cut by ENOSPC.
          await real.write(data.subarray(0, data.length >> 1))
          throw Object.assign(new Error('no space left on device'), {code: 'ENOSPC'})
        },
      }),
    })
    await store.commit(leaseFor(1))
    failNext = true
    await assert.rejects(store.commit(leaseFor(2)), /no space left/)
    await store.commit(leaseFor(3))

    const again = await reopen(store)
    assert.deepEqual(warnings, [`${path}:3: no checksum field; record skipped`])
    assert.deepEqual(again.getByAddress(leaseFor(3).address), leaseFor(3))
    assert.deepEqual(again.getByAddress(leaseFor(1).address), leaseFor(1))
    assert.equal(again.getByAddress(leaseFor(2).address), undefined)
  })

  it('compaction rewrites the log with only live leases', async () => {
    const store = await openStore({compactEvery: Number.POSITIVE_INFINITY})
    for (let round = 0; round < 3; round++) await Promise.all(Array.from({length: 200}, (_, n) => store.commit(leaseFor(n, {start: round}))))
    await Promise.all(Array.from({length: 50}, (_, n) => store.remove(leaseFor(n).address)))
    assert.equal(store.stats.records, 650)
    const before = sortedLeases(store.all())

    await store.compact()
    assert.equal(store.stats.records, 150)
    assert.equal(store.stats.compactions, 1)
    assert.equal((await readFile(path, 'utf8')).split('\n').length, 152, 'header + 150 lines + final newline')
    await assert.rejects(stat(path + '.tmp'), {code: 'ENOENT'})
    await store.commit(leaseFor(500))

    const again = await reopen(store)
    assert.deepEqual(warnings, [])
    assert.deepEqual(sortedLeases(again.all()), sortedLeases([...before, leaseFor(500)]))
  })

  it('compaction keeps commits and removals that reach the old log while it writes the new one', async () => {
    const writeGate = new Gate()
    let tmpWrites = 0
    const store = await openStore({
      compactEvery: Number.POSITIVE_INFINITY,
      openLog: hookedOpenLog({
        beforeWrite: (file) => {
          if (!file.endsWith('.tmp')) return
          tmpWrites++
          return writeGate.opened
        },
      }),
    })
    await Promise.all(Array.from({length: 100}, (_, n) => store.commit(leaseFor(n))))
    const compaction = store.compact()
    await until(() => tmpWrites === 1, 'compaction to start writing')

    // The compaction is stuck in its first write; these go to the old log and resolve.
    await store.commit(leaseFor(1, {state: 'released'}))
    await store.remove(leaseFor(2).address)
    await store.commit(leaseFor(300))
    writeGate.open()
    await compaction
    await store.commit(leaseFor(301))

    const expected = sortedLeases(store.all())
    assert.equal(expected.length, 101)
    const again = await reopen(store)
    assert.deepEqual(sortedLeases(again.all()), expected)
    assert.equal(again.getByAddress(leaseFor(1).address)?.state, 'released')
    assert.equal(again.getByAddress(leaseFor(2).address), undefined)
  })

  it('commits arriving during the file swap wait and land in the new log', async () => {
    const swapGate = new Gate()
    let tmpSyncs = 0
    const store = await openStore({
      compactEvery: Number.POSITIVE_INFINITY,
      openLog: hookedOpenLog({
        beforeSync: (file) => {
          if (!file.endsWith('.tmp')) return
          // The second fdatasync of the new file is the one inside the swap.
          if (++tmpSyncs === 2) return swapGate.opened
        },
      }),
    })
    await Promise.all(Array.from({length: 20}, (_, n) => store.commit(leaseFor(n))))
    const compaction = store.compact()
    await until(() => tmpSyncs === 2, 'the swap')
    const during = [store.commit(leaseFor(100)), store.remove(leaseFor(3).address), store.commit(leaseFor(4, {hostname: 'renamed'}))]
    let resolved = 0
    for (const commit of during) void commit.then(() => resolved++)
    await new Promise((resolve) => setTimeout(resolve, 20))
    assert.equal(resolved, 0, 'batches are held back during the swap')
    swapGate.open()
    await compaction
    await Promise.all(during)

    const content = await readFile(path, 'utf8')
    assert.ok(content.includes('renamed'), 'the held batch went to the new file')
    const again = await reopen(store)
    assert.equal(again.size, 20)
    assert.equal(again.getByAddress(leaseFor(3).address), undefined)
    assert.equal(again.getByAddress(leaseFor(4).address)?.hostname, 'renamed')
    assert.deepEqual(again.getByAddress(leaseFor(100).address), leaseFor(100))
  })

  it('compacts by itself once the log holds more than 2 × live leases + compactEvery records', async () => {
    const store = await openStore({compactEvery: 10})
    for (let i = 0; i < 12; i++) await store.commit(leaseFor(1, {start: i}))
    assert.equal(store.stats.compactions, 0, '12 records for 1 lease is not yet more than 2 + 10')
    await store.commit(leaseFor(1, {start: 12}))
    await until(() => store.stats.compactions === 1, 'automatic compaction')
    assert.ok(store.stats.records <= 2, `${store.stats.records} records after compaction`)
    const again = await reopen(store)
    assert.deepEqual([...again.all()], [leaseFor(1, {start: 12})])
  })

  it('reports a failed automatic compaction as a warning, keeps the old log and keeps committing', async () => {
    const store = await openStore({
      compactEvery: 5,
      openLog: hookedOpenLog({
        beforeWrite: (file) => {
          if (file.endsWith('.tmp')) throw new Error('disk full')
        },
      }),
    })
    for (let i = 0; i < 10; i++) await store.commit(leaseFor(1, {start: i}))
    await until(() => warnings.length > 0, 'the compaction warning')
    assert.match(warnings[0], /compaction failed, the log keeps growing until the next try: disk full/)
    await assert.rejects(stat(path + '.tmp'), {code: 'ENOENT'})
    await store.commit(leaseFor(2))
    const again = await reopen(store, {compactEvery: Number.POSITIVE_INFINITY})
    assert.deepEqual(sortedLeases(again.all()), [leaseFor(1, {start: 9}), leaseFor(2)])
  })

  it('loses nothing when compactions run during a storm of concurrent commits and removals', async () => {
    const random = seededRandom(42)
    const store = await openStore({compactEvery: 200})
    const model = new Map<number, Lease>()
    let compactions = 0
    for (let wave = 0; wave < 40; wave++) {
      const ops: Promise<void>[] = []
      for (let i = 0; i < 150; i++) {
        const n = randomInt(random, 0, 400)
        if (random() < 0.8) {
          const lease = leaseFor(n, {start: wave * 1000 + i})
          model.set(lease.address, lease)
          ops.push(store.commit(lease))
        } else {
          model.delete(leaseFor(n).address)
          ops.push(store.remove(leaseFor(n).address))
        }
      }
      if (wave % 7 === 3) ops.push(store.compact().then(() => void compactions++))
      await Promise.all(ops)
    }
    assert.ok(store.stats.compactions >= compactions && compactions > 0)
    const again = await reopen(store)
    assert.deepEqual(warnings, [])
    assert.deepEqual(sortedLeases(again.all()), sortedLeases(model.values()))
  })

  it('keeps appending to a log whose last line was torn by an earlier failed write', async () => {
    await writeFile(path, headerLine(1) + leaseLine(leaseFor(1)))
    await appendFile(path, tombstoneLine(leaseFor(1).address).slice(0, 5))
    const store = await openStore()
    assert.equal(store.size, 1)
    await store.commit(leaseFor(2))
    warnings.length = 0
    const again = await reopen(store)
    assert.deepEqual(warnings, [])
    assert.deepEqual(sortedLeases(again.all()), [leaseFor(1), leaseFor(2)])
  })
})
