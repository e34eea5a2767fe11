import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {decodePacket} from '../../../src/dhcp/codec/decode-packet.js'
import {encodePacket, encodePacketInto, maxPayloadSize, PacketEncodeError} from '../../../src/dhcp/codec/encode-packet.js'
import type {DhcpPacket} from '../../../src/dhcp/engine-types.js'

function reply(options: Array<[number, Buffer]>, fields: Partial<DhcpPacket> = {}): DhcpPacket {
  return {
    op: 2,
    htype: 1,
    hlen: 6,
    hops: 0,
    xid: 1,
    secs: 0,
    flags: 0,
    ciaddr: 0,
    yiaddr: 0xc612000a,
    siaddr: 0,
    giaddr: 0,
    chaddr: Buffer.from('02005e100001', 'hex'),
    sname: '',
    file: '',
    options: new Map(options),
    ...fields,
  }
}

/** The option TLVs of a field, as [code, length] pairs up to the end option. */
function tlvs(buf: Buffer, start: number, end: number): Array<[number, number]> {
  const found: Array<[number, number]> = []
  for (let i = start; i < end && buf[i] !== 255; ) {
    if (buf[i] === 0) {
      i++
      continue
    }
    found.push([buf[i], buf[i + 1]])
    i += 2 + buf[i + 1]
  }
  return found
}

describe('encodePacket', () => {
  it('puts option 53 first whatever its position in the map', () => {
    const buf = encodePacket(reply([[54, Buffer.from([198, 18, 0, 1])], [53, Buffer.from([2])]]))
    assert.deepEqual(tlvs(buf, 240, buf.length), [
      [53, 1],
      [54, 4],
    ])
  })

  it('pads a small packet with zeros to the 300-byte BOOTP minimum after the end option', () => {
    const buf = encodePacket(reply([[53, Buffer.from([5])]]))
    assert.equal(buf.length, 300)
    assert.equal(buf[243], 255)
    assert.ok(buf.subarray(244).every((byte) => byte === 0))
  })

  it('splits a value longer than 255 bytes into consecutive instances (RFC 3396)', () => {
    const long = Buffer.alloc(600, 7)
    const buf = encodePacket(reply([[43, long]]), 1500)
    assert.deepEqual(tlvs(buf, 240, buf.length), [
      [43, 255],
      [43, 255],
      [43, 90],
    ])
    assert.deepEqual(decodePacket(buf).options.get(43), long)
  })

  it('does not add an empty instance when a value is an exact multiple of 255 bytes', () => {
    const buf = encodePacket(reply([[43, Buffer.alloc(510, 1)]]), 1500)
    assert.deepEqual(tlvs(buf, 240, buf.length), [
      [43, 255],
      [43, 255],
    ])
  })

  it('writes a zero-length option as code and length 0', () => {
    const buf = encodePacket(reply([[80, Buffer.alloc(0)]]))
    assert.deepEqual([...buf.subarray(240, 243)], [80, 0, 255])
  })

  it('ignores pad, end and overload keys in the map', () => {
    const buf = encodePacket(
      reply([
        [0, Buffer.from([1])],
        [52, Buffer.from([3])],
        [255, Buffer.from([1])],
        [53, Buffer.from([5])],
      ]),
    )
    assert.deepEqual(tlvs(buf, 240, buf.length), [[53, 1]])
  })

  it('treats maxSize as the IP datagram size: 576 leaves 548 bytes, smaller limits count as 576', () => {
    assert.equal(maxPayloadSize(576), 548)
    assert.equal(maxPayloadSize(1500), 1472)
    assert.equal(maxPayloadSize(300), 548)
    assert.equal(maxPayloadSize(Number.NaN), 548)
    assert.equal(maxPayloadSize(1e9), 65507)
  })

  it('fills exactly 548 bytes without overload when the options just fit', () => {
    // 240 + 3 (53) + 2 + 302 ... one option sized so the end option lands on byte 547.
    const value = Buffer.alloc(548 - 240 - 3 - 1 - 4, 9) // two headers for a >255 value
    const buf = encodePacket(reply([[53, Buffer.from([5])], [43, value]]))
    assert.equal(buf.length, 548)
    assert.equal(decodePacket(buf).sname, '')
    assert.deepEqual(tlvs(buf, 240, buf.length)[0], [53, 1])
    assert.equal(
      tlvs(buf, 240, buf.length).some(([code]) => code === 52),
      false,
    )
  })

  it('moves options that do not fit into file and then sname with option 52 and decodes back', () => {
    const options: Array<[number, Buffer]> = [[53, Buffer.from([5])]]
    for (let code = 100; code < 111; code++) options.push([code, Buffer.alloc(40, code)])
    const pkt = reply(options)
    const buf = encodePacket(pkt)
    assert.ok(buf.length <= 548)
    assert.deepEqual([...buf.subarray(243, 246)], [52, 1, 3])
    assert.ok(tlvs(buf, 108, 236).length > 0)
    assert.ok(tlvs(buf, 44, 108).length > 0)
    assert.deepEqual(decodePacket(buf), {...pkt, chaddr: Buffer.concat([pkt.chaddr, Buffer.alloc(10)])})
  })

  it('uses only file for overflow when sname holds a server name', () => {
    const options: Array<[number, Buffer]> = [[53, Buffer.from([5])]]
    for (let code = 100; code < 109; code++) options.push([code, Buffer.alloc(40, code)])
    const buf = encodePacket(reply(options, {sname: 'tftp.example.test'}))
    assert.deepEqual([...buf.subarray(243, 246)], [52, 1, 1])
    const decoded = decodePacket(buf)
    assert.equal(decoded.sname, 'tftp.example.test')
    assert.equal(decoded.options.size, 10)
  })

  it('splits an option across fields when no field has room for it whole', () => {
    const pkt = reply([
      [53, Buffer.from([5])],
      [43, Buffer.alloc(290, 1)],
      [17, Buffer.alloc(150, 2)],
    ])
    const buf = encodePacket(pkt)
    // 43 (294 bytes as TLVs) leaves 7 bytes of the options field; 17 fits no
    // field whole, so it fills those (5 + header), then file, then sname.
    assert.deepEqual(tlvs(buf, 240, buf.length), [
      [53, 1],
      [52, 1],
      [43, 255],
      [43, 35],
      [17, 5],
    ])
    assert.deepEqual(tlvs(buf, 108, 236), [[17, 125]])
    assert.deepEqual(tlvs(buf, 44, 108), [[17, 20]])
    assert.deepEqual(decodePacket(buf).options.get(17), Buffer.alloc(150, 2))
    assert.deepEqual(decodePacket(buf).options.get(43), Buffer.alloc(290, 1))
  })

  it('throws PacketEncodeError when the options do not fit even with overload', () => {
    const options: Array<[number, Buffer]> = []
    for (let code = 100; code < 120; code++) options.push([code, Buffer.alloc(40)])
    assert.throws(() => encodePacket(reply(options)), PacketEncodeError)
    assert.throws(
      () => encodePacket(reply(options, {file: 'boot.img', sname: 'host'})),
      /do not fit in 548 even with option overload/,
    )
  })

  it('throws PacketEncodeError when an oversized option 53 leaves no room at the start of the options field', () => {
    const pkt = reply([
      [53, Buffer.alloc(400, 5)],
      [43, Buffer.alloc(100)],
    ])
    assert.throws(() => encodePacket(pkt), PacketEncodeError)
  })

  it('throws PacketEncodeError naming the field for out-of-range header values', () => {
    assert.throws(() => encodePacket(reply([], {xid: -1})), /xid -1 is outside 0\.\.4294967295/)
    assert.throws(() => encodePacket(reply([], {hlen: 17})), /hlen 17/)
    assert.throws(() => encodePacket(reply([], {chaddr: Buffer.alloc(17)})), /chaddr is 17 bytes/)
    assert.throws(() => encodePacket(reply([], {sname: 'x'.repeat(65)})), /sname is 65 characters/)
    assert.throws(() => encodePacket(reply([], {file: 'caf\u20ac'})), /file has a character that is not a single byte/)
    assert.throws(() => encodePacket(reply([[256, Buffer.alloc(1)]])), /option code 256 is not a byte/)
  })

  it('writes sname and file as latin1 bytes, a 64-character sname without a NUL', () => {
    const pkt = reply([[53, Buffer.from([5])]], {sname: 's'.repeat(64), file: 'boot\u00e9'})
    const buf = encodePacket(pkt)
    assert.equal(buf.toString('latin1', 44, 108), 's'.repeat(64))
    assert.equal(buf[108 + 4], 0xe9)
    const decoded = decodePacket(buf)
    assert.equal(decoded.sname, pkt.sname)
    assert.equal(decoded.file, pkt.file)
  })

  it('pads a short chaddr with zeros to 16 bytes', () => {
    const buf = encodePacket(reply([], {chaddr: Buffer.from([1, 2, 3])}))
    assert.deepEqual([...buf.subarray(28, 44)], [1, 2, 3, ...new Array(13).fill(0)])
  })
})

