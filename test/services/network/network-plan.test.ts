import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {profileFor} from '../../../src/lib/distro/profile.js'
import type {Plan} from '../../../src/lib/plan/plan-types.js'
import {planNetwork} from '../../../src/services/network/network-plan.js'
import {type NetworkSettings, networkSettingsSchema} from '../../../src/services/network/network-settings.js'

const settings = networkSettingsSchema.parse({
  interfaces: [{name: 'eth0', address: '192.168.10.2/24', gateway: '192.168.10.1'}],
  dns: ['192.168.10.1', '192.168.10.3'],
  search: ['example.test'],
  hostname: 'srv1.example.test',
})

function file(plan: Plan, path: string): string {
  const found = plan.files.find((f) => f.path === path)
  assert.ok(found, `plan has ${path}; it has ${plan.files.map((f) => f.path).join(', ')}`)
  return found.finalize ? found.finalize(undefined) : found.content
}

/** Commands as text; the address-removal script by name. */
const commands = (plan: Plan) => plan.commands.map((c) => (c.description.startsWith('Remove the other addresses') ? 'remove-others' : c.argv.join(' ')))

describe('network plan, Debian profile (ifupdown)', () => {
  const plan = planNetwork(settings, profileFor('debian'))

  it('writes the interface into interfaces.d with address, gateway and DNS', () => {
    assert.equal(
      file(plan, '/etc/network/interfaces.d/eth0'),
      [
        '# eth0: managed by srvctl (srvctl enable network); hand edits are detected.',
        'auto eth0',
        'iface eth0 inet static',
        '\taddress 192.168.10.2/24',
        '\tgateway 192.168.10.1',
        '\tdns-nameservers 192.168.10.1 192.168.10.3',
        '\tdns-search example.test',
        '',
      ].join('\n'),
    )
    assert.deepEqual(plan.packages, ['ifupdown', 'iproute2', 'procps'])
  })

  it('merges into the main file and /etc/hosts instead of owning them', () => {
    for (const path of ['/etc/network/interfaces', '/etc/hosts']) {
      const planned = plan.files.find((f) => f.path === path)
      assert.equal(planned?.untracked, true, path)
      assert.ok(planned?.finalize, path)
    }
  })

  it('writes resolv.conf, the short name to /etc/hostname and the full name to /etc/hosts', () => {
    assert.equal(file(plan, '/etc/resolv.conf').split('\n').slice(1).join('\n'), 'search example.test\nnameserver 192.168.10.1\nnameserver 192.168.10.3\n')
    assert.equal(file(plan, '/etc/hostname'), 'srv1\n')
    assert.match(file(plan, '/etc/hosts'), /^192\.168\.10\.2\tsrv1\.example\.test srv1\t# srvctl network$/m)
  })

  it('applies live with ip, in an order that keeps aliases and ends with the route and the host name', () => {
    assert.deepEqual(commands(plan), [
      'sysctl -q -w net.ipv4.conf.all.promote_secondaries=1',
      'ip link set dev eth0 up',
      'ip addr replace 192.168.10.2/24 dev eth0',
      'remove-others',
      'ip route replace default via 192.168.10.1 dev eth0',
      'hostname srv1',
    ])
    const removal = plan.commands[3].argv
    assert.deepEqual(removal.slice(-4), ['sh', 'eth0', 'eth0', '192.168.10.2/24 eth0'])
    assert.deepEqual(plan.commands[2].runWhen, ['/etc/network/interfaces.d/eth0'])
    assert.deepEqual(plan.commands[5].runWhen, ['/etc/hostname'])
  })

  it('checks the stanza with ifup --no-act and verifies the address afterwards', () => {
    assert.deepEqual(plan.checks[0].argv, ['ifup', '--no-act', '--force', '-i', '{stage}/etc/network/interfaces.d/eth0', 'eth0'])
    assert.deepEqual(plan.postChecks.map((c) => c.description), ['eth0 has 192.168.10.2/24'])
  })

  it('leaves resolv.conf alone when resolvconf or systemd-resolved owns it', () => {
    const leave = planNetwork({...settings, writeResolvConf: false}, profileFor('debian'))
    assert.equal(leave.files.some((f) => f.path === '/etc/resolv.conf'), false)
    assert.match(file(leave, '/etc/network/interfaces.d/eth0'), /dns-nameservers 192\.168\.10\.1/)
  })
})

describe('network plan, RHEL profile (NetworkManager)', () => {
  const plan = planNetwork(settings, profileFor('rhel'))
  const keyfile = '/etc/NetworkManager/system-connections/eth0.nmconnection'

  it('writes a root-only keyfile with the address, gateway and DNS', () => {
    const text = file(plan, keyfile)
    assert.equal(plan.files.find((f) => f.path === keyfile)?.mode, 0o600)
    assert.match(text, /^interface-name=eth0$/m)
    assert.match(text, /^\[ipv4\]\nmethod=manual\naddress1=192\.168\.10\.2\/24\ngateway=192\.168\.10\.1\ndns=192\.168\.10\.1;192\.168\.10\.3;\ndns-search=example\.test;$/m)
    assert.deepEqual(plan.packages, ['NetworkManager', 'iproute', 'procps-ng'])
  })

  it('keeps the full name in /etc/hostname, writes no resolv.conf, and reloads NetworkManager profiles', () => {
    assert.equal(file(plan, '/etc/hostname'), 'srv1.example.test\n')
    assert.equal(plan.files.some((f) => f.path === '/etc/resolv.conf'), false)
    assert.ok(plan.commands.some((c) => c.argv.join(' ').includes('nmcli connection reload') && c.runWhen.includes(keyfile)))
    assert.ok(commands(plan).includes('hostname srv1.example.test'))
  })

  it('uses DHCP with the given DNS servers instead of the leased ones', () => {
    const dhcp: NetworkSettings = {...settings, interfaces: [{name: 'eth0', dhcp: true}]}
    const text = file(planNetwork(dhcp, profileFor('rhel')), keyfile)
    assert.match(text, /^method=auto\nignore-auto-dns=true$/m)
    assert.doesNotMatch(text, /address1/)
  })
})

describe('network plan, netplan backend', () => {
  const plan = planNetwork({...settings, backend: 'netplan'}, profileFor('debian'))

  it('writes one root-only YAML file that netplan generate checks', () => {
    const planned = plan.files.find((f) => f.path === '/etc/netplan/60-srvctl.yaml')
    assert.equal(planned?.mode, 0o600)
    assert.match(planned?.content ?? '', /    eth0:\n      dhcp4: false\n      addresses:\n        - 192\.168\.10\.2\/24\n      routes:\n        - to: default\n          via: 192\.168\.10\.1\n      nameservers:\n        addresses: \[192\.168\.10\.1, 192\.168\.10\.3\]\n        search: \[example\.test\]/)
    assert.deepEqual(plan.checks[0].argv, ['netplan', 'generate', '--root-dir', '{stage}'])
  })
})

describe('network plan for DHCP', () => {
  it('brings the interface up without touching its addresses, and says when DHCP takes over', () => {
    const plan = planNetwork(networkSettingsSchema.parse({interfaces: [{name: 'eth1', dhcp: true}]}), profileFor('debian'))
    assert.match(plan.files[0].content, /^iface eth1 inet dhcp$/m)
    assert.deepEqual(commands(plan), ['sysctl -q -w net.ipv4.conf.all.promote_secondaries=1', 'ip link set dev eth1 up'])
    assert.match(plan.notes.join('\n'), /eth1 changes to DHCP when the network is restarted or at boot/)
  })
})
