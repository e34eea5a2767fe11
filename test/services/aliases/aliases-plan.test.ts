import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {profileFor} from '../../../src/lib/distro/profile.js'
import type {Plan} from '../../../src/lib/plan/plan-types.js'
import {planAliases} from '../../../src/services/aliases/aliases-plan.js'
import {aliasesSettingsSchema} from '../../../src/services/aliases/alias-settings.js'

const settings = aliasesSettingsSchema.parse({
  interfaces: [
    {name: 'eth0', aliases: [{address: '192.168.10.10/24', label: 'eth0:1'}, {address: '192.168.10.11/24', label: 'eth0:2'}]},
    {name: 'eth1', aliases: []},
  ],
})

const content = (plan: Plan, path: string) => plan.files.find((f) => f.path === path)?.content ?? assert.fail(`no ${path} in ${plan.files.map((f) => f.path).join(', ')}`)

describe('aliases plan, Debian profile (ifupdown)', () => {
  const plan = planAliases(settings, profileFor('debian'))
  const file = '/etc/network/interfaces.d/srvctl-aliases'

  it('writes one alias stanza per address that adds it with its label at boot', () => {
    assert.match(content(plan, file), /auto eth0:1\niface eth0:1 inet manual\n\tup ip addr replace 192\.168\.10\.10\/24 dev eth0 label eth0:1\n\tdown ip addr del 192\.168\.10\.10\/24 dev eth0 \|\| true/)
    assert.match(content(plan, file), /auto eth0:2\n/)
    assert.deepEqual(plan.checks[0].argv, ['ifup', '--no-act', '--force', '-a', '-i', `{stage}${file}`])
  })

  it('sets promote_secondaries at boot and now, so the aliases survive the main address', () => {
    assert.match(content(plan, '/etc/sysctl.d/60-srvctl-aliases.conf'), /^net\.ipv4\.conf\.all\.promote_secondaries = 1$/m)
    assert.deepEqual(plan.commands[0].argv, ['sysctl', '-q', '-w', 'net.ipv4.conf.all.promote_secondaries=1'])
  })

  it('drops unwanted aliases, adds each wanted one (skipped when already there, undone on failure) and announces them', () => {
    const [, removeEth0, add1, add2, announce, removeEth1] = plan.commands
    assert.deepEqual(removeEth0.argv.slice(-4), ['eth0', 'eth0:[0-9]*', '192.168.10.10/24 eth0:1', '192.168.10.11/24 eth0:2'])
    assert.deepEqual(add1.argv, ['ip', 'addr', 'replace', '192.168.10.10/24', 'dev', 'eth0', 'label', 'eth0:1'])
    assert.deepEqual(add1.undo, ['ip', 'addr', 'del', '192.168.10.10/24', 'dev', 'eth0'])
    assert.deepEqual(add1.unlessOk?.slice(-3), ['eth0', '192.168.10.10', 'eth0:1'])
    assert.equal(add2.argv[3], '192.168.10.11/24')
    assert.deepEqual(announce.argv.slice(-3), ['eth0', '192.168.10.10', '192.168.10.11'])
    assert.match(announce.argv[2], /arping -V 2>&1 \| grep -q iputils \|\| exit 0/)
    // eth1 lost its aliases: its labelled addresses all go.
    assert.deepEqual(removeEth1.argv.slice(-2), ['eth1', 'eth1:[0-9]*'])
    assert.equal(plan.commands.length, 6)
  })
})

describe('aliases plan, RHEL profile (NetworkManager)', () => {
  const plan = planAliases(settings, profileFor('rhel'))
  const file = '/etc/NetworkManager/dispatcher.d/60-srvctl-aliases'

  it('writes an executable dispatcher script that labels the aliases when the interface comes up', () => {
    assert.equal(plan.files.find((f) => f.path === file)?.mode, 0o755)
    assert.match(content(plan, file), /\[ "\$2" = up \] \|\| exit 0\ncase "\$1" in\neth0\)\n\tip addr replace 192\.168\.10\.10\/24 dev eth0 label eth0:1\n\tip addr replace 192\.168\.10\.11\/24 dev eth0 label eth0:2\n\t;;/)
    assert.deepEqual(plan.checks[0].argv, ['sh', '-n', `{stage}${file}`])
    assert.deepEqual(plan.packages, ['iproute', 'procps-ng'])
  })
})

describe('aliases plan, netplan backend', () => {
  it('lists the labelled addresses in a later file that netplan adds to the interface', () => {
    const plan = planAliases({...settings, backend: 'netplan'}, profileFor('debian'))
    const text = content(plan, '/etc/netplan/61-srvctl-aliases.yaml')
    assert.match(text, /    eth0:\n      addresses:\n        - "192\.168\.10\.10\/24":\n            label: "eth0:1"\n/)
    assert.doesNotMatch(text, /eth1/)
  })
})
