import assert from 'node:assert/strict'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, describe, it} from 'node:test'

import {fnv1aUtf8} from '../../../src/dhcp/lease-store/fnv1a.js'
import {LeaseIndex} from '../../../src/dhcp/lease-store/lease-index.js'
import {type LeaseRecord, StringInterner} from '../../../src/dhcp/lease-store/lease-record.js'
import {headerLine, leaseLine, LogLineParser, tombstoneLine} from '../../../src/dhcp/lease-store/log-line.js'
import {readLeaseLog} from '../../../src/dhcp/lease-store/log-reader.js'
import {type NativeLineScan, nativeLineScan} from '../../../src/dhcp/lease-store/native-line-scan.js'
import {leaseFor, oddLeases} from './lease-fixtures.js'

function sealed(body: string): string {
  return `${body}\t${fnv1aUtf8(body).toString(16).padStart(8, '0')}\n`
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const mac = (n: number): string => Array.from({length: 6}, (_, i) => ((n * (i + 7) * 2654435761) >>> (i * 3)) & 255).map((b) => b.toString(16).padStart(2, '0')).join(':')

/** Lines of every shape the log can hold, damaged ones included. */
function varietyOfLines(): string[] {
  const lines: string[] = []
  for (let n = 0; n < 300; n++) {
    const address = `198.18.${n >> 8}.${n & 255}`
    const hw = mac(n)
    const bare = hw.replaceAll(':', '')
    const keys = [`hw:${hw}`, `id:01${bare}`, `id:02${bare}`, `id:01${bare.slice(0, 10)}ff`, 'id:%09odd']
    const hosts = ['', `host-${n}`, 'caf\u00e9', 'with%25percent', 'tab%09here']
    const scopes = ['default', 'office', 'sc%0Aope', '\u00fcber']
    const states = ['active', 'released', 'expired', 'declined', 'Active', 'gone']
    const times = ['1700000000', '0', '-5', '-0', '9999999999999999', '12345678901234567', '', '17000x0000', '1e9']
    const key = keys[n % keys.length]
    const host = hosts[(n >> 1) % hosts.length]
    const scope = scopes[(n >> 2) % scopes.length]
    const state = states[n % 7 === 6 ? (n >> 3) % states.length : n % 4]
    const start = n % 11 === 10 ? times[(n >> 4) % times.length] : String(1_700_000_000 + n)
    const expiry = n % 13 === 12 ? times[(n >> 3) % times.length] : String(1_700_003_600 + n)
    const hwField = n % 17 === 16 ? hw.toUpperCase() : n % 19 === 18 ? 'de:ad' : hw
    lines.push(sealed(['L', address, state, start, expiry, key, hwField, host, scope].join('\t')))
    if (n % 23 === 0) lines.push(tombstoneLine((198 << 24) + (18 << 16) + n - 1))
  }
  lines.push(...oddLeases.map(leaseLine), leaseLine(leaseFor(7)))
  lines.push(
    '\n',
    sealed('D\t198.18.0.1\textra'),
    sealed('D\t198.18.0.256'),
    sealed('L\t1.2.3'),
    sealed('X\t198.18.0.1'),
    sealed('LL\t198.18.0.1\tactive\t1\t2\thw:00:00:00:00:00:01\t00:00:00:00:00:01\t\tdefault'),
    sealed('L\t198.18.0.9\tactive\t1\t2\thw:00:00:00:00:00:01\t00:00:00:00:00:01\t\tdefault\textra'),
    sealed('L\t010.018.000.009\tactive\t1\t2\thw:00:00:00:00:00:01\t00:00:00:00:00:01\t\tdefault'),
    'L\t198.18.0.9\tactive\t1\t2\thw:00:00:00:00:00:01\t00:00:00:00:00:01\t\tdefault\t00000000\n',
    'L\t198.18.0.9\tactive\t1\t2\thw:00:00:00:00:00:01\t00:00:00:00:00:01\t\tdefault\tABCDEF01\n',
    'short\n',
  )
  return lines
}

/** Copies of valid lines with one byte changed, half of them resealed so the change gets past the checksum. */
function mutatedLines(count: number, seed: number): string[] {
  const next = random(seed)
  const alphabet = '\t:.%-0123456789abcdefABCDEF xLD\u00e9'
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    const lease = leaseFor(Math.floor(next() * 1000))
    const form = next()
    const line = leaseLine({
      ...lease,
      clientKey: form < 0.4 ? `hw:${lease.hwaddr}` : form < 0.8 ? `id:01${lease.hwaddr.replaceAll(':', '')}` : lease.clientKey,
      hostname: next() < 0.5 ? '' : lease.hostname,
    })
    const body = line.slice(0, line.lastIndexOf('\t'))
    const at = Math.floor(next() * body.length)
    const changed = body.slice(0, at) + alphabet[Math.floor(next() * alphabet.length)] + body.slice(at + 1)
    lines.push(next() < 0.5 ? sealed(changed) : `${changed}${line.slice(line.lastIndexOf('\t'))}`)
  }
  return lines
}