describe('encodePacketInto', () => {
  it('writes the same bytes as encodePacket into a reused buffer and clears what the last packet left', () => {
    const out = Buffer.alloc(1472, 0xaa)
    const big = reply([[53, Buffer.from([5])], [43, Buffer.alloc(400, 3)]])
    const small = reply([[53, Buffer.from([6])]], {xid: 99})
    const bigLength = encodePacketInto(big, out, 1500)
    assert.deepEqual(out.subarray(0, bigLength), encodePacket(big, 1500))
    const smallLength = encodePacketInto(small, out, 1500)
    assert.equal(smallLength, 300)
    assert.deepEqual(out.subarray(0, smallLength), encodePacket(small, 1500))
  })

  it('uses option overload exactly like encodePacket', () => {
    const options: Array<[number, Buffer]> = [[53, Buffer.from([5])]]
    for (let code = 100; code < 110; code++) options.push([code, Buffer.alloc(40, code)])
    const out = Buffer.alloc(548, 0xff)
    const length = encodePacketInto(reply(options), out)
    assert.deepEqual(out.subarray(0, length), encodePacket(reply(options)))
  })

  it('refuses a buffer smaller than the largest packet maxSize allows', () => {
    assert.throws(() => encodePacketInto(reply([]), Buffer.alloc(547)), RangeError)
  })
})
