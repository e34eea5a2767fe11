import {open} from 'node:fs/promises'

import {LOG_MAGIC, LOG_VERSION, type LogLineParser, type LogSink} from './log-line.js'
import {type NativeLineScan, nativeLineScan} from './native-line-scan.js'

export interface LogReadResult {
  /** Non-empty lines after the header, damaged ones included: what compaction weighs against the live leases. */
  records: number
  /** Bytes up to the end of the last complete line; less than fileLength when the last line is torn. */
  intactLength: number
  fileLength: number
  hasHeader: boolean
}

/** Called for each damaged line with its 1-based line number. */
export type ReportDamage = (line: number, problem: string) => void

const CHUNK_BYTES = 1 << 20
const NEWLINE = 10
const MAGIC = Buffer.from(LOG_MAGIC + ' ', 'latin1')

/**
 * Streams the log through the parser in 1 MiB chunks (a file of a million
 * leases never sits in memory whole). Returns undefined when there is no file.
 * The native scanner, when built, reads the common lines (undefined: use it
 * if there is one; null: the parser reads every line).
 */
export async function readLeaseLog(
  path: string,
  parser: LogLineParser,
  sink: LogSink,
  report: ReportDamage,
  scan: NativeLineScan | null | undefined = nativeLineScan(),
): Promise<LogReadResult | undefined> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES)
    let filled = 0
    /** File offset of buffer[0]. */
    let base = 0
    let line = 0
    let records = 0
    let hasHeader = false
    /** File offset where a line longer than the buffer started, while skipping it; -1 otherwise. */
    let overlongFrom = -1

    /** `scanned` is the line's index in the scanner's last batch, or -1. */
    const handleLine = (start: number, end: number, scanned: number): void => {
      line++
      if (line === 1) {
        if (end - start >= MAGIC.length && buffer.compare(MAGIC, 0, MAGIC.length, start, start + MAGIC.length) === 0) {
          const version = buffer.toString('latin1', start + MAGIC.length, end).split(' ')[0]
          if (version !== LOG_VERSION) {
            throw new Error(`${path} is a lease log of version '${version}'; this srvctl reads ${LOG_VERSION} only`)
          }
          hasHeader = true
          return
        }
        report(line, `no '${LOG_MAGIC} ${LOG_VERSION}' header; reading the records anyway`)
      }
      if (start === end) return
      records++
      if (scanned >= 0 && scan && scan.apply(scanned, buffer, parser, sink)) return
      const problem = parser.apply(buffer, start, end, sink)
      if (problem !== undefined) report(line, `${problem}; record skipped`)
    }

    for (;;) {
      const {bytesRead} = await handle.read(buffer, filled, buffer.length - filled, base + filled)
      filled += bytesRead
      let position = 0
      const lineEnded = (start: number, newline: number, scanned: number): void => {
        if (overlongFrom >= 0) {
          line++
          records++
          report(line, `longer than ${CHUNK_BYTES} bytes; record skipped`)
          overlongFrom = -1
        } else {
          handleLine(start, newline, scanned)
        }
        position = newline + 1
      }
      if (scan) {
        for (let lines = scan.scan(buffer, position, filled); lines > 0; lines = scan.scan(buffer, position, filled)) {
          for (let i = 0; i < lines; i++) lineEnded(scan.lineStart(i), scan.lineEnd(i), i)
        }
      } else {
        const view = buffer.subarray(0, filled)
        for (let newline = view.indexOf(NEWLINE, position); newline >= 0; newline = view.indexOf(NEWLINE, position)) lineEnded(position, newline, -1)
      }
      if (bytesRead === 0) {
        const tornFrom = overlongFrom >= 0 ? overlongFrom : base + position
        const fileLength = base + filled
        if (tornFrom < fileLength) {
          report(line + 1, `incomplete last line (${fileLength - tornFrom} bytes, a write cut short by a crash?); dropped`)
        }
        return {records, intactLength: tornFrom, fileLength, hasHeader}
      }
      if (position === 0 && filled === buffer.length) {
        // No newline in a whole buffer: not a record of ours. Skip to the next newline.
        if (overlongFrom < 0) overlongFrom = base
        base += filled
        filled = 0
        continue
      }
      buffer.copy(buffer, 0, position, filled)
      base += position
      filled -= position
    }
  } finally {
    await handle.close()
  }
}
