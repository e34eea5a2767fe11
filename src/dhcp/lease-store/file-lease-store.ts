import {rename, stat, truncate, unlink} from 'node:fs/promises'
import {dirname} from 'node:path'

import type {Ip4, Lease, LeaseState, LeaseStore} from '../engine-types.js'
import {type AppendLog, fsyncDirectory, openFileAppendLog, type OpenAppendLog} from './append-log.js'
import {CommitGathering} from './commit-gathering.js'
import {LeaseIndex} from './lease-index.js'
import {assertValidAddress, assertValidLease, type LeaseRecord, leaseOf, recordOf, renewRecord, sameHolder, StringInterner} from './lease-record.js'
import {headerLine, leaseLine, LogLineParser, tombstoneLine} from './log-line.js'
import {readLeaseLog} from './log-reader.js'

export interface FileLeaseStoreOptions {
  path: string
  /** Damaged records found by open() and failed background compactions; never fatal. */
  onWarning: (message: string) => void
  /**
   * Compaction starts by itself once the log holds more than
   * 2 × live leases + compactEvery records. Default 100 000; Infinity turns
   * automatic compaction off (compact() still works).
   */
  compactEvery?: number
  /** Unix seconds, written into the header of each new log file. */
  now?: () => number
  /** Opens the files the store appends to; tests replace it to count or fail operations. */
  openLog?: OpenAppendLog
  /**
   * While commits come faster than one per this many milliseconds, a batch
   * waits up to that long for more before it is written (see
   * commit-gathering.ts). Default 1; 0 writes every batch at once.
   */
  groupCommitDelayMs?: number
  /** Monotonic milliseconds for the group-commit delay; tests pass a fake clock. */
  monotonicNow?: () => number
  /**
   * Write batches on the main thread when the log can (see writeNow below).
   * Default true; false always goes through the thread pool.
   */
  writeOnMainThread?: boolean
}

export interface LeaseLogStats {
  /** Records in the current log file, superseded and damaged ones included (the header excluded). */
  records: number
  /** Group-commit writes and fdatasync calls made for commits and removals. */
  writes: number
  syncs: number
  /** Of the writes, those made on the main thread (the rest went through the thread pool). */
  writesOnMainThread: number
  /** Times slow main-thread writes sent the next second's batches through the thread pool. */
  slowWrites: number
  compactions: number
}

export interface FileLeaseStore extends LeaseStore {
  readonly stats: Readonly<LeaseLogStats>
  forEachLease(visit: (address: Ip4, state: LeaseState, expiry: number) => void): void
}

/**
 * A LeaseStore on an append-only log file (format in log-line.ts).
 *
 * Group commit: a commit updates memory at once and joins the pending batch;
 * one batch at a time is written and fdatasync'd, and everything committed
 * meanwhile forms the next batch. Every commit resolves with its batch. While
 * commits come in quick succession a batch also gathers for a moment before
 * its write (groupCommitDelayMs).
 *
 * Compaction writes the live leases to `<path>.tmp` while commits go on to
 * the old log; batches written during that time are copied to the new file
 * too, and for the final copy + fsync + rename the writer holds new batches
 * back (they wait in memory) so none lands in the old file after its last copy.
 */
export function createFileLeaseStore(options: FileLeaseStoreOptions): FileLeaseStore {
  return new LogLeaseStore(options)
}

// About 10 MB of superseded records. A compaction holds commits back while it
// swaps files (a few ms of ACK latency); Kea rewrites its lease file once an
// hour. With 10 000 this came every 4 s under 5000 renewals/s.
const DEFAULT_COMPACT_EVERY = 100_000
const DEFAULT_GROUP_COMMIT_DELAY_MS = 1
/**
 * When most of the recent main-thread writes (SLOW_WRITES_OF of the last
 * RECENT_WRITES) took this long, the next second's batches go through the
 * thread pool. A few slow writes among fast ones do not count: the first
 * writes to a new log file took 8-15 ms here (the file system allocating
 * its first blocks), and a moving average starting from nothing took that
 * for a slow disk, so every restart served its first second through the
 * thread pool, with the gathering delay, just as the first clients came.
 */
const SLOW_WRITE_MS = 1
const RECENT_WRITES = 8
const SLOW_WRITES_OF = 5
const SLOW_DISK_BACKOFF_MS = 1000
/** A batch this large is written without waiting for more (about 30 KB). */
const MAX_GATHERED_RECORDS = 256
const SNAPSHOT_CHUNK = 1024
const MAX_REPORTED_DAMAGE = 50
/** A record with a MAC-based client key, a short scope name and no host name takes ~100 bytes. */
const TYPICAL_RECORD_BYTES = 128

