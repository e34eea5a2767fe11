import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {
  formatMac,
  KEY_FROM_HW,
  KEY_ID_01_HW,
  KEY_TEXT,
  keyFormOf,
  leaseOf,
  macOf,
  packMac,
  recordHasClientKey,
  recordOf,
  renewRecord,
  sameHolder,
  StringInterner,
} from '../../../src/dhcp/lease-store/lease-record.js'
import {leaseFor, oddLeases} from './lease-fixtures.js'

describe('lease-record', () => {
  it('packs canonical lowercase MACs into a number and formats them back', () => {
    for (const mac of ['00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff', '02:00:5e:10:00:01', 'a1:b2:c3:d4:e5:f6']) {
      const packed = packMac(mac)
      assert.ok(packed >= 0 && packed < 2 ** 48, mac)
      assert.equal(formatMac(packed), mac)
    }
    assert.equal(packMac('ff:ff:ff:ff:ff:ff'), 2 ** 48 - 1)
  })

  it('refuses to pack anything but the canonical 6-byte form', () => {
    for (const text of ['', 'AA:BB:CC:DD:EE:FF', '02-00-5e-10-00-01', '02:00:5e:10:00', '02:00:5e:10:00:01:02', '02:00:5e:10:00:0g']) {
      assert.equal(packMac(text), -1, text)
    }
  })

  it('stores the client key only when it is not derived from the hardware address', () => {
    const scopes = new StringInterner()
    const form = (clientKey: string, hwaddr: string): number => keyFormOf(recordOf({...leaseFor(1), clientKey, hwaddr}, scopes))
    assert.equal(form('hw:02:00:00:00:00:01', '02:00:00:00:00:01'), KEY_FROM_HW)
    assert.equal(form('hw:AA:BB', 'AA:BB'), KEY_FROM_HW)
    assert.equal(form('id:01020000000001', '02:00:00:00:00:01'), KEY_ID_01_HW)
    assert.equal(form('id:01020000000002', '02:00:00:00:00:01'), KEY_TEXT)
    assert.equal(form('id:01aabb', 'AA:BB'), KEY_TEXT)
    assert.equal(form('hw:02:00:00:00:00:02', '02:00:00:00:00:01'), KEY_TEXT)
  })

  it('keeps the MAC in small integers and reads it back', () => {
    const record = recordOf(leaseFor(0x123456), new StringInterner())
    assert.equal(typeof record.hw, 'number')
    assert.equal(formatMac(macOf(record)), '02:00:12:34:56:01')
  })

  it('turns every odd lease into a record and back unchanged', () => {
    const scopes = new StringInterner()
    for (const lease of [...oddLeases, leaseFor(0), leaseFor(1), leaseFor(2)]) assert.deepEqual(leaseOf(recordOf(lease, scopes)), lease)
  })

  it('matches a client key against a record without building it, for every key form', () => {
    const scopes = new StringInterner()
    for (const lease of [...oddLeases, leaseFor(0), leaseFor(1), leaseFor(2)]) {
      const record = recordOf(lease, scopes)
      assert.ok(recordHasClientKey(record, lease.clientKey), lease.clientKey)
      for (const other of ['', 'hw:', 'id:01', lease.clientKey + '0', lease.clientKey.slice(0, -1), 'hw:' + lease.hwaddr.toUpperCase() + 'x']) {
        if (other !== lease.clientKey) assert.equal(recordHasClientKey(record, other), false, `${lease.clientKey} vs ${other}`)
      }
    }
  })

  it('shares one string per scope name', () => {
    const scopes = new StringInterner()
    const a = recordOf(leaseFor(0, {scope: ['sc', 'ope'].join('')}), scopes)
    const b = recordOf(leaseFor(1, {scope: ['s', 'cope'].join('')}), scopes)
    assert.equal(a.scope, 'scope')
    assert.ok(Object.is(a.scope, b.scope))
  })

  it('refuses leases with fields of the wrong kind', () => {
    const scopes = new StringInterner()
    const bad: [string, object][] = [
      ['address', {address: -1}],
      ['address', {address: 2 ** 32}],
      ['address', {address: 1.5}],
      ['state', {state: 'bound'}],
      ['times', {start: 1.5}],
      ['times', {expiry: Number.POSITIVE_INFINITY}],
      ['hostname', {hostname: undefined}],
      ['scope', {scope: 3}],
    ]
    for (const [field, change] of bad) assert.throws(() => recordOf({...leaseFor(1), ...change} as never, scopes), TypeError, field)
  })
})

describe('sameHolder and renewRecord', () => {
  it('tell a renewal (only times and state differ) from a change of holder, for every client-key form', () => {
    const scopes = new StringInterner()
    for (let n = 0; n < 6; n++) {
      const lease = leaseFor(n)
      const record = recordOf(lease, scopes)
      assert.ok(sameHolder(record, {...lease, start: lease.start + 1, expiry: lease.expiry + 1, state: 'released'}))
      assert.ok(!sameHolder(record, {...lease, hostname: lease.hostname + 'x'}))
      assert.ok(!sameHolder(record, {...lease, scope: 'elsewhere'}))
      assert.ok(!sameHolder(record, {...lease, hwaddr: '02:00:00:00:99:99'}))
      assert.ok(!sameHolder(record, {...lease, clientKey: lease.clientKey + '0'}))
      const renewed = {...lease, start: lease.start + 5, expiry: lease.expiry + 3600, state: 'expired' as const}
      renewRecord(record, renewed)
      assert.deepEqual(leaseOf(record), renewed)
    }
    const textHw = {...leaseFor(7), hwaddr: '01:02:03:04:05:06:07:08', clientKey: 'hw:01:02:03:04:05:06:07:08'}
    const record = recordOf(textHw, scopes)
    assert.ok(sameHolder(record, {...textHw, expiry: textHw.expiry + 1}))
    assert.ok(!sameHolder(record, {...textHw, hwaddr: '01:02:03:04:05:06:07:09'}))
  })
})
