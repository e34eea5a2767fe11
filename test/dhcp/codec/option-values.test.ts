import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {OptionValueError} from '../../../src/dhcp/codec/option-value-error.js'
import {decodeOptionValue, encodeOptionValue, type OptionValue} from '../../../src/dhcp/codec/option-values.js'

function roundTrip(nameOrCode: string | number, value: OptionValue, expectedHex: string): void {
  const bytes = encodeOptionValue(nameOrCode, value)
  assert.equal(bytes.toString('hex'), expectedHex, `encode ${nameOrCode}`)
  assert.deepEqual(decodeOptionValue(nameOrCode, bytes), value, `decode ${nameOrCode}`)
}

function decodeRejects(code: number, hex: string, message: RegExp): void {
  assert.throws(() => decodeOptionValue(code, Buffer.from(hex, 'hex')), (error: unknown) => {
    assert.ok(error instanceof OptionValueError, String(error))
    assert.match(error.message, message)
    return true
  })
}

describe('encodeOptionValue and decodeOptionValue', () => {
  it('round-trip a typed value of every option type', () => {
    roundTrip('rapid-commit', true, '')
    roundTrip('subnet-mask', '255.255.255.0', 'ffffff00')
    roundTrip('router', ['198.18.0.1', '198.18.0.2'], 'c6120001c6120002')
    roundTrip('static-routes', [['198.19.0.0', '198.18.0.1']], 'c6130000c6120001')
    roundTrip('default-ip-ttl', 64, '40')
    roundTrip('interface-mtu', 1400, '0578')
    roundTrip('ip-address-lease-time', 4_294_967_295, 'ffffffff')
    roundTrip('time-offset', -1, 'ffffffff')
    roundTrip('ip-forwarding', false, '00')
    roundTrip('domain-name', 'example.test', Buffer.from('example.test').toString('hex'))
    roundTrip('vendor-encapsulated-options', Buffer.from([1, 2]), '0102')
    roundTrip('parameter-request-list', [1, 3, 6], '010306')
    roundTrip('path-mtu-plateau-table', [576, 1500], '024005dc')
    roundTrip('client-system-architecture', [7], '0007')
    roundTrip('classless-static-routes', [{destination: '10.229.0.128/25', router: '198.18.0.3'}], '190ae50080c6120003')
    roundTrip('domain-search', ['eng.example.test', 'labs.example.test'], '03656e67076578616d706c650474657374000' + '46c616273c004')
    roundTrip('client-identifier', Buffer.from('0102005e100001', 'hex'), '0102005e100001')
    roundTrip('relay-agent-information', [{code: 1, data: Buffer.from('ab')}, {code: 2, data: Buffer.alloc(0)}], '010261620200')
    roundTrip('client-fqdn', {flags: 5, rcode1: 0, rcode2: 0, name: 'ws.example.test.'}, '050000' + '027773076578616d706c65047465737400')
    roundTrip('client-fqdn', {flags: 0, rcode1: 255, rcode2: 255, name: 'ws'}, '00ffff7773')
    roundTrip('netbios-node-type', 8, '08')
  })

  it('accepts addresses as Ip4 numbers and enumerated values by name', () => {
    assert.equal(encodeOptionValue('router', [0xc6120001]).toString('hex'), 'c6120001')
    assert.equal(encodeOptionValue('server-identifier', 0xc6120001).toString('hex'), 'c6120001')
    assert.equal(encodeOptionValue('dhcp-message-type', 'ack').toString('hex'), '05')
    assert.equal(encodeOptionValue('parameter-request-list', ['router', 'domain-search']).toString('hex'), '0377')
  })

  it('keeps codes missing from the table as raw bytes both ways', () => {
    const bytes = encodeOptionValue(250, Buffer.from([1, 2, 3]))
    assert.deepEqual(bytes, Buffer.from([1, 2, 3]))
    assert.deepEqual(decodeOptionValue(250, Buffer.alloc(0)), Buffer.alloc(0))
    assert.deepEqual(decodeOptionValue('option-250', bytes), Buffer.from([1, 2, 3]))
  })

  it('takes a Buffer as the raw value of a known option, length-checked', () => {
    assert.deepEqual(encodeOptionValue('router', Buffer.from('c6120001', 'hex')), Buffer.from('c6120001', 'hex'))
    assert.throws(() => encodeOptionValue('router', Buffer.from('c612', 'hex')), /option router: needs at least 4 bytes, not 2/)
  })

  it('returns copies, not views of the packet bytes', () => {
    const data = Buffer.from('0102005e100001', 'hex')
    const value = decodeOptionValue(61, data)
    data.fill(0)
    assert.deepEqual(value, Buffer.from('0102005e100001', 'hex'))
  })

  it('drops the trailing NULs some clients put after text', () => {
    assert.equal(decodeOptionValue('host-name', Buffer.from('ws-01\0\0')), 'ws-01')
  })

  it('rejects values of the wrong JavaScript type with a message naming the option', () => {
    assert.throws(() => encodeOptionValue('router', '198.18.0.1'), /option router: expected a list of IPv4 addresses/)
    assert.throws(() => encodeOptionValue('ip-forwarding', 1), /option ip-forwarding: expected true or false/)
    assert.throws(() => encodeOptionValue('domain-name', 5), /option domain-name: expected text/)
    assert.throws(() => encodeOptionValue('client-identifier', 'abc'), /option client-identifier: expected bytes/)
    assert.throws(() => encodeOptionValue('interface-mtu', 1400.5), /option interface-mtu: 1400.5 is not a whole number/)
    assert.throws(() => encodeOptionValue('rapid-commit', false), /option rapid-commit: has no value; give true/)
    assert.throws(() => encodeOptionValue('static-routes', [['198.18.0.1']] as unknown as OptionValue), /expected pairs of two addresses/)
    assert.throws(() => encodeOptionValue('relay-agent-information', [{code: 1, data: Buffer.alloc(256)}]), /at most 255 fit/)
    assert.throws(() => encodeOptionValue('end', Buffer.alloc(0)), /option end: carries no value/)
  })

  it('rejects bytes that break the option format', () => {
    decodeRejects(1, 'ffffff', /option subnet-mask: must be exactly 4 bytes, not 3/)
    decodeRejects(3, 'c612000101', /length 5 is not a multiple of 4/)
    decodeRejects(19, '02', /boolean byte is 2/)
    decodeRejects(121, '21c6120001', /route prefix length 33 is more than 32/)
    decodeRejects(121, '00c612000118c613', /a route runs past the end/)
    decodeRejects(121, '190a000081c6120001', /route 10.0.0.129\/25 has host bits set/)
    decodeRejects(82, '0105ab', /a sub-option runs past the end/)
    decodeRejects(119, '03616263', /a name runs past the end/)
    decodeRejects(119, 'c000', /does not point backwards/)
    decodeRejects(81, '04000003616263c000', /compression pointers are not allowed here/)
    decodeRejects(80, '00', /option rapid-commit: must be exactly 0 bytes, not 1/)
  })
})
