import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {decodePacket, MalformedPacketError, type MalformedReason} from '../../../src/dhcp/codec/decode-packet.js'
import {readHexFixture} from './hex-fixture.js'

/** A minimal valid DHCP message: fixed header, cookie, then the given option bytes. */
function message(options: number[], patch: (buf: Buffer) => void = () => {}): Buffer {
  const buf = Buffer.alloc(240 + options.length)
  buf[0] = 1
  buf[1] = 1
  buf[2] = 6
  buf.writeUInt32BE(0x63825363, 236)
  Buffer.from(options).copy(buf, 240)
  patch(buf)
  return buf
}

function rejects(buf: Buffer, reason: MalformedReason): void {
  assert.throws(
    () => decodePacket(buf),
    (error: unknown) => error instanceof MalformedPacketError && error.reason === reason,
  )
}

describe('decodePacket', () => {
  it('rejects a message shorter than the fixed header and cookie as short', () => {
    rejects(Buffer.alloc(0), 'short')
    rejects(message([]).subarray(0, 239), 'short')
  })

  it('rejects an op other than BOOTREQUEST or BOOTREPLY as bad-op', () => {
    rejects(message([255], (buf) => (buf[0] = 3)), 'bad-op')
    rejects(message([255], (buf) => (buf[0] = 0)), 'bad-op')
  })

  it('rejects a hardware address length over 16 as bad-hlen', () => {
    rejects(message([255], (buf) => (buf[2] = 17)), 'bad-hlen')
  })

  it('rejects a BOOTP message without the magic cookie as bad-cookie', () => {
    rejects(message([255], (buf) => buf.writeUInt32BE(0, 236)), 'bad-cookie')
  })

  it('rejects an option whose length runs past the end of the packet as option-overrun', () => {
    rejects(message([53, 1]), 'option-overrun')
    rejects(message([12, 5, 0x61, 0x62]), 'option-overrun')
    // A code byte with no room for its length byte.
    rejects(message([53, 1, 1, 12]), 'option-overrun')
  })

  it('rejects an option in file or sname that runs past the end of its field as option-overrun', () => {
    rejects(
      message([52, 1, 2, 53, 1, 1, 255], (buf) => {
        buf[44 + 62] = 12
        buf[44 + 63] = 2 // would end 2 bytes into the file field
      }),
      'option-overrun',
    )
  })

  it('rejects option overload values other than 1, 2, 3 and repeated overload options as bad-overload', () => {
    rejects(message([52, 1, 0, 255]), 'bad-overload')
    rejects(message([52, 1, 4, 255]), 'bad-overload')
    rejects(message([52, 2, 1, 1, 255]), 'bad-overload')
    rejects(message([52, 1, 1, 52, 1, 2, 255]), 'bad-overload')
  })

  it('gives the reason in the error message and names the error class', () => {
    try {
      decodePacket(Buffer.alloc(10))
      assert.fail('expected a throw')
    } catch (error) {
      assert.ok(error instanceof MalformedPacketError)
      assert.equal(error.name, 'MalformedPacketError')
      assert.equal(error.message, 'malformed DHCP packet: short')
    }
  })

  it('accepts a message whose options run to the end without an end option', () => {
    const pkt = decodePacket(message([53, 1, 1, 12, 2, 0x68, 0x69]))
    assert.deepEqual([...pkt.options.keys()], [53, 12])
  })

  it('skips pad bytes and ignores everything after the end option', () => {
    const pkt = decodePacket(message([0, 0, 53, 1, 3, 0, 255, 12, 200, 1, 2, 3]))
    assert.deepEqual([...pkt.options], [[53, Buffer.from([3])]])
  })

  it('keeps zero-length options as empty values', () => {
    const pkt = decodePacket(message([53, 1, 3, 80, 0, 255]))
    assert.deepEqual(pkt.options.get(80), Buffer.alloc(0))
  })

  it('joins repeated instances of an option in order (RFC 3396) and keeps its first position', () => {
    const pkt = decodePacket(message([12, 2, 0x61, 0x62, 53, 1, 1, 12, 1, 0x63, 12, 0, 12, 2, 0x64, 0x65, 255]))
    assert.deepEqual([...pkt.options.keys()], [12, 53])
    assert.equal(pkt.options.get(12)?.toString(), 'abcde')
  })

  it('joins an option split across the options field, file and sname in that order', () => {
    const buf = message([52, 1, 3, 12, 1, 0x61, 255], (b) => {
      Buffer.from([12, 1, 0x63, 255]).copy(b, 44) // sname
      Buffer.from([0, 12, 1, 0x62, 255]).copy(b, 108) // file
    })
    const pkt = decodePacket(buf)
    assert.equal(pkt.options.get(12)?.toString(), 'abc')
    assert.equal(pkt.sname, '')
    assert.equal(pkt.file, '')
    assert.equal(pkt.options.has(52), false)
  })

  it('reads only the field the overload value names and keeps the other as a string', () => {
    const pkt = decodePacket(
      message([52, 1, 1, 255], (b) => {
        b.write('server-name', 44, 'latin1')
        Buffer.from([15, 4, 0x74, 0x65, 0x73, 0x74, 255]).copy(b, 108)
      }),
    )
    assert.equal(pkt.sname, 'server-name')
    assert.equal(pkt.file, '')
    assert.equal(pkt.options.get(15)?.toString(), 'test')
  })

  it('ignores an option overload found inside file instead of scanning a field twice', () => {
    const pkt = decodePacket(
      message([52, 1, 1, 255], (b) => Buffer.from([52, 1, 3, 12, 1, 0x7a, 255]).copy(b, 108)),
    )
    assert.equal(pkt.options.get(12)?.toString(), 'z')
    assert.equal(pkt.options.has(52), false)
  })

  it('reads sname and file up to the first NUL as latin1, one character per byte', () => {
    const pkt = decodePacket(
      message([255], (b) => {
        b.write('boot\u00e9', 44, 'latin1')
        b.write('pxelinux.0', 108, 'latin1')
        b[108 + 20] = 0x41 // after the NUL: not part of the string
      }),
    )
    assert.equal(pkt.sname, 'boot\u00e9')
    assert.equal(pkt.file, 'pxelinux.0')
  })

  it('reads a sname that fills all 64 bytes without a NUL', () => {
    const pkt = decodePacket(message([255], (b) => b.fill(0x78, 44, 108)))
    assert.equal(pkt.sname, 'x'.repeat(64))
  })

  it('copies the input, so reusing the receive buffer does not change a decoded packet', () => {
    const input = readHexFixture('discover.hex')
    const pkt = decodePacket(input)
    input.fill(0xee)
    assert.equal(pkt.options.get(12)?.toString(), 'ws-01')
    assert.equal(pkt.chaddr.subarray(0, 6).toString('hex'), '02005e100001')
  })

  it('reads header numbers as unsigned', () => {
    const pkt = decodePacket(
      message([255], (b) => {
        b.writeUInt32BE(0xffffffff, 4)
        b.writeUInt16BE(0xffff, 8)
        b.writeUInt32BE(0xfffffffe, 12)
      }),
    )
    assert.equal(pkt.xid, 0xffffffff)
    assert.equal(pkt.secs, 0xffff)
    assert.equal(pkt.ciaddr, 0xfffffffe)
  })

  it('joins a 65 000-byte chain of one-byte repeats of an option into one value', () => {
    const options: number[] = []
    for (let i = 0; i < 21_600; i++) options.push(43, 1, i & 0xff)
    const pkt = decodePacket(message(options))
    assert.equal(pkt.options.get(43)?.length, 21_600)
    assert.equal(pkt.options.get(43)?.[21_599], 21_599 & 0xff)
  })
})
