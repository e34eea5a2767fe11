import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {formatOptionValue, parseOptionText} from '../../../src/dhcp/codec/option-text.js'
import {OptionValueError} from '../../../src/dhcp/codec/option-value-error.js'
import {UserError} from '../../../src/lib/errors.js'
import {OPTION_SAMPLES} from './option-samples.js'

function hex(nameOrCode: string | number, text: string): string {
  return parseOptionText(nameOrCode, text).toString('hex')
}

function rejects(nameOrCode: string | number, text: string, message: string): void {
  assert.throws(
    () => parseOptionText(nameOrCode, text),
    (error: unknown) => {
      assert.ok(error instanceof OptionValueError, `threw ${String(error)}`)
      assert.equal(error.message, message)
      return true
    },
  )
}

describe('parseOptionText', () => {
  it('parses the forms admins write', () => {
    assert.equal(hex('router', '192.0.2.1'), 'c0000201')
    assert.equal(hex('domain-name-server', '198.18.0.1,198.18.0.2'), 'c6120001c6120002')
    assert.equal(hex('ntp-servers', '198.18.0.5 198.18.0.6'), 'c6120005c6120006')
    assert.equal(hex('domain-name', 'example.test'), Buffer.from('example.test').toString('hex'))
    assert.equal(hex('mtu', '1400'), '0578')
    assert.equal(hex('subnet-mask', '255.255.255.0'), 'ffffff00')
    assert.equal(hex('time-offset', '-3600'), 'fffff1f0')
    assert.equal(hex('ip-forwarding', 'off'), '00')
    assert.equal(hex('netbios-node-type', 'h-node'), '08')
    assert.equal(hex('dhcp-message-type', 'offer'), '02')
    assert.equal(hex('parameter-request-list', 'router, dns, 15'), '03060f')
    assert.equal(hex('rapid-commit', ''), '')
    assert.equal(hex('policy-filter', '10.0.0.0 255.0.0.0, 192.0.2.0 255.255.255.0'), '0a000000ff000000c0000200ffffff00')
    assert.equal(hex('path-mtu-plateau-table', '576 1500'), '024005dc')
  })

  it('encodes classless static routes with only the significant destination octets (RFC 3442 §2)', () => {
    assert.equal(
      hex('classless-static-routes', '10.0.0.0/8 198.18.0.1, 0.0.0.0/0 198.18.0.1'),
      '080ac6120001' + '00c6120001',
    )
    // The destination descriptors of the RFC's table.
    const descriptors: Array<[string, string]> = [
      ['0.0.0.0/0', '00'],
      ['10.0.0.0/8', '080a'],
      ['10.0.0.0/24', '180a0000'],
      ['10.17.0.0/16', '100a11'],
      ['10.27.129.0/24', '180a1b81'],
      ['10.229.0.128/25', '190ae50080'],
      ['10.198.122.47/32', '200ac67a2f'],
    ]
    for (const [destination, descriptor] of descriptors) {
      assert.equal(hex(121, `${destination} via 198.18.0.1`), `${descriptor}c6120001`, destination)
    }
  })

  it('reads durations with unit suffixes for time options', () => {
    assert.equal(parseOptionText('lease-time', '12h').readUInt32BE(0), 43_200)
    assert.equal(parseOptionText('renewal-time', '1d12h').readUInt32BE(0), 129_600)
    assert.equal(parseOptionText('rebinding-time', '90m').readUInt32BE(0), 5400)
    assert.equal(parseOptionText('ip-address-lease-time', '1w').readUInt32BE(0), 604_800)
  })

  it('takes raw hex for any code, checking the length of known options', () => {
    assert.equal(hex(250, '0x0a0b0c'), '0a0b0c')
    assert.equal(hex('250', 'hex:0a:0b:0c'), '0a0b0c')
    assert.equal(hex('option-250', 'hex:'), '')
    assert.equal(hex('router', 'hex:c6120001'), 'c6120001')
    assert.equal(hex('mtu', '0x05dc'), '05dc')
    rejects('router', 'hex:c612', 'option router: needs at least 4 bytes, not 2')
    rejects('router', '0xc612000102', 'option router: length 5 is not a multiple of 4')
    rejects(250, 'hex:0g', "option option-250: 'hex:0g' is not hex bytes (write hex:0a:0b:0c)")
  })

  it('takes quoted JSON strings for text options', () => {
    assert.equal(parseOptionText('host-name', '"ws 01"').toString(), 'ws 01')
    assert.equal(parseOptionText('message', '"say \\"hi\\""').toString(), 'say "hi"')
    assert.equal(parseOptionText('domain-name', '"0xab"').toString(), '0xab')
  })

  it('reads client identifiers as hex with separators, else as the bytes of the text', () => {
    assert.equal(hex('client-id', '01:02:00:5e:10:00:01'), '0102005e100001')
    assert.equal(hex('client-id', '1-2-3'), '010203')
    assert.equal(hex('client-id', 'my-client'), Buffer.from('my-client').toString('hex'))
    assert.equal(hex('client-id', 'printer7'), Buffer.from('printer7').toString('hex'))
  })

  it('reads relay agent sub-options by name or number with text, hex or address values', () => {
    assert.equal(
      hex('relay-agent-information', 'circuit-id=eth0/1, 2=0x020000000001, link-selection=198.18.1.0'),
      '0106' + Buffer.from('eth0/1').toString('hex') + '0206020000000001' + '0504c6120100',
    )
    assert.equal(hex(82, 'remote-id="a, b"'), '0204' + Buffer.from('a, b').toString('hex'))
  })

  it('reads client FQDN flags and name, in wire format when flag E is set (RFC 4702)', () => {
    assert.equal(hex('client-fqdn', 'flags=0x05 host.example.test.'), '050000' + '04686f7374076578616d706c650474657374' + '00')
    assert.equal(hex('client-fqdn', 'host'), '040000' + '04686f7374')
    assert.equal(hex('client-fqdn', 'flags=0 rcode1=255 rcode2=255 host'), '00ffff' + Buffer.from('host').toString('hex'))
  })

  it('compresses domain search lists like the RFC 3397 example', () => {
    assert.equal(
      hex('domain-search', 'eng.apple.com, marketing.apple.com'),
      '03656e67056170706c6503636f6d00' + '096d61726b6574696e67c004',
    )
  })

  it('explains bad input in one line naming the option', () => {
    rejects('router', '1.2.3', "option router: '1.2.3' is not an IPv4 address")
    rejects('router', '', 'option router: give at least one IPv4 address')
    rejects('subnet-mask', '255.255.255.256', "option subnet-mask: '255.255.255.256' is not an IPv4 address")
    rejects('mtu', '20', 'option interface-mtu: 20 is outside 68-65535')
    rejects('mtu', 'big', "option interface-mtu: 'big' is not a whole number")
    rejects('lease-time', 'soon', "option ip-address-lease-time: 'soon' is not a whole number (durations: 3600, 90m, 12h, 7d)")
    rejects('lease-time', '4294967296', 'option ip-address-lease-time: 4294967296 is outside 0-4294967295')
    rejects('default-ip-ttl', '0', 'option default-ip-ttl: 0 is outside 1-255')
    rejects(
      'dhcp-message-type',
      'offered',
      "option dhcp-message-type: 'offered' is not one of discover, offer, request, decline, ack, nak, release, inform",
    )
    rejects('netbios-node-type', '3', 'option netbios-node-type: 3 is not one of 1, 2, 4, 8')
    rejects('ip-forwarding', 'maybe', "option ip-forwarding: 'maybe' is not true or false")
    rejects('rapid-commit', 'false', "option rapid-commit: has no value; write it without one (not 'false')")
    rejects(
      'classless-static-routes',
      '10.1.0.0/8 198.18.0.1',
      "option classless-static-routes: '10.1.0.0/8' has host bits set (did you mean 10.0.0.0/8?)",
    )
    rejects(
      'classless-static-routes',
      '10.0.0.0 198.18.0.1',
      "option classless-static-routes: '10.0.0.0' needs a prefix length, like 10.0.0.0/8",
    )
    rejects('classless-static-routes', '10.0.0.0/33 198.18.0.1', "option classless-static-routes: '/33' is not a prefix length 0-32")
    rejects('classless-static-routes', '10.0.0.0/8', "option classless-static-routes: '10.0.0.0/8' is not 'destination/prefix router'")
    rejects('static-routes', '10.0.0.0', "option static-routes: '10.0.0.0' is not two addresses separated by a space")
    rejects('domain-search', 'a..b', "option domain-search: 'a..b' has an empty label")
    rejects(
      'domain-search',
      'ex!ample.test',
      "option domain-search: 'ex!ample.test' has a character that is not a letter, digit, '-' or '_'",
    )
    rejects('host-name', '', 'option host-name: needs at least 1 byte, not 0')
    rejects('host-name', '"open', 'option host-name: "open is not a valid quoted string (JSON escapes apply)')
    rejects('vendor-encapsulated-options', 'zz', 'option vendor-encapsulated-options: \'zz\' is not hex bytes (write 0a0b0c, 0a:0b:0c or "text")')
    rejects('relay-agent-information', 'circuit=1', "option relay-agent-information: 'circuit' is not a sub-option (circuit-id, remote-id, docsis-device-class, link-selection, subscriber-id, radius-attributes, authentication, vendor-specific, relay-agent-flags, server-id-override, relay-id, virtual-subnet-selection, virtual-subnet-selection-control or a number)")
    rejects('relay-agent-information', 'eth0', "option relay-agent-information: 'eth0' is not name=value (e.g. circuit-id=eth0/1)")
    rejects('client-fqdn', 'a b', "option client-fqdn: unexpected 'b' (write [flags=N] [rcode1=N] [rcode2=N] name)")
    rejects('pad', '1', 'option pad: carries no value (it is framing)')
    rejects('rooter', '1.2.3.4', "unknown option 'rooter' (did you mean 'router'?)")
    rejects('frobnicate-the-thing', '1', "unknown option 'frobnicate-the-thing'")
    rejects(256, '1', "unknown option '256'")
  })

  it('throws a UserError so a bad config value exits with code 2', () => {
    try {
      parseOptionText('router', 'x')
      assert.fail('expected a throw')
    } catch (error) {
      assert.ok(error instanceof UserError)
      assert.equal(error.exitCode, 2)
      assert.equal(error.code, 'invalid-option-value')
    }
  })
})

