import type {Lease} from '../engine-types.js'
import {LeaseIndex} from './lease-index.js'
import {StringInterner} from './lease-record.js'
import {LogLineParser} from './log-line.js'
import {readLeaseLog} from './log-reader.js'

/**
 * The leases in a lease file, read without opening the store for writing:
 * safe while the server runs (no truncation of a torn line, no header, no
 * compaction). Damaged lines are reported and skipped.
 */
export async function readLeaseSnapshot(path: string, onWarning: (message: string) => void): Promise<Lease[]> {
  const index = new LeaseIndex()
  const parser = new LogLineParser(new StringInterner())
  await readLeaseLog(path, parser, index, (line, problem) => onWarning(`${path}:${line}: ${problem}`))
  return [...index.leases()]
}
