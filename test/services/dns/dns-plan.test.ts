import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {profileFor} from '../../../src/lib/distro/profile.js'
import {planDns} from '../../../src/services/dns/dns-plan.js'
import {dnsSettingsSchema} from '../../../src/services/dns/dns-settings.js'
import {withSerial} from '../../../src/services/dns/zone-serial.js'

const settings = dnsSettingsSchema.parse({
  domain: 'example.test',
  serverIp: '198.18.0.53',
  records: ['www A 198.18.0.80', '@ MX 10 mail', 'mail A 198.18.0.25', 'ftp CNAME www', 'txt TXT hello world'],
  forwarders: ['192.0.2.53'],
  allowRecursion: ['198.18.0.0/15'],
})

function file(plan: ReturnType<typeof planDns>, path: string): string {
  const found = plan.files.find((f) => f.path === path)
  assert.ok(found, `plan has ${path}; it has ${plan.files.map((f) => f.path).join(', ')}`)
  return found.content
}

describe('DNS plan, Debian profile', () => {
  const plan = planDns(settings, profileFor('debian'))

  it('installs bind9 and restarts named when its files change', () => {
    assert.deepEqual(plan.packages, ['bind9', 'bind9-utils', 'bind9-dnsutils'])
    assert.equal(plan.units[0].name, 'named')
    assert.equal(plan.units[0].sysvName, 'named')
    assert.ok(plan.units[0].restartOn.includes('/etc/bind/zones/db.example.test'))
  })

  it('listens on loopback and the server address, recurses only for the given networks, forwards', () => {
    const options = file(plan, '/etc/bind/named.conf.options')
    assert.match(options, /listen-on port 53 \{ 127\.0\.0\.1; 198\.18\.0\.53; \};/)
    assert.match(options, /recursion yes;/)
    assert.match(options, /allow-recursion \{ 198\.18\.0\.0\/15; localhost; \};/)
    assert.match(options, /forwarders \{ 192\.0\.2\.53; \};/)
    assert.match(options, /allow-transfer \{ none; \};/)
  })

  it('declares the forward and the reverse zone in named.conf.local', () => {
    const local = file(plan, '/etc/bind/named.conf.local')
    assert.match(local, /zone "example\.test" \{\n\ttype primary;\n\tfile "\/etc\/bind\/zones\/db\.example\.test";/)
    assert.match(local, /zone "0\.18\.198\.in-addr\.arpa"/)
  })

  it('writes SOA, NS, the name server A record and every record into the forward zone', () => {
    const zone = file(plan, '/etc/bind/zones/db.example.test')
    assert.match(zone, /@\tIN\tSOA\tns1\.example\.test\. hostmaster\.example\.test\. \(/)
    assert.match(zone, /@\tIN\tNS\tns1\.example\.test\./)
    assert.match(zone, /^ns1\tIN\tA\t198\.18\.0\.53$/m)
    assert.match(zone, /^www\tIN\tA\t198\.18\.0\.80$/m)
    assert.match(zone, /^@\tIN\tMX\t10 mail\.example\.test\.$/m)
    assert.match(zone, /^ftp\tIN\tCNAME\twww\.example\.test\.$/m)
    assert.match(zone, /^txt\tIN\tTXT\t"hello world"$/m)
  })

  it('writes one PTR per address into the reverse zone', () => {
    const reverse = file(plan, '/etc/bind/zones/db.0.18.198.in-addr.arpa')
    assert.match(reverse, /^25\tIN\tPTR\tmail\.example\.test\.$/m)
    assert.match(reverse, /^53\tIN\tPTR\tns1\.example\.test\.$/m)
    assert.match(reverse, /^80\tIN\tPTR\twww\.example\.test\.$/m)
  })

  it('checks the whole configuration with named-checkconf in a chroot of the stage and each zone with named-checkzone', () => {
    assert.deepEqual(plan.checks[0].argv, ['named-checkconf', '-z', '-t', '{stage}', '/etc/bind/named.conf'])
    assert.ok(plan.checks.some((c) => c.argv[0] === 'named-checkzone' && c.argv[2] === 'example.test.'))
  })

  it('verifies with a DNS query after the restart', () => {
    assert.deepEqual(
      plan.postChecks.map((c) => c.kind === 'dns' && `${c.name} ${c.type}`),
      ['example.test SOA', 'ns1.example.test A'],
    )
  })
})

describe('DNS plan, RHEL profile', () => {
  const plan = planDns(settings, profileFor('rhel'))

  it('uses the bind package, /etc/named.conf and zones under /var/named owned by group named', () => {
    assert.deepEqual(plan.packages, ['bind', 'bind-utils'])
    const conf = file(plan, '/etc/named.conf')
    assert.match(conf, /directory "\/var\/named";/)
    assert.match(conf, /include "\/etc\/named\.srvctl\.zones";/)
    assert.match(file(plan, '/etc/named.srvctl.zones'), /file "\/var\/named\/srvctl\/db\.example\.test";/)
    assert.equal(plan.files.find((f) => f.path === '/var/named/srvctl/db.example.test')?.group, 'named')
  })

  it('starts named directly when there is neither systemd nor a SysV script', () => {
    assert.equal(plan.units[0].sysvName, undefined)
    assert.deepEqual(plan.units[0].directStart, ['/usr/sbin/named', '-u', 'named', '-c', '/etc/named.conf'])
  })
})

describe('zone serial', () => {
  const rendered = '@ IN SOA ns1. h. (\n\t\t@@SERIAL@@\t; serial\n)\nwww IN A 1.2.3.4\n'
  const now = new Date('2026-11-28T10:00:00Z')

  it('starts at today followed by 01', () => {
    assert.match(withSerial(rendered, undefined, now), /\t2026112801\t; serial/)
  })

  it('keeps the serial when nothing else changed', () => {
    const first = withSerial(rendered, undefined, now)
    assert.equal(withSerial(rendered, first, now), first)
  })

  it('grows the serial when the zone changes, also twice on one day', () => {
    const first = withSerial(rendered, undefined, now)
    const second = withSerial(rendered.replace('1.2.3.4', '1.2.3.5'), first, now)
    assert.match(second, /\t2026112802\t; serial/)
    const third = withSerial(rendered.replace('1.2.3.4', '1.2.3.6'), second, now)
    assert.match(third, /\t2026112803\t; serial/)
  })
})