describe('formatOptionValue', () => {
  it('reads back, through parseOptionText, to the same bytes for a sample of every option', () => {
    for (const {entry, text} of OPTION_SAMPLES) {
      const bytes = parseOptionText(entry.code, text)
      const formatted = formatOptionValue(entry.code, bytes)
      assert.doesNotMatch(formatted, /\n/)
      assert.deepEqual(parseOptionText(entry.name, formatted), bytes, `${entry.name}: '${text}' formats as '${formatted}'`)
    }
  })

  it('formats values the way admins write them', () => {
    assert.equal(formatOptionValue(53, Buffer.from([2])), 'offer')
    assert.equal(formatOptionValue(3, Buffer.from('c6120001c6120002', 'hex')), '198.18.0.1, 198.18.0.2')
    assert.equal(formatOptionValue(121, Buffer.from('080ac612000100c6120001', 'hex')), '10.0.0.0/8 198.18.0.1, 0.0.0.0/0 198.18.0.1')
    assert.equal(formatOptionValue(61, Buffer.from('0102005e100001', 'hex')), '01:02:00:5e:10:00:01')
    assert.equal(formatOptionValue(250, Buffer.from([10, 11])), '0x0a0b')
    assert.equal(formatOptionValue(51, Buffer.from('00000e10', 'hex')), '3600')
    assert.equal(formatOptionValue(19, Buffer.from([1])), 'true')
    assert.equal(formatOptionValue(80, Buffer.alloc(0)), 'true')
    assert.equal(formatOptionValue(12, Buffer.from('ws-01')), 'ws-01')
    assert.equal(formatOptionValue(81, Buffer.from('050000' + '04686f737400', 'hex')), 'flags=0x05 host.')
    assert.equal(
      formatOptionValue(82, Buffer.from('0106657468302f31' + '0504c6120100' + '0202ffff', 'hex')),
      'circuit-id=eth0/1, link-selection=198.18.1.0, remote-id=0xffff',
    )
  })

  it('quotes text that would not read back bare, and shows bytes that are not UTF-8 as hex', () => {
    assert.equal(formatOptionValue(12, Buffer.from('two words')), 'two words')
    assert.equal(formatOptionValue(12, Buffer.from(' lead')), '" lead"')
    assert.equal(formatOptionValue(12, Buffer.from('line\nbreak')), '"line\\nbreak"')
    assert.equal(formatOptionValue(12, Buffer.from('0xab')), '"0xab"')
    assert.equal(formatOptionValue(12, Buffer.from('host\0')), '"host\\u0000"')
    assert.equal(formatOptionValue(12, Buffer.from([0x66, 0xff])), '0x66ff')
  })

  it('shows bytes that break the option format as hex with the reason instead of throwing', () => {
    assert.equal(formatOptionValue(3, Buffer.from([1, 2, 3, 4, 5])), '0x0102030405 (invalid: length 5 is not a multiple of 4)')
    assert.equal(formatOptionValue(121, Buffer.from([33, 1, 2, 3, 4])), '0x2101020304 (invalid: route prefix length 33 is more than 32)')
    assert.equal(formatOptionValue(19, Buffer.from([2])), '0x02 (invalid: boolean byte is 2, not 0 or 1)')
  })
})
