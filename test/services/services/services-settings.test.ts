import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {mergeToggles, servicesSettingsSchema} from '../../../src/services/services/services-settings.js'
import {firstIssue} from '../../../src/lib/state/validation-message.js'

function problem(value: unknown): string {
  const result = servicesSettingsSchema.safeParse(value)
  assert.equal(result.success, false)
  return firstIssue(result.error!, 'services')
}

describe('services settings', () => {
  it('rejects an unknown name with the list of known services', () => {
    assert.match(problem({on: ['sshd', 'nosuch']}), /^services\.on\[1\]: unknown service 'nosuch' \(known: httpd, imap, named, .*dhcpd.*\)$/)
  })

  it('rejects names with characters no unit has', () => {
    assert.match(problem({off: ['ssh;reboot']}), /^services\.off\[0\]: 'ssh;reboot' is not a service name/)
    assert.match(problem({off: ['-ssh']}), /is not a service name/)
  })

  it('rejects a unit that is both on and off', () => {
    assert.match(problem({on: ['sshd'], off: ['ssh']}), /^services\.off\[0\]: 'ssh' is also turned on \('sshd'\)$/)
    assert.match(problem({on: ['postfix.service'], off: ['sendmail']}), /'sendmail' is also turned on/)
  })

  it('accepts names of either distribution', () => {
    assert.deepEqual(servicesSettingsSchema.parse({on: ['apache2', 'NetworkManager']}), {on: ['apache2', 'NetworkManager'], off: []})
  })
})

describe('mergeToggles', () => {
  it('adds new names and keeps the ones not named', () => {
    assert.deepEqual(mergeToggles({on: ['sshd'], off: ['xinetd']}, ['named'], [], 'debian'), {on: ['sshd', 'named'], off: ['xinetd']})
  })

  it('moves a service between the lists whatever name it was saved under', () => {
    assert.deepEqual(mergeToggles({on: ['sshd', 'named'], off: ['xinetd']}, ['xinetd'], ['ssh'], 'debian'), {on: ['named', 'xinetd'], off: ['ssh']})
  })

  it('does not list a service twice', () => {
    assert.deepEqual(mergeToggles({on: ['sshd'], off: []}, ['sshd'], [], 'debian'), {on: ['sshd'], off: []})
    assert.deepEqual(mergeToggles({on: [], off: ['kea-dhcp4-server.service']}, [], ['dhcpd'], 'debian'), {on: [], off: ['dhcpd']})
  })

  it('keeps the other alternatives off when one is turned on', () => {
    assert.deepEqual(mergeToggles({on: [], off: ['dhcpd']}, ['kea-dhcp4-server.service'], [], 'debian'), {
      on: ['kea-dhcp4-server.service'],
      off: ['isc-dhcp-server.service', 'srvctl-dhcp.service'],
    })
  })

  it('leaves names of the other distribution alone', () => {
    assert.deepEqual(mergeToggles({on: ['NetworkManager'], off: []}, ['sshd'], [], 'debian'), {on: ['NetworkManager', 'sshd'], off: []})
  })
})
