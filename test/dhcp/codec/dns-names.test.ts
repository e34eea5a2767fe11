import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {decodeDomainList, decodeDomainName, encodeDomainList, encodeDomainName} from '../../../src/dhcp/codec/dns-names.js'

const wire = (hex: string): Buffer => Buffer.from(hex.replace(/\s+/g, ''), 'hex')

describe('domain names in wire form', () => {
  it('encodes the RFC 3397 §3 example with a pointer to the shared suffix', () => {
    const encoded = encodeDomainList(['eng.apple.com.', 'marketing.apple.com.'])
    assert.deepEqual(encoded, wire('03 656e67 05 6170706c65 03 636f6d 00  09 6d61726b6574696e67 c0 04'))
    assert.deepEqual(decodeDomainList(encoded), ['eng.apple.com', 'marketing.apple.com'])
  })

  it('points a repeated name entirely at its first copy', () => {
    assert.deepEqual(encodeDomainList(['a.test', 'a.test']), wire('01 61 04 74657374 00 c0 00'))
  })

  it('keeps case: only exact suffixes are shared', () => {
    assert.deepEqual(decodeDomainList(encodeDomainList(['A.test', 'b.TEST'])), ['A.test', 'b.TEST'])
  })

  it('follows chains of pointers that each lead further back', () => {
    // 0: b.test, 8: a + ->0, 12: c + ->8  =>  c.a.b.test
    const data = wire('01 62 04 74657374 00  01 61 c0 00  01 63 c0 08')
    assert.deepEqual(decodeDomainList(data), ['b.test', 'a.b.test', 'c.a.b.test'])
  })

  it('rejects a pointer to itself or forward, so a hostile loop cannot spin', () => {
    assert.throws(() => decodeDomainList(wire('c0 00')), /does not point backwards/)
    assert.throws(() => decodeDomainList(wire('01 61 c0 00')), /does not point backwards/)
    assert.throws(() => decodeDomainList(wire('01 61 00 01 62 c0 05')), /does not point backwards/)
  })

  it('rejects cut-off labels and pointers and reserved label types', () => {
    assert.throws(() => decodeDomainList(wire('05 6162')), /a label runs past the end/)
    assert.throws(() => decodeDomainList(wire('01 61 00 c0')), /a compression pointer is cut off/)
    assert.throws(() => decodeDomainList(wire('40 61 00')), /label length byte 0x40 is not valid/)
    assert.throws(() => decodeDomainList(wire('00')), /root name/)
  })

  it('rejects names longer than 255 bytes in wire form, even when built from pointers', () => {
    const labels = Array.from({length: 5}, () => 'x'.repeat(60)).join('.')
    assert.throws(() => encodeDomainList([labels]), /longer than 255 bytes/)
    assert.throws(() => encodeDomainList(['x'.repeat(64) + '.test']), /label longer than 63/)
  })

  it('encodes a single name with the root label only when it ends with a dot (RFC 4702)', () => {
    assert.deepEqual(encodeDomainName('ws.example.'), wire('02 7773 07 6578616d706c65 00'))
    assert.deepEqual(encodeDomainName('ws'), wire('02 7773'))
    assert.equal(decodeDomainName(wire('02 7773 07 6578616d706c65 00')), 'ws.example.')
    assert.equal(decodeDomainName(wire('02 7773')), 'ws')
    assert.equal(decodeDomainName(Buffer.alloc(0)), '')
    assert.throws(() => decodeDomainName(wire('02 7773 00 01')), /bytes follow the end of the name/)
  })
})
