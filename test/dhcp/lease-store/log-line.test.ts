import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {Lease} from '../../../src/dhcp/engine-types.js'
import {type LeaseRecord, leaseOf, StringInterner} from '../../../src/dhcp/lease-store/lease-record.js'
import {headerLine, leaseLine, LogLineParser, tombstoneLine} from '../../../src/dhcp/lease-store/log-line.js'
import {leaseFor, oddLeases} from './lease-fixtures.js'

/** Parses one line (with or without its newline) and returns what it did. */
function parse(line: string): {put?: Lease; deleted?: number; problem?: string} {
  const bytes = Buffer.from(line.endsWith('\n') ? line.slice(0, -1) : line)
  const result: {put?: Lease; deleted?: number; problem?: string} = {}
  const sink = {
    put: (record: LeaseRecord) => (result.put = leaseOf(record)),
    delete: (address32: number) => (result.deleted = address32 >>> 0),
  }
  const problem = new LogLineParser(new StringInterner()).apply(bytes, 0, bytes.length, sink)
  if (problem !== undefined) result.problem = problem
  return result
}

describe('log-line', () => {
  it('writes one readable line per lease and reads every field back', () => {
    const line = leaseLine(leaseFor(2))
    assert.match(line, /^L\t198\.18\.0\.2\tactive\t1700000002\t1700003602\tid:0000000002\t02:00:00:00:02:01\thost-2\tscope-2\t[0-9a-f]{8}\n$/)
    for (const lease of [...oddLeases, leaseFor(0), leaseFor(1), leaseFor(2)]) assert.deepEqual(parse(leaseLine(lease)), {put: lease})
  })

  it('escapes tab, newline, carriage return and percent so a record stays on one line', () => {
    const line = leaseLine(oddLeases[3])
    assert.equal(line.indexOf('\n'), line.length - 1)
    assert.ok(line.includes('new%0Aline%0D%2525 %2509'))
  })

  it('reads tombstones', () => {
    assert.match(tombstoneLine(0xc6120a0b), /^D\t198\.18\.10\.11\t[0-9a-f]{8}\n$/)
    assert.deepEqual(parse(tombstoneLine(0xc6120a0b)), {deleted: 0xc6120a0b})
  })

  it('recognises a header line as not a record', () => {
    assert.equal(headerLine(1234), '#srvctl-leases v1 written=1234\n')
  })

  it('reports every single-byte change of a record as damage', () => {
    const line = leaseLine(leaseFor(7)).slice(0, -1)
    for (let i = 0; i < line.length; i++) {
      const code = line.charCodeAt(i)
      const changed = line.slice(0, i) + String.fromCharCode(code === 0x41 ? 0x42 : 0x41) + line.slice(i + 1)
      const result = parse(changed)
      assert.ok(result.problem !== undefined, `change at ${i} not detected: ${JSON.stringify(result)}`)
    }
  })

  it('reports every truncation of a record as damage', () => {
    const line = leaseLine(leaseFor(8)).slice(0, -1)
    for (let length = 0; length < line.length; length++) {
      assert.ok(parse(line.slice(0, length)).problem !== undefined, `truncated to ${length}`)
    }
  })

  it('reports garbage, unknown record types and malformed fields with a reason', () => {
    const seal = (body: string): string => {
      // Build a line with a valid checksum so the field checks themselves are reached.
      let hash = 0x811c9dc5
      for (const byte of Buffer.from(body)) hash = Math.imul(hash ^ byte, 0x01000193)
      return `${body}\t${(hash >>> 0).toString(16).padStart(8, '0')}`
    }
    assert.equal(parse('hello world').problem, 'no checksum field')
    assert.equal(parse('\u0000'.repeat(40)).problem, 'no checksum field')
    assert.equal(parse(seal('X\t198.18.0.1')).problem, 'unknown record type')
    assert.equal(parse(seal('LL\t198.18.0.1')).problem, 'unknown record type')
    assert.equal(parse(seal('D\t198.18.0.1\textra')).problem, 'tombstone with extra fields')
    assert.equal(parse(seal('D\t198.18.0.256')).problem, 'bad address')
    assert.equal(parse(seal('L\t198.18.0.1\tactive\t1\t2\tk\th\tn')).problem, 'lease with 8 fields instead of 9')
    assert.equal(parse(seal('L\t198.18.0.1\tactive\t1\t2\tk\th\tn\ts\tx')).problem, 'too many fields')
    assert.equal(parse(seal('L\t198.18.0\tactive\t1\t2\tk\th\tn\ts')).problem, 'bad address')
    assert.equal(parse(seal('L\t198.18.0.1\tbound\t1\t2\tk\th\tn\ts')).problem, 'bad state')
    assert.equal(parse(seal('L\t198.18.0.1\tactivx\t1\t2\tk\th\tn\ts')).problem, 'bad state')
    assert.equal(parse(seal('L\t198.18.0.1\tactive\t1x\t2\tk\th\tn\ts')).problem, 'bad time')
    assert.equal(parse(seal('L\t198.18.0.1\tactive\t1\t\tk\th\tn\ts')).problem, 'bad time')
    assert.deepEqual(parse(seal('L\t198.18.0.1\tactive\t1\t2\tk\th\tn\ts')).put?.clientKey, 'k')
  })
})
