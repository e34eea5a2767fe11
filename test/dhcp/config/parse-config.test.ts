import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {DhcpConfigError, parseDhcpConfig} from '../../../src/dhcp/config/parse-config.js'
import {DEFAULT_LEASE_FILE} from '../../../src/dhcp/config/schema.js'

const office = {
  name: 'office',
  subnet: '192.168.10.0/24',
  ranges: [{start: '192.168.10.50', end: '192.168.10.200'}],
}

function withScope(overrides: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown {
  return {interfaces: ['eth1'], ...extra, scopes: [{...office, ...overrides}]}
}

function rejection(input: unknown): string {
  try {
    parseDhcpConfig(input, 'dhcp')
  } catch (error) {
    assert.ok(error instanceof DhcpConfigError)
    assert.ok(!error.message.includes('\n'), 'the message is one line')
    return error.message
  }
  assert.fail('the configuration was accepted')
}

describe('parseDhcpConfig', () => {
  it('fills in the defaults: 8 day leases, authoritative, default lease file, 30 s offer hold', () => {
    const config = parseDhcpConfig(withScope({}))
    assert.equal(config.authoritative, true)
    assert.equal(config.leaseFile, DEFAULT_LEASE_FILE)
    assert.equal(config.offerHold, 30)
    assert.equal(config.declineQuarantine, 86_400)
    const [scope] = config.scopes
    assert.equal(scope.leaseTime, 691_200)
    assert.equal(scope.active, true)
    assert.deepEqual(scope.exclusions, [])
    assert.deepEqual(scope.reservations, [])
    assert.deepEqual(scope.options, {})
    assert.equal(scope.description, '')
  })

  it('normalises durations, subnets, range text and MAC spellings', () => {
    const config = parseDhcpConfig(
      withScope(
        {
          subnet: '192.168.10.1',
          ranges: ['192.168.10.50 - 192.168.10.60'],
          leaseTime: '12h',
          reservations: [{hwaddr: '08-00-27-AA-BB-CC', address: '192.168.10.5', hostname: 'printer'}, {clientId: '01:08:00:27:aa:bb:dd', address: '192.168.10.6'}],
          options: {'domain-name-server': ['192.168.10.1', '192.168.10.2'], 'interface-mtu': 1400},
        },
        {offerHold: '1m', declineQuarantine: '3600'},
      ),
    )
    const [scope] = config.scopes
    assert.equal(scope.subnet, '192.168.10.0/24')
    assert.deepEqual(scope.ranges, [{start: '192.168.10.50', end: '192.168.10.60'}])
    assert.equal(scope.leaseTime, 43_200)
    assert.equal(config.offerHold, 60)
    assert.equal(config.declineQuarantine, 3600)
    assert.deepEqual(scope.reservations, [
      {hwaddr: '08:00:27:aa:bb:cc', address: '192.168.10.5', hostname: 'printer'},
      {clientId: '01080027aabbdd', address: '192.168.10.6'},
    ])
    assert.deepEqual(scope.options, {'domain-name-server': '192.168.10.1, 192.168.10.2', 'interface-mtu': '1400'})
  })

  it('keeps an explicit prefix', () => {
    const config = parseDhcpConfig(withScope({subnet: '10.1.0.0/16', ranges: [{start: '10.1.2.0', end: '10.1.3.255'}]}))
    assert.equal(config.scopes[0].subnet, '10.1.0.0/16')
  })

  it('rejects overlapping scopes, naming both', () => {
    const message = rejection({
      scopes: [office, {name: 'lab', subnet: '192.168.0.0/16', ranges: [{start: '192.168.20.1', end: '192.168.20.9'}]}],
    })
    assert.match(message, /^dhcp\.scopes\[1\]\.subnet: scopes "office" \(192\.168\.10\.0\/24\) and "lab" \(192\.168\.0\.0\/16\) overlap/)
  })

  it('rejects a range outside its subnet', () => {
    const message = rejection(withScope({ranges: [{start: '192.168.11.10', end: '192.168.11.20'}]}))
    assert.match(message, /^dhcp\.scopes\[0\]\.ranges\[0\]: range 192\.168\.11\.10-192\.168\.11\.20 of scope "office" .* is outside the subnet; move the range/)
  })

  it('rejects a range that covers the network or broadcast address', () => {
    assert.match(rejection(withScope({ranges: ['192.168.10.0-192.168.10.9']})), /includes the network address 192\.168\.10\.0/)
    assert.match(rejection(withScope({ranges: ['192.168.10.200-192.168.10.255']})), /includes the broadcast address 192\.168\.10\.255/)
  })

  it('rejects a backwards range and overlapping ranges', () => {
    assert.match(rejection(withScope({ranges: ['192.168.10.90-192.168.10.80']})), /ends before it starts/)
    assert.match(rejection(withScope({ranges: ['192.168.10.10-192.168.10.80', '192.168.10.70-192.168.10.90']})), /overlap; merge them/)
  })

  it('rejects an exclusion outside its ranges but accepts one spanning two touching ranges', () => {
    assert.match(rejection(withScope({exclusions: ['192.168.10.10-192.168.10.20']})), /^dhcp\.scopes\[0\]\.exclusions\[0\]: exclusion .* is not inside its ranges/)
    const config = parseDhcpConfig(withScope({ranges: ['192.168.10.10-192.168.10.19', '192.168.10.20-192.168.10.29'], exclusions: ['192.168.10.15-192.168.10.25']}))
    assert.equal(config.scopes[0].exclusions.length, 1)
  })

  it('rejects a reservation outside the subnet', () => {
    const message = rejection(withScope({reservations: [{hwaddr: '08:00:27:00:00:01', address: '192.168.11.5'}]}))
    assert.match(message, /reservations\[0\]\.address: reservation 192\.168\.11\.5 is not a host address of scope "office"/)
  })

  it('rejects duplicate reservation MACs, client ids and addresses', () => {
    assert.match(
      rejection(withScope({reservations: [{hwaddr: '08:00:27:00:00:01', address: '192.168.10.5'}, {hwaddr: '08-00-27-00-00-01', address: '192.168.10.6'}]})),
      /MAC 08:00:27:00:00:01 has two reservations/,
    )
    assert.match(
      rejection(withScope({reservations: [{hwaddr: '08:00:27:00:00:01', address: '192.168.10.5'}, {hwaddr: '08:00:27:00:00:02', address: '192.168.10.5'}]})),
      /address 192\.168\.10\.5 is reserved twice/,
    )
    assert.match(
      rejection(withScope({reservations: [{clientId: '0102', address: '192.168.10.5'}, {clientId: '01:02', address: '192.168.10.6'}]})),
      /client id 0102 has two reservations/,
    )
  })

  it('rejects a reservation with both or neither of hwaddr and clientId, and a malformed MAC', () => {
    assert.match(rejection(withScope({reservations: [{address: '192.168.10.5'}]})), /needs exactly one of hwaddr or clientId/)
    assert.match(rejection(withScope({reservations: [{hwaddr: '08:00:27', address: '192.168.10.5'}]})), /is not a MAC address/)
  })

  it('rejects bad durations and says how to write one', () => {
    assert.match(rejection(withScope({leaseTime: '8x'})), /^dhcp\.scopes\[0\]\.leaseTime: leaseTime "8x" is not a duration: .*8d, 12h, 30m, 3600/)
    assert.match(rejection(withScope({leaseTime: '5s'})), /leaseTime must be between 10 and/)
    assert.match(rejection(withScope({}, {offerHold: 'soon'})), /^dhcp\.offerHold: offerHold "soon" is not a duration/)
  })

  it('rejects duplicate scope names, unknown fields and a scope bound to an unlisted interface', () => {
    assert.match(rejection({scopes: [office, {...office, subnet: '192.168.20.0/24', ranges: ['192.168.20.5-192.168.20.9']}]}), /two scopes are named "office"/)
    assert.match(rejection(withScope({rnages: []})), /^dhcp\.scopes\[0\]: .*rnages/)
    assert.match(rejection(withScope({interface: 'eth9'})), /bound to interface eth9, which is not in interfaces \(eth1\)/)
  })

  it('rejects unknown options, bad option values and options the server sets itself', () => {
    assert.match(rejection(withScope({options: {rooter: '192.168.10.1'}})), /^dhcp\.scopes\[0\]\.options\.rooter: unknown option "rooter" \(did you mean "router"\?\) in scope "office"/)
    assert.match(rejection(withScope({options: {router: '192.168.10'}})), /options\.router: option router: '192\.168\.10' is not an IPv4 address in scope "office"/)
    assert.match(rejection(withScope({options: {'lease-time': '1h'}})), /option ip-address-lease-time cannot be configured: use the scope's leaseTime/)
    assert.match(rejection(withScope({options: {54: '192.168.10.1'}})), /option server-identifier cannot be configured/)
  })

  it('accepts options by name, alias or code', () => {
    const config = parseDhcpConfig(withScope({options: {routers: '192.168.10.1', 42: '192.168.10.1', 'option-252': '"http://wpad/wpad.dat"'}}))
    assert.equal(Object.keys(config.scopes[0].options).length, 3)
  })

  it('rejects malformed subnets and addresses', () => {
    assert.match(rejection(withScope({subnet: '192.168.10.0/33'})), /subnet "192\.168\.10\.0\/33" must be written like/)
    assert.match(rejection(withScope({ranges: [{start: '192.168.10.300', end: '192.168.10.9'}]})), /is not an IPv4 address/)
  })
})
