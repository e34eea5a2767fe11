import assert from 'node:assert/strict'
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {repoRoot} from '../helpers/repo-root.js'
import {Sandbox, canSandbox} from '../helpers/sandbox.js'

const srvctl = `node ${join(repoRoot, 'bin/run.js')}`
const UNITS = ['/lib/systemd/system/named.service', '/lib/systemd/system/keepalived.service', '/etc/init.d/isc-dhcp-server']
const haveUnits = UNITS.every((f) => existsSync(f))

interface Row {
  service: string
  unit: string
  installed: boolean
  enabled: boolean | null
  running: boolean | null
}

// Real systemctl enable/disable and init scripts on a throw-away copy of this
// machine. No systemd runs here, so this is the offline path: enablement by
// systemctl's unit-file logic, start/stop by the SysV scripts.
describe('srvctl services on a live system (sandboxed)', {skip: !canSandbox ? 'needs root for namespaces' : !haveUnits ? 'bind9, keepalived or isc-dhcp-server is not installed' : false}, () => {
  let sandbox: Sandbox
  const isEnabled = async (unit: string) => (await sandbox.run(`systemctl is-enabled ${unit}.service 2>/dev/null`)).stdout.trim().split('\n').at(-1)
  // Stopped daemons stay zombies under the sandbox's non-reaping PID 1: count live ones only.
  const running = async (name: string) => (await sandbox.run(`ps -C ${name} -o stat= | grep -qv Z`)).exitCode === 0
  const rows = async (): Promise<Row[]> => {
    const result = await sandbox.run(`${srvctl} services --json`)
    assert.equal(result.exitCode, 0, result.stderr)
    return JSON.parse(result.stdout).result
  }

  before(async () => {
    sandbox = await Sandbox.create()
    await sandbox.run(
      [
        'mkdir -p /etc/keepalived',
        'printf "global_defs {\\n  router_id srvctl_test\\n}\\n" > /etc/keepalived/keepalived.conf',
        'systemctl enable named.service keepalived.service',
        'systemctl disable isc-dhcp-server.service',
      ].join(' && '),
    )
  })
  after(async () => {
    await sandbox?.destroy()
  })

  it('reports installed, enabled at boot and running, as the init scripts see them', async () => {
    const before = await rows()
    assert.deepEqual(before.find((r) => r.unit === 'named'), {service: 'named', unit: 'named', summary: 'DNS server (BIND 9)', installed: true, enabled: true, running: false})
    assert.deepEqual(before.find((r) => r.unit === 'isc-dhcp-server')?.enabled, false)
    assert.equal(before.find((r) => r.unit === 'apache2')?.installed, false)
    assert.equal((await sandbox.run('service named start && service keepalived start')).exitCode, 0)
    const after = await rows()
    assert.equal(after.find((r) => r.unit === 'named')?.running, true)
    assert.equal(after.find((r) => r.unit === 'keepalived')?.running, true)
  })

  it('turns keepalived off (disabled and stopped) and isc-dhcp-server on, saying it could not start it', async () => {
    const result = await sandbox.run(`${srvctl} enable services --off keepalived --on isc-dhcp-server.service --json`)
    assert.equal(result.exitCode, 0, result.stderr)
    const envelope = JSON.parse(result.stdout)
    const {apply, runtime} = envelope.result
    assert.deepEqual(apply.commands.map((c: {command: string; done: boolean}) => [c.command, c.done]), [
      ['systemctl enable isc-dhcp-server.service', true],
      ['systemctl disable keepalived.service', true],
    ])
    assert.equal(await isEnabled('keepalived'), 'disabled')
    assert.equal(await isEnabled('isc-dhcp-server'), 'enabled')
    assert.equal(await running('keepalived'), false)
    // dhcpd has no interface to serve in the sandbox and exits.
    assert.deepEqual(runtime.map((r: {unit: string; action: string; status: string}) => [r.unit, r.action, r.status]), [
      ['isc-dhcp-server', 'start', 'failed'],
      ['keepalived', 'stop', 'done'],
    ])
    assert.match(envelope.warnings.join('\n'), /^could not start isc-dhcp-server: /m)
  })

  it('runs no command on a second apply of the same state', async () => {
    const result = await sandbox.run(`${srvctl} apply --json`)
    assert.equal(result.exitCode, 0, result.stderr)
    const report = JSON.parse(result.stdout).result
    assert.deepEqual(report.commands, [])
    assert.equal(report.status, 'unchanged')
  })

  it('on failure undoes only what the run changed: a unit enabled before stays enabled', async () => {
    await sandbox.run('systemctl disable isc-dhcp-server.service; systemctl mask keepalived.service')
    const stateBefore = (await sandbox.run('sha256sum /etc/srvctl/srvctl.yaml')).stdout
    // named: enabled already, so no command and nothing to undo; isc-dhcp-server: enabled by this run;
    // keepalived: masked, so enabling it fails and the run is rolled back.
    const result = await sandbox.run(`${srvctl} enable services --on named,isc-dhcp-server.service,keepalived`)
    assert.equal(result.exitCode, 1, result.stderr)
    assert.match(result.stderr, /^Error: Enable keepalived at boot \(keepalived\): systemctl enable keepalived\.service: [\s\S]*is masked/m)
    assert.equal(await isEnabled('named'), 'enabled')
    assert.equal(await isEnabled('isc-dhcp-server'), 'disabled')
    assert.equal((await sandbox.run('sha256sum /etc/srvctl/srvctl.yaml')).stdout, stateBefore)
    assert.equal(await running('named'), true)
  })
})
