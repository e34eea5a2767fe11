import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {parse} from 'yaml'

import {UserError} from '../../../src/lib/errors.js'
import {silentProgress} from '../../../src/lib/plan/progress.js'
import {targetFromFlags} from '../../../src/lib/state/state-actions.js'
import {listServices, setServices, splitNames} from '../../../src/services/services/services-actions.js'
import {snapshotTree} from '../../helpers/target-root.js'
import {unitRoot} from './unit-root.js'

const debianUnits = [{unit: 'ssh'}, {unit: 'named', enabled: true}, {unit: 'xinetd', enabled: true}, {unit: 'kea-dhcp4-server'}, {unit: 'isc-dhcp-server', sysvOnly: true}]

function saved(root: string): {on: string[]; off: string[]} {
  return parse(readFileSync(join(root, 'etc/srvctl/srvctl.yaml'), 'utf8')).services.services.settings
}

async function set(root: string, on: string[], off: string[]) {
  return setServices({on, off}, targetFromFlags({root}), silentProgress, 'test')
}

describe('setServices', () => {
  it('merges each request into the saved lists, whatever name a service was saved under', async () => {
    const root = unitRoot('debian', debianUnits)
    await set(root, ['sshd', 'named'], ['xinetd'])
    assert.deepEqual(saved(root), {on: ['sshd', 'named'], off: ['xinetd']})
    await set(root, ['xinetd'], ['ssh'])
    assert.deepEqual(saved(root), {on: ['named', 'xinetd'], off: ['sshd']})
  })

  it('turns one DHCP server on and the other alternatives off in one request', async () => {
    const root = unitRoot('debian', debianUnits)
    const result = await set(root, ['kea-dhcp4-server'], ['dhcpd'])
    assert.deepEqual(saved(root), {on: ['kea-dhcp4-server.service'], off: ['isc-dhcp-server.service', 'srvctl-dhcp.service']})
    assert.deepEqual(result.apply.commands.map((c) => c.command), [
      'systemctl enable kea-dhcp4-server.service',
      'systemctl disable isc-dhcp-server.service',
      'systemctl disable srvctl-dhcp.service',
    ])
  })

  it('picks the installed alternative for a service name', async () => {
    const root = unitRoot('debian', [{unit: 'sendmail'}])
    const result = await set(root, ['mail'], [])
    assert.deepEqual(result.on, [{service: 'sendmail', unit: 'sendmail'}])
    assert.deepEqual(saved(root), {on: ['sendmail.service'], off: []})
  })

  it('uses the RHEL unit names and lists them', async () => {
    const root = unitRoot('rhel', [{unit: 'sshd', enabled: true}, {unit: 'mariadb'}])
    const result = await set(root, ['sshd', 'mysqld'], [])
    // sshd's probe is not run under --root, so both are listed.
    assert.deepEqual(result.apply.commands.map((c) => c.command), ['systemctl enable sshd.service', 'systemctl enable mariadb.service'])
    const rows = await listServices(targetFromFlags({root}))
    assert.deepEqual(rows.find((r) => r.service === 'sshd'), {service: 'sshd', unit: 'sshd', summary: 'OpenSSH server', installed: true, enabled: true, running: null})
    assert.equal(rows.find((r) => r.service === 'network')?.unit, 'NetworkManager')
  })

  const bad: [string, string[], string[], RegExp][] = [
    ['a name with a shell character', [], ['ssh;reboot'], /^unknown service 'ssh;reboot'/],
    ['the same service on and off', ['sshd'], ['ssh'], /^ssh is named in both --on and --off$/],
    ['no service at all', [], [], /^nothing to do/],
  ]
  for (const [label, on, off, expected] of bad) {
    it(`rejects ${label} as a user error and writes nothing`, async () => {
      const root = unitRoot('debian', debianUnits)
      const before = snapshotTree(root)
      await assert.rejects(set(root, on, off), (error: unknown) => error instanceof UserError && error.exitCode === 2 && expected.test(error.message))
      assert.deepEqual(snapshotTree(root), before)
    })
  }

  it('splits comma-separated and repeated flags', () => {
    assert.deepEqual(splitNames(['sshd,named', ' xinetd ', 'a,,b']), ['sshd', 'named', 'xinetd', 'a', 'b'])
  })
})
