import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {decodePacket} from '../../../src/dhcp/codec/decode-packet.js'
import {encodePacket} from '../../../src/dhcp/codec/encode-packet.js'
import {decodeOptionValue} from '../../../src/dhcp/codec/option-values.js'
import {GOLDEN_PACKETS} from './golden-packets.js'
import {readHexFixture} from './hex-fixture.js'

describe('golden packets', () => {
  for (const golden of GOLDEN_PACKETS) {
    it(`decodes ${golden.fixture} (${golden.what}) to the expected packet`, () => {
      assert.deepStrictEqual(decodePacket(readHexFixture(golden.fixture)), golden.packet)
    })

    it(`encodes the ${golden.fixture} packet to the fixture bytes`, () => {
      const expected = readHexFixture(golden.fixture)
      const actual = encodePacket(golden.packet, golden.maxSize)
      assert.equal(actual.toString('hex'), expected.toString('hex'))
    })
  }

  it('keeps the options of overload-offer.hex in decode order: options field, then file, then sname', () => {
    const pkt = decodePacket(readHexFixture('overload-offer.hex'))
    assert.deepEqual([...pkt.options.keys()], [53, 54, 51, 17, 3, 15, 66, 67])
    assert.equal(pkt.sname, '')
    assert.equal(pkt.file, '')
  })

  it('joins the two instances of option 121 in long-option.hex into 33 routes', () => {
    const pkt = decodePacket(readHexFixture('long-option.hex'))
    const routes = decodeOptionValue(121, pkt.options.get(121) ?? Buffer.alloc(0))
    assert.ok(Array.isArray(routes))
    assert.equal(routes.length, 33)
    assert.deepEqual(routes[31], {destination: '198.19.31.0/24', router: '198.18.0.1'})
  })

  it('reads typed values from the ack.hex options as RFC 3397 and RFC 3442 define them', () => {
    const pkt = decodePacket(readHexFixture('ack.hex'))
    const value = (code: number): unknown => decodeOptionValue(code, pkt.options.get(code) ?? Buffer.alloc(0))
    assert.deepEqual(value(119), ['eng.example.test', 'labs.example.test'])
    assert.deepEqual(value(121), [
      {destination: '0.0.0.0/0', router: '198.18.0.1'},
      {destination: '10.0.0.0/8', router: '198.18.0.2'},
      {destination: '10.229.0.128/25', router: '198.18.0.3'},
      {destination: '198.19.0.0/16', router: '198.18.0.4'},
    ])
    assert.deepEqual(value(6), ['198.18.0.1', '198.18.0.2'])
    assert.equal(value(51), 3600)
    assert.equal(value(15), 'example.test')
  })

  it('reads the relay agent sub-options of relayed-discover.hex', () => {
    const pkt = decodePacket(readHexFixture('relayed-discover.hex'))
    assert.deepEqual(decodeOptionValue(82, pkt.options.get(82) ?? Buffer.alloc(0)), [
      {code: 1, data: Buffer.from('eth0/1')},
      {code: 2, data: Buffer.from('02005e0000fe', 'hex')},
      {code: 5, data: Buffer.from([198, 18, 1, 0])},
    ])
  })

  it('reads the client FQDN of request-selecting.hex as a fully qualified wire-format name', () => {
    const pkt = decodePacket(readHexFixture('request-selecting.hex'))
    assert.deepEqual(decodeOptionValue(81, pkt.options.get(81) ?? Buffer.alloc(0)), {
      flags: 0x05,
      rcode1: 0,
      rcode2: 0,
      name: 'ws-01.example.test.',
    })
  })
})
