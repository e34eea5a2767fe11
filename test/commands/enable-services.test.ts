import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {parse} from 'yaml'

import {runCli} from '../helpers/run-cli.js'
import {snapshotTree} from '../helpers/target-root.js'
import {unitRoot} from '../services/services/unit-root.js'

const debianUnits = [
  {unit: 'ssh'},
  {unit: 'named', enabled: true},
  {unit: 'xinetd', enabled: true},
  {unit: 'keepalived'},
  {unit: 'kea-dhcp4-server'},
  {unit: 'isc-dhcp-server', sysvOnly: true},
]

function savedServices(root: string): {on: string[]; off: string[]} {
  return parse(readFileSync(join(root, 'etc/srvctl/srvctl.yaml'), 'utf8')).services.services.settings
}

describe('srvctl services', () => {
  it('reports installed and enabled-at-boot from the unit files under --root, running as unknown', async () => {
    const root = unitRoot('debian', debianUnits)
    const result = await runCli(['services', '--root', root, '--json'])
    assert.equal(result.exitCode, 0, result.stderr)
    const rows = JSON.parse(result.stdout).result as {service: string; unit: string; installed: boolean; enabled: boolean | null; running: boolean | null}[]
    const row = (unit: string) => rows.find((r) => r.unit === unit)
    assert.deepEqual(row('named'), {service: 'named', unit: 'named', summary: 'DNS server (BIND 9)', installed: true, enabled: true, running: null})
    assert.equal(row('ssh')?.enabled, false)
    assert.equal(row('apache2')?.installed, false)
    // Both installed DHCP servers get a row; srvctl's own is not installed, so no row.
    assert.deepEqual(rows.filter((r) => r.service === 'dhcpd').map((r) => r.unit), ['isc-dhcp-server', 'kea-dhcp4-server'])
  })

})

describe('srvctl enable services', () => {
  it('saves the lists and lists the systemctl commands under --root', async () => {
    const root = unitRoot('debian', debianUnits)
    const result = await runCli(['enable', 'services', '--on', 'sshd,named', '--off', 'xinetd', '--root', root, '--json'])
    assert.equal(result.exitCode, 0, result.stderr)
    const {apply, on, off, runtime} = JSON.parse(result.stdout).result
    assert.deepEqual(on, [{service: 'sshd', unit: 'ssh'}, {service: 'named', unit: 'named'}])
    assert.deepEqual(off, [{service: 'xinetd', unit: 'xinetd'}])
    assert.deepEqual(apply.commands.map((c: {command: string}) => c.command), [
      'systemctl enable ssh.service',
      'systemctl enable named.service',
      'systemctl disable xinetd.service',
    ])
    assert.deepEqual(runtime, [])
    assert.deepEqual(savedServices(root), {on: ['sshd', 'named'], off: ['xinetd']})
  })

  it('writes nothing with --dry-run', async () => {
    const root = unitRoot('debian', debianUnits)
    const before = snapshotTree(root)
    const result = await runCli(['enable', 'services', '--on', 'sshd', '--root', root, '--dry-run'])
    assert.equal(result.exitCode, 0, result.stderr)
    assert.match(result.stdout, /run: Enable ssh at boot \(sshd\) -> systemctl enable ssh\.service/)
    assert.deepEqual(snapshotTree(root), before)
  })

  const bad: [string, string[], RegExp][] = [
    ['an unknown service', ['--on', 'sshd,nosuch'], /^Error: unknown service 'nosuch' \(known: httpd, imap, named, network, sendmail, sshd, .*keepalived\)$/],
    ['a service that is not installed', ['--on', 'httpd'], /^Error: httpd cannot be turned on: apache2 is not installed$/],
    ['a service with several installed units', ['--on', 'dhcpd'], /^Error: dhcpd: isc-dhcp-server and kea-dhcp4-server are all installed; name the one to turn on$/],
  ]
  for (const [label, flags, expected] of bad) {
    it(`rejects ${label} with one error line, exit code 2, and writes nothing`, async () => {
      const root = unitRoot('debian', debianUnits)
      const before = snapshotTree(root)
      const result = await runCli(['enable', 'services', ...flags, '--root', root])
      assert.equal(result.exitCode, 2, result.stderr)
      assert.equal(result.stdout, '')
      assert.match(result.stderr.split('\n')[0], expected)
      assert.deepEqual(snapshotTree(root), before)
    })
  }
})
