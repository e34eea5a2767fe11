import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {
  hwaddrToString,
  ip4FromString,
  ip4ToString,
  maskToPrefix,
  parseHwaddr,
  parseIp4,
  prefixToMask,
} from '../../../src/dhcp/codec/ip4.js'

describe('ip4 helpers', () => {
  it('converts between numbers and dotted quads', () => {
    assert.equal(ip4ToString(0xc0000201), '192.0.2.1')
    assert.equal(ip4ToString(0), '0.0.0.0')
    assert.equal(ip4ToString(0xffffffff), '255.255.255.255')
    assert.equal(parseIp4('192.0.2.1'), 0xc0000201)
    assert.equal(parseIp4('255.255.255.255'), 0xffffffff)
    assert.equal(parseIp4('0.0.0.0'), 0)
  })

  it('rejects anything but four decimal parts 0-255 without leading zeros', () => {
    for (const bad of ['', '1.2.3', '1.2.3.4.5', '1.2.3.256', '01.2.3.4', '1.2.3.04', ' 1.2.3.4', '1..2.3', '1.2.3.', 'a.b.c.d', '1.2.3.4/8', '1.2.3.-4', '1111.2.3.4']) {
      assert.equal(parseIp4(bad), undefined, bad)
    }
  })

  it('throws a RangeError naming the text from ip4FromString', () => {
    assert.equal(ip4FromString('198.18.0.1'), 0xc6120001)
    assert.throws(() => ip4FromString('1.2.3'), {name: 'RangeError', message: "'1.2.3' is not an IPv4 address"})
  })

  it('converts prefix lengths and contiguous masks', () => {
    assert.equal(prefixToMask(0), 0)
    assert.equal(prefixToMask(24), 0xffffff00)
    assert.equal(prefixToMask(32), 0xffffffff)
    assert.equal(maskToPrefix(0xffffff00), 24)
    assert.equal(maskToPrefix(0), 0)
    assert.equal(maskToPrefix(0xffffffff), 32)
    assert.equal(maskToPrefix(0xff00ff00), undefined)
  })

  it('formats the first hlen bytes of chaddr, clamped to the buffer', () => {
    const chaddr = Buffer.from('02005e100001aabbccddeeff00112233', 'hex')
    assert.equal(hwaddrToString(chaddr, 6), '02:00:5e:10:00:01')
    assert.equal(hwaddrToString(chaddr, 0), '')
    assert.equal(hwaddrToString(chaddr.subarray(0, 2), 6), '02:00')
  })

  it('parses colon- or dash-separated hardware addresses', () => {
    assert.deepEqual(parseHwaddr('02:00:5E:10:00:01'), Buffer.from('02005e100001', 'hex'))
    assert.deepEqual(parseHwaddr('02-00-5e-10-00-01'), Buffer.from('02005e100001', 'hex'))
    for (const bad of ['', '02:00:5e:10:00:0', '02:00:5e:10:00:01:', '0200.5e10.0001', 'zz:00:00:00:00:00']) {
      assert.equal(parseHwaddr(bad), undefined, bad)
    }
  })
})
