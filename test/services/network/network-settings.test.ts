import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {networkSettingsSchema} from '../../../src/services/network/network-settings.js'
import {firstIssue} from '../../../src/lib/state/validation-message.js'

function problem(value: unknown): string {
  const result = networkSettingsSchema.safeParse(value)
  assert.equal(result.success, false, 'rejected')
  return firstIssue((result as {error: Parameters<typeof firstIssue>[0]}).error, 'network')
}

const eth0 = {name: 'eth0', address: '192.168.10.2/24'}

describe('network settings', () => {
  it('default to no DNS and the resolv.conf that is a plain file', () => {
    const parsed = networkSettingsSchema.parse({interfaces: [eth0]})
    assert.deepEqual(parsed, {writeResolvConf: true, interfaces: [{...eth0, dhcp: false}], dns: [], search: []})
  })

  it('point at the field that is wrong, in one line', () => {
    assert.equal(problem({interfaces: [{name: 'eth0', address: '192.168.10.2'}]}), "network.interfaces[0].address: '192.168.10.2' must be an IPv4 address with its prefix length, e.g. 192.168.10.2/24")
    assert.equal(problem({interfaces: [eth0], hostname: 'srv 1'}).split('\n').length, 1)
    assert.match(problem({interfaces: [eth0], hostname: 'srv1\nx'}), /^network\.hostname: host name 'srv1\\nx'/)
    assert.match(problem({interfaces: [{name: 'eth0'}]}), /^network\.interfaces\[0\]\.address: eth0 needs an address .* or --dhcp$/)
    assert.match(problem({interfaces: [{name: 'eth0', dhcp: true, address: '192.168.10.2/24'}]}), /either an address or DHCP/)
    assert.match(problem({interfaces: [{...eth0, gateway: '192.168.11.1'}]}), /gateway 192\.168\.11\.1 is outside eth0's network 192\.168\.10\.2\/24/)
    assert.match(problem({interfaces: [{...eth0, gateway: '192.168.10.2'}]}), /is the address of eth0 itself/)
    assert.match(problem({interfaces: []}), /at least one interface/)
    assert.match(problem({interfaces: [eth0, eth0]}), /interface eth0 is listed twice/)
    assert.match(
      problem({interfaces: [{...eth0, gateway: '192.168.10.1'}, {name: 'eth1', address: '10.0.0.2/24', gateway: '10.0.0.1'}]}),
      /only one interface can have the default gateway \(eth0 and eth1/,
    )
    assert.match(problem({interfaces: [eth0], dns: ['1.1.1.1', '1.0.0.1', '9.9.9.9', '8.8.8.8']}), /at most 3 DNS servers/)
    assert.match(problem({interfaces: [eth0], search: ['example.test.']}), /must not end with a dot/)
  })
})
