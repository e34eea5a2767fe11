import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {profileFor} from '../../../src/lib/distro/profile.js'
import {planServices} from '../../../src/services/services/services-plan.js'

describe('services plan', () => {
  it('enables and disables Debian units with an is-enabled probe and an undo', () => {
    const plan = planServices({on: ['sshd', 'named'], off: ['xinetd']}, profileFor('debian'))
    assert.deepEqual(plan.files, [])
    assert.deepEqual(plan.units, [])
    assert.deepEqual(
      plan.commands.map((c) => [c.argv.join(' '), c.undo?.join(' '), c.unlessOk?.join(' ')]),
      [
        ['systemctl enable ssh.service', 'systemctl disable ssh.service', 'systemctl is-enabled --quiet ssh.service'],
        ['systemctl enable named.service', 'systemctl disable named.service', 'systemctl is-enabled --quiet named.service'],
        ['systemctl disable xinetd.service', 'systemctl enable xinetd.service', 'sh -c ! systemctl is-enabled --quiet "$1" sh xinetd.service'],
      ],
    )
    assert.ok(plan.commands.every((c) => c.runWhen.length === 0))
  })

  it('uses the RHEL unit names', () => {
    const plan = planServices({on: ['sshd', 'httpd', 'mysqld', 'network'], off: []}, profileFor('rhel'))
    assert.deepEqual(plan.commands.map((c) => c.argv[2]), ['sshd.service', 'httpd.service', 'mariadb.service', 'NetworkManager.service'])
    assert.equal(plan.distro, 'rhel')
  })

  it('turns off every DHCP server for --off dhcpd, on both families', () => {
    assert.deepEqual(planServices({on: [], off: ['dhcpd']}, profileFor('debian')).commands.map((c) => c.argv[2]), [
      'isc-dhcp-server.service',
      'kea-dhcp4-server.service',
      'srvctl-dhcp.service',
    ])
    assert.deepEqual(planServices({on: [], off: ['dhcpd']}, profileFor('rhel')).commands.map((c) => c.argv[2]), [
      'dhcpd.service',
      'kea-dhcp4.service',
      'srvctl-dhcp.service',
    ])
  })

  it('warns when sshd is turned off and ignores names of the other family', () => {
    const plan = planServices({on: ['apache2'], off: ['sshd']}, profileFor('rhel'))
    assert.deepEqual(plan.commands.map((c) => c.argv.slice(0, 3).join(' ')), ['systemctl disable sshd.service'])
    assert.ok(plan.notes.some((n) => /remote logins over SSH/.test(n)))
    assert.ok(plan.notes.some((n) => /'apache2' means no service on rhel/.test(n)))
  })
})