class Batch {
  text = ''
  count = 0
  /** Until when (CommitGathering time) the batch waits for more commits; 0: write it when its turn comes. */
  gatherUntil = 0
  private wake: (() => void) | undefined
  resolve!: () => void
  reject!: (error: unknown) => void
  readonly done = new Promise<void>((resolve, reject) => {
    this.resolve = resolve
    this.reject = reject
  })

  /** Resolves after `ms` or as soon as stopGathering() is called. */
  gather(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms)
      this.wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }

  stopGathering(): void {
    this.gatherUntil = 0
    this.wake?.()
    this.wake = undefined
  }
}

/** Batches written to the old log while a compaction runs; they are copied to the new file. */
interface Carry {
  texts: string[]
  records: number
}

class LogLeaseStore implements FileLeaseStore {
  readonly stats: LeaseLogStats = {records: 0, writes: 0, syncs: 0, writesOnMainThread: 0, slowWrites: 0, compactions: 0}
  private readonly path: string
  private readonly tmpPath: string
  private readonly compactEvery: number
  /** From the options, read once: the hot path then sees the same store shape whatever options were passed. */
  private readonly writeOnMainThread: boolean
  private readonly now: () => number
  private readonly openLog: OpenAppendLog
  private readonly gathering: CommitGathering
  private readonly scopes = new StringInterner()
  private readonly index = new LeaseIndex()
  private log: AppendLog | undefined
  private closing = false
  private closed: Promise<void> | undefined
  private pending: Batch | undefined
  private writing: Batch | undefined
  private flushing: Promise<void> | undefined
  /** Set while a compaction swaps files: batches wait in `pending`. */
  private holdBatches = false
  /** A failed write may have left part of a line: the next write starts a fresh one. */
  private needsLineBreak = false
  private carry: Carry | undefined
  private compacting: Promise<void> | undefined
  /** After a failed automatic compaction, the record count at which to try again. */
  private retryCompactionAt = 0
  /** A main-thread write of the pending batch is set for the end of this event-loop turn. */
  private writeNowScheduled = false
  /** Until when (performance.now()) batches go through the thread pool after slow main-thread writes. */
  private threadPoolUntil = 0
  /** Whether each of the last RECENT_WRITES main-thread writes was slow (1) or not (0), as a ring. */
  private readonly recentSlow = new Uint8Array(RECENT_WRITES)
  private recentAt = 0
  private recentSlowCount = 0

