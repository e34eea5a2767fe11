import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {SERVICE_CATALOG} from '../../../src/services/services/service-catalog.js'
import {findServiceRef, savedName, unitToTurnOn, unitsToTurnOff} from '../../../src/services/services/service-names.js'

describe('service names', () => {
  it('maps the guide names to each distribution\'s units', () => {
    const units = (name: string, distro: 'debian' | 'rhel') => {
      const ref = findServiceRef(name, distro)
      assert.ok(ref, name)
      return unitToTurnOn(ref, distro).unit
    }
    const expected: [string, string, string][] = [
      ['httpd', 'apache2', 'httpd'],
      ['imaps', 'dovecot', 'dovecot'],
      ['pop3', 'dovecot', 'dovecot'],
      ['named', 'named', 'named'],
      ['network', 'networking', 'NetworkManager'],
      ['sendmail', 'postfix', 'sendmail'],
      ['sshd', 'ssh', 'sshd'],
      ['syslog', 'rsyslog', 'rsyslog'],
      ['smb', 'smbd', 'smb'],
      ['mysqld', 'mariadb', 'mariadb'],
      ['radiusd', 'freeradius', 'radiusd'],
      ['dhcpd', 'isc-dhcp-server', 'dhcpd'],
    ]
    for (const [name, debian, rhel] of expected) {
      assert.equal(units(name, 'debian'), debian, name)
      assert.equal(units(name, 'rhel'), rhel, name)
    }
  })

  it('accepts aliases and unit names, case-insensitively for service names', () => {
    assert.equal(findServiceRef('SSH', 'debian')?.entry.name, 'sshd')
    assert.equal(findServiceRef('apache2', 'debian')?.entry.name, 'httpd')
    assert.equal(findServiceRef('apache2.service', 'debian')?.entry.name, 'httpd')
    assert.equal(findServiceRef('NetworkManager', 'rhel')?.entry.name, 'network')
    assert.equal(findServiceRef('nosuch', 'debian'), undefined)
    // A Debian unit name means nothing on RHEL.
    assert.equal(findServiceRef('apache2', 'rhel'), undefined)
  })

  it('reads a service name as the service and NAME.service as the unit', () => {
    const service = findServiceRef('sendmail', 'debian')
    assert.equal(service?.unit, undefined)
    assert.deepEqual(unitsToTurnOff(service!, 'debian').map((u) => u.unit), ['postfix', 'sendmail'])
    const unit = findServiceRef('sendmail.service', 'debian')
    assert.equal(unit?.unit?.unit, 'sendmail')
    assert.equal(findServiceRef('postfix', 'debian')?.unit?.unit, 'postfix')
  })

  it('turns off every alternative of a service but only the unit that was named', () => {
    const dhcpd = findServiceRef('dhcpd', 'debian')!
    assert.deepEqual(unitsToTurnOff(dhcpd, 'debian').map((u) => u.unit), ['isc-dhcp-server', 'kea-dhcp4-server', 'srvctl-dhcp'])
    const kea = findServiceRef('kea-dhcp4-server', 'debian')!
    assert.deepEqual(unitsToTurnOff(kea, 'debian').map((u) => u.unit), ['kea-dhcp4-server'])
  })

  it('saves single-unit services by name and alternatives as UNIT.service', () => {
    const sshd = SERVICE_CATALOG.find((e) => e.name === 'sshd')!
    assert.equal(savedName(sshd, sshd.units.debian[0], 'debian'), 'sshd')
    const mail = SERVICE_CATALOG.find((e) => e.name === 'sendmail')!
    assert.equal(savedName(mail, mail.units.debian[1], 'debian'), 'sendmail.service')
    assert.equal(findServiceRef(savedName(mail, mail.units.debian[1], 'debian'), 'debian')?.unit, mail.units.debian[1])
  })

  it('has unique names and aliases across the catalog', () => {
    const names = SERVICE_CATALOG.flatMap((e) => [e.name, ...e.aliases])
    assert.equal(new Set(names).size, names.length)
  })
})
