import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {stringify, parse} from 'yaml'

import {DhcpConfigError, parseDhcpConfig} from '../../../src/dhcp/config/parse-config.js'

const scopes = [{name: 'office', subnet: '198.18.10.0/24', ranges: ['198.18.10.50-198.18.10.200']}]

function rejection(input: Record<string, unknown>): string {
  try {
    parseDhcpConfig({scopes, ...input}, 'dhcp')
  } catch (error) {
    assert.ok(error instanceof DhcpConfigError)
    assert.ok(!error.message.includes('\n'), 'the message is one line')
    return error.message
  }
  assert.fail('the configuration was accepted')
}

describe('rateLimit and warningInterval settings', () => {
  it('default to 20 packets per 10 s per client, 2000 per second for new clients, 65 536 tracked clients, warnings every 60 s', () => {
    const config = parseDhcpConfig({scopes})
    assert.deepEqual(config.rateLimit, {perClient: {packets: 20, perSeconds: 10}, newClients: {packets: 2000, perSeconds: 1}, trackedClients: 65_536})
    assert.equal(config.warningInterval, 60)
  })

  it('read {packets, perSeconds} with a duration, the text PACKETS/DURATION, and off or false', () => {
    const config = parseDhcpConfig({scopes, warningInterval: '5m', rateLimit: {perClient: {packets: 4, perSeconds: '1m'}, newClients: '300 / 2s', trackedClients: 1024}})
    assert.deepEqual(config.rateLimit, {perClient: {packets: 4, perSeconds: 60}, newClients: {packets: 300, perSeconds: 2}, trackedClients: 1024})
    assert.equal(config.warningInterval, 300)
    assert.equal(parseDhcpConfig({scopes, rateLimit: {perClient: 'off', newClients: false}}).rateLimit.perClient, false)
    assert.deepEqual(parseDhcpConfig({scopes, rateLimit: false}).rateLimit, {perClient: false, newClients: false, trackedClients: 65_536})
    assert.equal(parseDhcpConfig({scopes, rateLimit: 'off'}).rateLimit.newClients, false)
  })

  it('read back what they normalise to (the file srvctl enable dhcp writes)', () => {
    for (const rateLimit of [undefined, false, {perClient: '3/1m', newClients: 'off'}]) {
      const once = parseDhcpConfig({scopes, rateLimit})
      assert.deepEqual(parseDhcpConfig(parse(stringify(once))), once)
    }
  })

  it('reject bad rates with one line naming the field and the form to write', () => {
    assert.match(rejection({rateLimit: {perClient: 'fast'}}), /^dhcp\.rateLimit\.perClient: .*"fast" must be written PACKETS\/DURATION \(e\.g\. 20\/10s\) or off$/)
    assert.match(rejection({rateLimit: {newClients: 7}}), /^dhcp\.rateLimit\.newClients: .*must be \{packets: N, perSeconds: S\}, a text such as 20\/10s, or off$/)
    assert.match(rejection({rateLimit: {perClient: {packets: 0, perSeconds: 1}}}), /packets must be a whole number from 1/)
    assert.match(rejection({rateLimit: {perClient: {packets: 1.5, perSeconds: 1}}}), /packets must be a whole number from 1/)
    assert.match(rejection({rateLimit: {perClient: '5/0s'}}), /period "0s" must be a duration from 1s to 1d/)
    assert.match(rejection({rateLimit: {perClient: '5/soon'}}), /period "soon" must be a duration/)
    assert.match(rejection({rateLimit: {trackedClients: 3}}), /^dhcp\.rateLimit\.trackedClients: .*at least 16/)
    assert.match(rejection({rateLimit: {perclient: '1/1s'}}), /^dhcp\.rateLimit: Unrecognized key: "perclient"/)
    assert.match(rejection({warningInterval: '0'}), /^dhcp\.warningInterval: warningInterval must be between 1 and 86400 seconds/)
  })
})