  constructor(private readonly options: FileLeaseStoreOptions) {
    this.path = options.path
    this.tmpPath = options.path + '.tmp'
    this.compactEvery = options.compactEvery ?? DEFAULT_COMPACT_EVERY
    this.writeOnMainThread = options.writeOnMainThread !== false
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000))
    this.openLog = options.openLog ?? openFileAppendLog
    this.gathering = new CommitGathering(options.groupCommitDelayMs ?? DEFAULT_GROUP_COMMIT_DELAY_MS, MAX_GATHERED_RECORDS, options.monotonicNow)
  }

  get size(): number {
    return this.index.size
  }

  async open(): Promise<void> {
    if (this.log !== undefined) throw new Error(`lease store ${this.path} is already open`)
    // A leftover of a compaction cut short: the log it was to replace is still complete.
    await unlink(this.tmpPath).catch(ignoreMissing)

    let damaged = 0
    const report = (line: number, problem: string): void => {
      if (++damaged <= MAX_REPORTED_DAMAGE) this.options.onWarning(`${this.path}:${line}: ${problem}`)
    }
    // Rather too small than too large: a million fresh leases fill 2^20 slots.
    const fileBytes = (await stat(this.path).catch(() => undefined))?.size ?? 0
    this.index.reserve(fileBytes / TYPICAL_RECORD_BYTES)
    const read = await readLeaseLog(this.path, new LogLineParser(this.scopes), this.index, report)
    if (damaged > MAX_REPORTED_DAMAGE) this.options.onWarning(`${this.path}: ${damaged - MAX_REPORTED_DAMAGE} more damaged lines skipped`)

    // Cut a torn last line away so new records are not glued to it.
    const torn = read !== undefined && read.intactLength < read.fileLength
    if (torn) await truncate(this.path, read.intactLength)
    const log = await this.openLog(this.path, 'append')
    try {
      const empty = read === undefined || read.intactLength === 0
      if (empty) await log.write(Buffer.from(headerLine(this.now())))
      if (empty || torn) await log.datasync()
      if (read === undefined) await fsyncDirectory(dirname(this.path))
    } catch (error) {
      await log.close().catch(() => undefined)
      throw error
    }
    this.log = log
    this.stats.records = read?.records ?? 0
    this.maybeCompact()
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
    let line: string
    let renewed: LeaseRecord | undefined
    let record: LeaseRecord | undefined
    try {
      this.assertWritable()
      assertValidLease(lease)
      // A compaction's snapshot holds record references: while one runs, records are not changed.
      const current = this.compacting === undefined ? this.index.get(lease.address | 0) : undefined
      if (current !== undefined && sameHolder(current, lease)) renewed = current
      else record = recordOf(lease, this.scopes)
      line = leaseLine(lease)
    } catch (error) {
      return Promise.reject(error)
    }
    if (renewed !== undefined) {
      renewRecord(renewed, lease)
      this.index.renewed(renewed)
    } else {
      this.index.put(record as LeaseRecord)
    }
    return this.enqueue(line)
  }

  remove(address: Ip4): Promise<void> {
    try {
      this.assertWritable()
      assertValidAddress(address)
    } catch (error) {
      return Promise.reject(error)
    }
    // Nothing to forget, but a tombstone for it may still be on its way to the disk.
    if (!this.index.delete(address | 0)) return this.pending?.done ?? this.writing?.done ?? Promise.resolve()
    return this.enqueue(tombstoneLine(address))
  }

  compact(): Promise<void> {
    if (this.log === undefined || this.closing) return Promise.reject(new Error(`lease store ${this.path} is not open`))
    this.compacting ??= this.rewrite().finally(() => {
      this.compacting = undefined
    })
    return this.compacting
  }

  close(): Promise<void> {
    if (this.log === undefined) return Promise.resolve()
    this.closed ??= this.shutDown()
    return this.closed
  }

  private async shutDown(): Promise<void> {
    this.closing = true
    this.pending?.stopGathering()
    await this.compacting?.catch(() => undefined)
    // A batch may still wait for its main-thread write at the end of the turn: write it here instead.
    while (this.flushing !== undefined || this.pending !== undefined) {
      this.flushing ??= this.flush()
      await this.flushing
    }
    // Read only now: a compaction may have replaced the log meanwhile.
    await (this.log as AppendLog).close()
  }

  private assertWritable(): void {
    if (this.log === undefined) throw new Error(`lease store ${this.path} is not open`)
    if (this.closing) throw new Error(`lease store ${this.path} is closed`)
  }

  private enqueue(line: string): Promise<void> {
    const gatherUntil = this.gathering.commit()
    let batch = this.pending
    if (batch === undefined) {
      batch = this.pending = new Batch()
      batch.gatherUntil = gatherUntil
    }
    batch.text += line
    if (++batch.count >= this.gathering.maxCount) batch.stopGathering()
    this.startFlushing()
    return batch.done
  }

  /**
   * On a disk that makes a small write durable in well under a millisecond
   * (~50 µs measured here), the cheapest and quickest group commit is one
   * synchronous write at the end of the event-loop turn: every commit made
   * while the turn handled its batch of datagrams shares it, no timer
   * delays the ACKs, and no thread-pool round trip (~40 µs of CPU on the
   * same core) is paid. The loop is blocked only for that write. Should the
   * writes take longer (a slow or busy disk), batches go through the thread
   * pool, gathering as below, for the next second.
   */
  private writesNow(): boolean {
    return this.writeOnMainThread && this.log?.writeNow !== undefined && this.log.syncsEachWrite && performance.now() >= this.threadPoolUntil
  }

  private startFlushing(): void {
    if (this.flushing !== undefined || this.holdBatches || this.pending === undefined) return
    if (!this.writesNow()) {
      this.flushing = this.flush()
    } else if (!this.writeNowScheduled) {
      this.writeNowScheduled = true
      setImmediate(this.writePendingNow)
    }
  }

  private readonly writePendingNow = (): void => {
    this.writeNowScheduled = false
    // A thread-pool flush or a compaction's file swap may have started since: they take the pending batch.
    if (this.flushing !== undefined || this.holdBatches || this.pending === undefined) return
    const log = this.log as AppendLog
    if (log.writeNow === undefined) return this.startFlushing()
    const batch = this.pending
    this.pending = undefined
    this.stats.writesOnMainThread++
    // Only the write itself is timed: a garbage collection while the batch
    // is turned into bytes, or its promises settled, says nothing of the disk.
    let started = 0
    let finished = 0
    this.writeBatchWith(batch, () => {
      const data = Buffer.from(this.batchText(batch))
      started = performance.now()
      log.writeNow?.(data)
      finished = performance.now()
    })
    const slow = finished - started > SLOW_WRITE_MS ? 1 : 0
    this.recentSlowCount += slow - this.recentSlow[this.recentAt]
    this.recentSlow[this.recentAt] = slow
    this.recentAt = (this.recentAt + 1) % RECENT_WRITES
    if (this.recentSlowCount >= SLOW_WRITES_OF) {
      this.threadPoolUntil = finished + SLOW_DISK_BACKOFF_MS
      // Start the next try from a clean slate, not from the slow past.
      this.recentSlow.fill(0)
      this.recentSlowCount = 0
      this.stats.slowWrites++
    }
  }

  private async flush(): Promise<void> {
    // Let the commits of the current tick join the first batch.
    await Promise.resolve()
    while (this.pending !== undefined && !this.holdBatches) {
      const batch = this.pending
      const wait = batch.gatherUntil - this.gathering.now()
      if (wait > 0) {
        await batch.gather(wait)
        continue
      }
      this.pending = undefined
      this.writing = batch
      await this.writeBatch(batch)
      this.writing = undefined
    }
    this.flushing = undefined
  }

  private async writeBatch(batch: Batch): Promise<void> {
    const log = this.log as AppendLog
    await this.writeBatchWith(batch, async () => {
      await log.write(Buffer.from(this.batchText(batch)))
      if (!log.syncsEachWrite) await log.datasync()
    })
  }

  /** The batch's records, after a line break if a failed write may have left part of a line. */
  private batchText(batch: Batch): string {
    const text = this.needsLineBreak ? '\n' + batch.text : batch.text
    this.needsLineBreak = true
    return text
  }

  /** Writes a batch durably with `write` (sync or async) and settles it; the bookkeeping both ways share. */
  private writeBatchWith(batch: Batch, write: () => Promise<void> | void): Promise<void> | void {
    // Memory already holds these records, so the new file of a running compaction must too.
    if (this.carry !== undefined) {
      this.carry.texts.push(batch.text)
      this.carry.records += batch.count
    }
    this.stats.writes++
    const done = (): void => {
      this.needsLineBreak = false
      this.stats.records += batch.count
      this.stats.syncs++
      batch.resolve()
      this.maybeCompact()
    }
    const failed = (error: unknown): void => {
      batch.reject(error)
      this.maybeCompact()
    }
    let pending: Promise<void> | void
    try {
      pending = write()
    } catch (error) {
      return failed(error)
    }
    if (pending === undefined) return done()
    return pending.then(done, failed)
  }

  private maybeCompact(): void {
    if (this.compacting !== undefined || this.closing) return
    const records = this.stats.records
    if (records <= 2 * this.index.size + this.compactEvery || records < this.retryCompactionAt) return
    this.compact().catch((error: Error) => {
      this.retryCompactionAt = this.stats.records + this.compactEvery
      this.options.onWarning(`${this.path}: compaction failed, the log keeps growing until the next try: ${error.message}`)
    })
  }

  private async rewrite(): Promise<void> {
    const carry: Carry = {texts: [], records: 0}
    this.carry = carry
    // Records are immutable, so these references are the state of this very moment.
    const snapshot = [...this.index.values()]
    let next: AppendLog | undefined
    let swapped = false
    try {
      next = await this.openLog(this.tmpPath, 'replace')
      await next.write(Buffer.from(headerLine(this.now())))
      for (let i = 0; i < snapshot.length; i += SNAPSHOT_CHUNK) {
        let text = ''
        for (const record of snapshot.slice(i, i + SNAPSHOT_CHUNK)) text += leaseLine(leaseOf(record))
        await next.write(Buffer.from(text))
      }
      await copyCarried(carry, next)
      await next.datasync()

      this.holdBatches = true
      this.pending?.stopGathering()
      while (this.flushing !== undefined) await this.flushing
      await copyCarried(carry, next)
      await next.datasync()
      await rename(this.tmpPath, this.path)
      // From here on the new file is the log, whatever happens next.
      const old = this.log as AppendLog
      this.log = await this.reopenForAppends(next)
      swapped = true
      this.needsLineBreak = false
      this.stats.records = snapshot.length + carry.records
      this.stats.compactions++
      await old.close().catch(() => undefined)
      await fsyncDirectory(dirname(this.path))
    } finally {
      this.carry = undefined
      this.holdBatches = false
      this.startFlushing()
      if (!swapped) {
        await next?.close().catch(() => undefined)
        await unlink(this.tmpPath).catch(ignoreMissing)
      }
    }
  }

  /**
   * The compacted file was written as a 'replace' log; commits go to it
   * through an 'append' one (which may sync each write). If that cannot be
   * opened, the 'replace' log serves on: it is the same file, synced apart.
   */
  private async reopenForAppends(written: AppendLog): Promise<AppendLog> {
    let appending: AppendLog
    try {
      appending = await this.openLog(this.path, 'append')
    } catch {
      return written
    }
    await written.close().catch(() => undefined)
    return appending
  }
}

async function copyCarried(carry: Carry, log: AppendLog): Promise<void> {
  while (carry.texts.length > 0) {
    const texts = carry.texts.splice(0)
    await log.write(Buffer.from(texts.join('')))
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error
}
