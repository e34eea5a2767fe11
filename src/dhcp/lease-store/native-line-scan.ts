import {existsSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'

import {packageRoot} from '../../lib/package-root.js'
import {recordOfFields} from './lease-record.js'
import type {LogLineParser, LogSink} from './log-line.js'

// The lease log's common lines checked and split in C (native/lease_log_scan.c):
// loading a million leases spent most of its time doing that in JavaScript.
// Optional: without the built addon every line goes through LogLineParser.

interface LeaseLogScanBinding {
  scanLeaseLines(bytes: Uint8Array, from: number, to: number, fields: Int32Array, times: Float64Array): number
  STRIDE: number
}

// Field indexes per line, as in lease_log_scan.c.
const F_START = 0
const F_END = 1
const F_VERDICT = 2
const F_ADDRESS = 3
const F_FLAGS = 4
const F_MAC_LOW = 5
const F_KEY_HASH = 6
const F_HOST_START = 7
const F_HOST_END = 8
const F_SCOPE_START = 9
const F_SCOPE_END = 10
const STRIDE = 11

const LEASE = 1
const TOMBSTONE = 2

/** Lines per scan call: a 1 MiB chunk of ~100-byte lines in about one call. */
const LINES_PER_SCAN = 16_384

const leaseLogScanAddonPath = join(packageRoot, 'build', 'Release', 'lease_log_scan.node')

/**
 * Scans complete lines of a buffer in batches. For each line, either the
 * record the C scanner accepted is applied to the sink, or the caller hands
 * the line to LogLineParser (apply() returns false): damaged and unusual
 * lines, and their messages, stay the parser's.
 */
export class NativeLineScan {
  private readonly fields = new Int32Array(LINES_PER_SCAN * STRIDE)
  private readonly times = new Float64Array(LINES_PER_SCAN * 2)

  constructor(private readonly binding: LeaseLogScanBinding) {
    if (binding.STRIDE !== STRIDE) throw new Error(`${leaseLogScanAddonPath} has ${binding.STRIDE} fields per line, this srvctl expects ${STRIDE}: rebuild it (npm run build:native)`)
  }

  /** Scans the complete lines of bytes[from, to); returns how many (0 when there is no newline). */
  scan(bytes: Uint8Array, from: number, to: number): number {
    return this.binding.scanLeaseLines(bytes, from, to, this.fields, this.times)
  }

  lineStart(line: number): number {
    return this.fields[line * STRIDE + F_START]
  }

  /** The offset of the line's newline. */
  lineEnd(line: number): number {
    return this.fields[line * STRIDE + F_END]
  }

  /** Applies the scanned line's record to the sink, if the scanner accepted it; false sends the line to the parser. */
  apply(line: number, bytes: Buffer, parser: LogLineParser, sink: LogSink): boolean {
    const fields = this.fields
    const at = line * STRIDE
    const verdict = fields[at + F_VERDICT]
    if (verdict === TOMBSTONE) {
      sink.delete(fields[at + F_ADDRESS])
      return true
    }
    if (verdict !== LEASE) return false
    const hostStart = fields[at + F_HOST_START]
    const hostEnd = fields[at + F_HOST_END]
    sink.put(
      recordOfFields(
        fields[at + F_ADDRESS],
        this.times[line * 2],
        this.times[line * 2 + 1],
        fields[at + F_FLAGS],
        fields[at + F_MAC_LOW],
        // Plain ASCII (the scanner checked): as LogLineParser decodes it.
        hostStart === hostEnd ? '' : bytes.toString('latin1', hostStart, hostEnd),
        parser.scopeAt(bytes, fields[at + F_SCOPE_START], fields[at + F_SCOPE_END]),
        null,
        fields[at + F_KEY_HASH],
      ),
    )
    return true
  }
}

/** The loaded addon, null when it is not built or does not load; undefined until first asked. */
let binding: LeaseLogScanBinding | null | undefined

function loadBinding(): LeaseLogScanBinding | null {
  if (!existsSync(leaseLogScanAddonPath)) return null
  try {
    return createRequire(import.meta.url)(leaseLogScanAddonPath) as LeaseLogScanBinding
  } catch {
    // Built for another Node.js: the parser does the work, more slowly.
    return null
  }
}

/** A scanner when the addon is built, else undefined (LogLineParser reads every line). */
export function nativeLineScan(): NativeLineScan | undefined {
  if (binding === undefined) binding = loadBinding()
  return binding === null ? undefined : new NativeLineScan(binding)
}
