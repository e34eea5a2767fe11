import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {decodePacket} from '../../../src/dhcp/codec/decode-packet.js'
import {
  clientKeyOf,
  hwaddrOf,
  ip4Value,
  messageTypeOf,
  messageTypeValue,
  readIp4Option,
  readStringOption,
  readU16Option,
  readU32Option,
  u16Value,
  u32Value,
} from '../../../src/dhcp/codec/packet-options.js'
import type {DhcpPacket} from '../../../src/dhcp/engine-types.js'
import {readHexFixture} from './hex-fixture.js'

function withOptions(pkt: DhcpPacket, entries: Array<[number, Buffer]>): DhcpPacket {
  return {...pkt, options: new Map(entries)}
}

describe('packet option readers', () => {
  const request = decodePacket(readHexFixture('request-selecting.hex'))

  it('read the options a server needs from a decoded REQUEST', () => {
    assert.equal(messageTypeOf(request), 3)
    assert.equal(readIp4Option(request, 50), 0xc612000a)
    assert.equal(readIp4Option(request, 54), 0xc6120001)
    assert.equal(readStringOption(request, 12), 'ws-01')
    assert.equal(hwaddrOf(request), '02:00:5e:10:00:01')
  })

  it('return undefined for absent options and for wrong lengths', () => {
    const odd = withOptions(request, [
      [53, Buffer.from([3, 3])],
      [50, Buffer.from([1, 2, 3])],
      [51, Buffer.from([1])],
      [57, Buffer.from([1, 2, 3])],
    ])
    assert.equal(messageTypeOf(odd), undefined)
    assert.equal(readIp4Option(odd, 50), undefined)
    assert.equal(readU32Option(odd, 51), undefined)
    assert.equal(readU16Option(odd, 57), undefined)
    assert.equal(readIp4Option(odd, 54), undefined)
    assert.equal(readStringOption(odd, 12), undefined)
  })

  it('read numbers and strip the NULs some clients append to text', () => {
    const pkt = withOptions(request, [
      [51, u32Value(86_400)],
      [57, u16Value(1500)],
      [12, Buffer.from('ws-02\0')],
    ])
    assert.equal(readU32Option(pkt, 51), 86_400)
    assert.equal(readU16Option(pkt, 57), 1500)
    assert.equal(readStringOption(pkt, 12), 'ws-02')
  })

  it('key clients by option 61 when sent, else by hardware address', () => {
    assert.equal(clientKeyOf(request), 'id:0102005e100001')
    assert.equal(clientKeyOf(withOptions(request, [])), 'hw:02:00:5e:10:00:01')
    assert.equal(clientKeyOf(withOptions(request, [[61, Buffer.alloc(0)]])), 'hw:02:00:5e:10:00:01')
  })

  it('build option values for replies', () => {
    assert.deepEqual(ip4Value(0xc6120001), Buffer.from([198, 18, 0, 1]))
    assert.deepEqual(messageTypeValue(5), Buffer.from([5]))
    assert.throws(() => messageTypeValue(9), RangeError)
  })
})
