import assert from 'node:assert/strict'
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, describe, it} from 'node:test'

import {execa} from 'execa'

import {profileFor} from '../../../src/lib/distro/profile.js'
import {firstIssue} from '../../../src/lib/state/validation-message.js'
import {planFailover} from '../../../src/services/failover/failover-plan.js'
import {failoverSettingsSchema} from '../../../src/services/failover/failover-settings.js'

const settings = failoverSettingsSchema.parse({
  vip: '192.168.10.5/24',
  interface: 'eth0',
  peers: ['192.168.10.3'],
  priority: 150,
  authPass: 's3cret',
  checks: ['named', 'tcp:53'],
})

describe('failover plan, Debian profile', () => {
  const plan = planFailover(settings, profileFor('debian'))
  const conf = plan.files[0].content

  it('writes one VRRP instance by unicast to the peer, with the shared address labelled eth0:vip', () => {
    assert.equal(plan.files[0].path, '/etc/keepalived/keepalived.conf')
    assert.equal(plan.files[0].mode, 0o600)
    assert.equal(plan.files[0].secret, true)
    assert.match(conf, /vrrp_instance VI_5 \{\n\t# .*\n\tstate BACKUP\n\tinterface eth0\n\tvirtual_router_id 5\n\tpriority 150\n\tadvert_int 1\n\tunicast_peer \{\n\t\t192\.168\.10\.3\n\t\}/)
    assert.match(conf, /authentication \{\n\t\tauth_type PASS\n\t\tauth_pass s3cret\n\t\}/)
    assert.match(conf, /virtual_ipaddress \{\n\t\t192\.168\.10\.5\/24 dev eth0 label eth0:vip\n\t\}/)
  })

  it('turns each --check into a tracked script: pidof for a process, a bash connect for tcp:PORT', () => {
    assert.match(conf, /vrrp_script chk_named \{\n\tscript "\/usr\/bin\/pidof named"/)
    assert.match(conf, /vrrp_script chk_tcp_53 \{\n\tscript "\/bin\/bash -c <\/dev\/tcp\/127\.0\.0\.1\/53"/)
    assert.match(conf, /track_script \{\n\t\tchk_named\n\t\tchk_tcp_53\n\t\}/)
    assert.match(conf, /enable_script_security/)
  })

  it('announces a takeover quickly with gratuitous ARPs', () => {
    assert.match(conf, /vrrp_garp_master_delay 1\n/)
    assert.match(conf, /vrrp_garp_master_refresh 60\n/)
  })

  it('checks the file with keepalived -t, reloads keepalived through its init script and verifies it runs', () => {
    assert.deepEqual(plan.checks[0].argv, ['keepalived', '-t', '-f', '{stage}/etc/keepalived/keepalived.conf'])
    assert.deepEqual(plan.units, [{name: 'keepalived', sysvName: 'keepalived', reload: true, restartOn: ['/etc/keepalived/keepalived.conf']}])
    assert.deepEqual(plan.packages, ['keepalived'])
    assert.deepEqual(plan.postChecks[0], {kind: 'command', description: 'keepalived runs', argv: ['pidof', 'keepalived']})
  })
})

describe('failover plan, RHEL profile', () => {
  it('starts keepalived directly when systemd is not running (RHEL has no SysV script)', () => {
    const plan = planFailover(settings, profileFor('rhel'))
    assert.deepEqual(plan.units[0].directStart, ['/usr/sbin/keepalived', '-D'])
    assert.equal(plan.files[0].content, planFailover(settings, profileFor('debian')).files[0].content)
  })
})

describe('failover settings', () => {
  const problem = (value: Record<string, unknown>) => {
    const result = failoverSettingsSchema.safeParse({vip: '192.168.10.5/24', interface: 'eth0', peers: ['192.168.10.3'], authPass: 'x', ...value})
    assert.equal(result.success, false)
    return firstIssue((result as {error: Parameters<typeof firstIssue>[0]}).error, 'failover')
  }

  it('point at the field that is wrong', () => {
    assert.match(problem({vip: '192.168.10.5'}), /^failover\.vip: .*with its prefix length/)
    assert.match(problem({priority: 255}), /^failover\.priority: priority must be 1 to 254/)
    assert.match(problem({peers: []}), /^failover\.peers: at least one --peer/)
    assert.match(problem({peers: ['192.168.10.5']}), /is the shared address itself/)
    assert.match(problem({authPass: 'much-too-long'}), /^failover\.authPass: the password must be 1 to 8/)
    assert.match(problem({authPass: 'a b'}), /^failover\.authPass: /)
    assert.match(problem({checks: ['named; reboot']}), /^failover\.checks\[0\]: check 'named; reboot' must be a process name/)
    assert.match(problem({checks: ['tcp:70000']}), /port must be 1 to 65535/)
  })

  it('derive the router id from the shared address unless one is given', () => {
    assert.match(planFailover({...settings, vip: '10.1.1.0/16'}, profileFor('debian')).files[0].content, /virtual_router_id 255/)
    assert.match(planFailover({...settings, routerId: 42}, profileFor('debian')).files[0].content, /vrrp_instance VI_42/)
  })
})

const haveKeepalived = existsSync('/usr/sbin/keepalived')

describe('keepalived -t on the rendered file', {skip: haveKeepalived ? false : 'keepalived is not installed'}, () => {
  const stage = mkdtempSync(join(tmpdir(), 'srvctl-keepalived-'))
  after(() => rmSync(stage, {recursive: true, force: true}))
  const check = planFailover(settings, profileFor('debian')).checks[0]
  const runCheck = async (text: string) => {
    mkdirSync(join(stage, 'etc/keepalived'), {recursive: true})
    writeFileSync(join(stage, 'etc/keepalived/keepalived.conf'), text)
    const [file, ...args] = check.argv.map((a) => a.replace('{stage}', stage))
    return execa(file, args, {reject: false, all: true})
  }
  const good = planFailover(settings, profileFor('debian')).files[0].content

  it('accepts the file srvctl renders', async () => {
    const result = await runCheck(good)
    assert.equal(result.exitCode, 0, String(result.all))
  })

  it('rejects a broken file: an unknown keyword, an unbalanced brace', async () => {
    const typo = await runCheck(good.replace('advert_int 1', 'advrt_int 1'))
    assert.notEqual(typo.exitCode, 0)
    assert.match(String(typo.all), /Unknown keyword 'advrt_int'/)
    assert.notEqual((await runCheck(good.replace(/\}\n$/, '\n'))).exitCode, 0)
  })
})