interface Outcome {
  records: LeaseRecord[]
  reports: string[]
  result: unknown
}

async function read(path: string, scan: NativeLineScan | null): Promise<Outcome> {
  const index = new LeaseIndex()
  const reports: string[] = []
  const result = await readLeaseLog(path, new LogLineParser(new StringInterner()), index, (line, problem) => reports.push(`${line}: ${problem}`), scan)
  return {records: [...index.values()].sort((a, b) => a.address32 - b.address32), reports, result}
}

describe('native-line-scan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'srvctl-scan-'))
  after(() => rmSync(dir, {recursive: true, force: true}))
  const scan = nativeLineScan()

  it('is built by npm run build:native (the tests below would otherwise compare the parser with itself)', () => {
    assert.ok(scan, 'build/Release/lease_log_scan.node is missing: run `npm run build:native`')
  })

  it('reads every kind of line, damaged ones included, into the same records and reports as the parser alone', async () => {
    const path = join(dir, 'variety.leases')
    writeFileSync(path, headerLine(1_700_000_000) + varietyOfLines().join('') + 'L\t198.18.9.9\tact')
    const native = await read(path, scan ?? null)
    const parser = await read(path, null)
    assert.ok(parser.records.length > 200 && parser.reports.length > 30, `the fixture has both records (${parser.records.length}) and damage (${parser.reports.length})`)
    assert.deepEqual(native, parser)
  })

  it('reads 20 000 lines with one byte changed into the same records and reports as the parser alone', async () => {
    const path = join(dir, 'mutated.leases')
    writeFileSync(path, headerLine(1_700_000_000) + mutatedLines(20_000, 5).join(''))
    const native = await read(path, scan ?? null)
    const parser = await read(path, null)
    assert.ok(parser.records.length > 1000 && parser.reports.length > 1000, `both outcomes occur (${parser.records.length} records, ${parser.reports.length} reports)`)
    assert.deepEqual(native, parser)
  })

  it('accepts the plain lines a server writes, so they skip the parser', () => {
    assert.ok(scan)
    const lines = [
      leaseLine({...leaseFor(3), clientKey: `hw:${leaseFor(3).hwaddr}`, hostname: '', scope: 'default'}),
      leaseLine({...leaseFor(4), clientKey: `id:01${leaseFor(4).hwaddr.replaceAll(':', '')}`}),
      tombstoneLine(0xc6120005),
    ]
    const bytes = Buffer.from(lines.join(''))
    assert.equal(scan.scan(bytes, 0, bytes.length), 3)
    const seen: string[] = []
    const sink = {put: (record: LeaseRecord) => seen.push(`put ${record.address32 >>> 0}`), delete: (address32: number) => seen.push(`delete ${address32 >>> 0}`)}
    const parser = new LogLineParser(new StringInterner())
    for (let i = 0; i < 3; i++) assert.equal(scan.apply(i, bytes, parser, sink), true, lines[i])
    assert.deepEqual(seen, [`put ${leaseFor(3).address}`, `put ${leaseFor(4).address}`, `delete ${0xc6120005}`])
  })

  it('stops at the last complete line and at its batch size', () => {
    assert.ok(scan)
    const bytes = Buffer.from(tombstoneLine(1).repeat(20_000) + 'D\t0.0.0.')
    let lines = 0
    let position = 0
    for (let count = scan.scan(bytes, 0, bytes.length); count > 0; count = scan.scan(bytes, position, bytes.length)) {
      assert.ok(count <= 16_384)
      lines += count
      position = scan.lineEnd(count - 1) + 1
    }
    assert.equal(lines, 20_000)
    assert.equal(bytes.length - position, 'D\t0.0.0.'.length)
  })

  it('rejects arguments outside the buffer with a TypeError', () => {
    assert.ok(scan)
    const bytes = Buffer.from('D\t1.2.3.4\t00000000\n')
    assert.throws(() => scan.scan(bytes, 0, bytes.length + 1), TypeError)
    assert.throws(() => scan.scan(bytes, 5, 4), TypeError)
    assert.throws(() => scan.scan(bytes, -1, 4), TypeError)
  })
})
