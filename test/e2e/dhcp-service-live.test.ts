import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {Lab, type Namespace, netnsSupported} from '../helpers/netns.js'
import {repoRoot} from '../helpers/repo-root.js'
import {Sandbox, canSandbox} from '../helpers/sandbox.js'

// The whole admin path on a live (sandboxed) machine without systemd: a scope
// is added, `srvctl enable dhcp` starts srvctl-dhcp directly, and a real
// client on the other end of a veth gets its lease; a scope change reloads
// the running server (SIGHUP) without restarting it.
describe('srvctl enable dhcp on a live system (sandboxed)', {skip: canSandbox && netnsSupported() ? false : 'needs root and ip netns'}, () => {
  let sandbox: Sandbox
  let lab: Lab
  let client: Namespace
  const bin = mkdtempSync(join(tmpdir(), 'srvctl-bin-'))
  const hook = join(bin, 'udhcpc-hook.sh')
  const events = join(bin, 'events')
  const srvctl = (args: string) => sandbox.run(`PATH=${bin}:$PATH srvctl ${args}`)

  before(async () => {
    // `srvctl` on PATH, as `npm link` would put it, for the unit's own start command.
    writeFileSync(join(bin, 'srvctl'), `#!/bin/sh\nexec node ${join(repoRoot, 'bin/run.js')} "$@"\n`)
    chmodSync(join(bin, 'srvctl'), 0o755)
    writeFileSync(hook, `#!/bin/sh\n[ "$1" = bound ] && echo "$ip $router $dns $lease" >> ${events}\nexit 0\n`)
    chmodSync(hook, 0o755)
    sandbox = await Sandbox.create()
    lab = new Lab('dhsvc')
    client = lab.namespace('cli')
    const hostSide = `dsv${process.pid % 100_000}`
    execFileSync('ip', ['link', 'add', hostSide, 'type', 'veth', 'peer', 'name', 'vc', 'netns', client.name])
    execFileSync('ip', ['link', 'set', hostSide, 'netns', String(sandbox.pid)])
    const setup = await sandbox.run(`ip link set ${hostSide} name eth1 && ip addr add 198.18.30.1/24 dev eth1 && ip link set eth1 up`)
    assert.equal(setup.exitCode, 0, setup.stderr)
    client.ip('link', 'set', 'vc', 'up')
  })

  after(async () => {
    await lab?.cleanup()
    await sandbox?.destroy()
    rmSync(bin, {recursive: true, force: true})
  })

  it('adds a scope, starts the server for eth1, and a real client gets address, router and DNS', async () => {
    const scope = await srvctl('dhcp scope add lan --range 198.18.30.100-198.18.30.150 --router 198.18.30.1 --dns 198.18.30.1 --lease-time 1h')
    assert.equal(scope.exitCode, 0, scope.stderr)
    const enable = await srvctl('enable dhcp --interface eth1 --json')
    assert.equal(enable.exitCode, 0, enable.stderr + enable.stdout)
    const report = JSON.parse(enable.stdout).result
    assert.equal(report.postChecks[0].status, 'passed')
    const lease = await client.exec(['udhcpc', '-i', 'vc', '-n', '-q', '-f', '-t', '5', '-T', '1', '-s', hook], {timeoutMs: 30_000})
    assert.equal(lease.code, 0, lease.stderr + lease.stdout + (await sandbox.run('cat /var/log/srvctl-dhcp.log')).stdout)
    const [address, router, dns, seconds] = readFileSync(events, 'utf8').trim().split(' ')
    assert.match(address, /^198\.18\.30\.(1[0-4]\d|150)$/)
    assert.equal(router, '198.18.30.1')
    assert.equal(dns, '198.18.30.1')
    assert.equal(seconds, '3600')
    const leases = JSON.parse((await srvctl('dhcp leases --json')).stdout).result
    assert.deepEqual(leases.map((l: {address: string; state: string}) => [l.address, l.state]), [[address, 'active']])
  })

  it('reloads the running server on a scope change instead of restarting it', async () => {
    const pidBefore = (await sandbox.run(`pgrep -f 'dhcp serve --config'`)).stdout.trim()
    assert.notEqual(pidBefore, '')
    const change = await srvctl('dhcp scope set lan --lease-time 2h --json')
    assert.equal(change.exitCode, 0, change.stderr)
    assert.deepEqual(JSON.parse(change.stdout).result.units.map((u: {action: string}) => u.action), ['reload'])
    assert.equal((await sandbox.run(`pgrep -f 'dhcp serve --config'`)).stdout.trim(), pidBefore)
    writeFileSync(events, '')
    const lease = await client.exec(['udhcpc', '-i', 'vc', '-n', '-q', '-f', '-t', '5', '-T', '1', '-s', hook], {timeoutMs: 30_000})
    assert.equal(lease.code, 0, lease.stderr)
    assert.equal(readFileSync(events, 'utf8').trim().split(' ')[3], '7200')
  })

  it('stops the server with srvctl disable dhcp', async () => {
    const result = await srvctl('disable dhcp')
    assert.equal(result.exitCode, 0, result.stderr)
    assert.equal((await sandbox.run(`pgrep -f 'dhcp serve --config'`)).exitCode, 1)
  })
})
