import assert from 'node:assert/strict'
import {type ChildProcess, spawn} from 'node:child_process'
import {mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {execa} from 'execa'

import {canSandbox} from '../helpers/sandbox.js'
import {runCli} from '../helpers/run-cli.js'

const haveKeepalived = (() => {
  try {
    readFileSync('/usr/sbin/keepalived')
    return true
  } catch {
    return false
  }
})()

const ID = process.pid
const BRIDGE = `t-fobr-${ID}`
const MACHINES = {a: {ns: `t-foa-${ID}`, ip: '198.18.7.2', priority: 150}, b: {ns: `t-fob-${ID}`, ip: '198.18.7.3', priority: 100}}
const CLIENT = {ns: `t-foc-${ID}`, ip: '198.18.7.4'}
const VIP = '198.18.7.5'
const CHECK_PORT = 18053

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function sh(command: string): Promise<{exitCode: number; stdout: string}> {
  const result = await execa('bash', ['-c', command], {reject: false, stdin: 'ignore'})
  return {exitCode: result.exitCode ?? 1, stdout: String(result.stdout)}
}

const hasVip = async (ns: string) => (await sh(`ip -n ${ns} -4 -o addr show dev eth0 to ${VIP}/32`)).stdout.includes('eth0:vip')
const clientReachesVip = async () => (await sh(`ip netns exec ${CLIENT.ns} busybox ping -c 1 -W 1 ${VIP}`)).exitCode === 0
const macOf = async (ns: string) => (await sh(`ip -n ${ns} -br link show dev eth0`)).stdout.trim().split(/\s+/)[2]
const clientNeighbour = async () => (await sh(`ip -n ${CLIENT.ns} neigh show ${VIP} dev eth0`)).stdout.split(/\s+/)[2]

async function until(what: () => Promise<boolean>, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs
  while (Date.now() < deadline) {
    if (await what()) return true
    await sleep(50)
  }
  return false
}

// Two machines in network namespaces on one bridge run keepalived with the
// configuration srvctl renders for each (--root); a third one uses the shared
// address. The health check is a TCP port each machine listens on.
describe('srvctl enable failover: keepalived moves the shared address', {skip: canSandbox && haveKeepalived ? false : 'needs root and keepalived'}, () => {
  const scratch = mkdtempSync(join(tmpdir(), 'srvctl-failover-'))
  const daemons: Record<string, ChildProcess> = {}
  const listeners: ChildProcess[] = []

  before(async () => {
    await Promise.all(
      Object.entries(MACHINES).map(async ([name, machine]) => {
        const root = join(scratch, name)
        mkdirSync(join(root, 'etc'), {recursive: true})
        writeFileSync(join(root, 'etc/os-release'), 'ID=debian\n')
        const peer = name === 'a' ? MACHINES.b.ip : MACHINES.a.ip
        const result = await runCli([
          'enable', 'failover', '--vip', `${VIP}/24`, '--interface', 'eth0', '--peer', peer, '--priority', String(machine.priority),
          '--auth-pass', 's3cret', '--check', `tcp:${CHECK_PORT}`, '--root', root,
        ])
        assert.equal(result.exitCode, 0, result.stderr)
      }),
    )
    const setup = [
      `ip netns add ${BRIDGE}`,
      `ip -n ${BRIDGE} link add br0 type bridge`,
      `ip -n ${BRIDGE} link set br0 up`,
      ...[MACHINES.a, MACHINES.b, CLIENT].flatMap((m, i) => [
        `ip netns add ${m.ns}`,
        `ip link add eth0 netns ${m.ns} type veth peer name p${i} netns ${BRIDGE}`,
        `ip -n ${BRIDGE} link set p${i} master br0`,
        `ip -n ${BRIDGE} link set p${i} up`,
        `ip -n ${m.ns} link set lo up`,
        `ip -n ${m.ns} link set eth0 up`,
        `ip -n ${m.ns} addr add ${m.ip}/24 dev eth0`,
      ]),
    ]
    const done = await sh(`set -e\n${setup.join('\n')}`)
    assert.equal(done.exitCode, 0, 'namespaces and bridge are set up')
    for (const [name, machine] of Object.entries(MACHINES)) {
      listeners.push(
        spawn('ip', ['netns', 'exec', machine.ns, process.execPath, '-e', `require('net').createServer((s) => s.destroy()).listen(${CHECK_PORT}, '127.0.0.1')`], {stdio: 'ignore'}),
      )
      const run = join(scratch, `${name}-run`)
      mkdirSync(run)
      const log = openSync(join(run, 'keepalived.log'), 'w')
      daemons[name] = spawn(
        'ip',
        ['netns', 'exec', machine.ns, 'keepalived', '-n', '-l', '-D', '-f', join(scratch, name, 'etc/keepalived/keepalived.conf'), '-p', join(run, 'keepalived.pid'), '-r', join(run, 'vrrp.pid'), '-c', join(run, 'checkers.pid')],
        {stdio: ['ignore', log, log]},
      )
    }
  })

  after(async () => {
    for (const child of [...Object.values(daemons), ...listeners]) child.kill('SIGTERM')
    await sleep(300)
    for (const child of [...Object.values(daemons), ...listeners]) if (child.exitCode === null) child.kill('SIGKILL')
    await sh(`for ns in ${MACHINES.a.ns} ${MACHINES.b.ns} ${CLIENT.ns} ${BRIDGE}; do ip netns del $ns 2>/dev/null; done; true`)
    rmSync(scratch, {recursive: true, force: true})
  })

  it('gives the shared address to the higher priority, and the third machine reaches it there', async () => {
    assert.ok(await until(() => hasVip(MACHINES.a.ns), 15_000), `a took ${VIP}: ${readFileSync(join(scratch, 'a-run/keepalived.log'), 'utf8').slice(-800)}`)
    assert.equal(await hasVip(MACHINES.b.ns), false)
    assert.ok(await until(clientReachesVip, 5000))
    assert.equal(await clientNeighbour(), await macOf(MACHINES.a.ns))
  })

  it('moves the address to the backup when the master stops, announced so the third machine follows', async (t) => {
    const started = Date.now()
    daemons.a.kill('SIGTERM')
    assert.ok(await until(() => hasVip(MACHINES.b.ns), 15_000), `b took ${VIP}: ${readFileSync(join(scratch, 'b-run/keepalived.log'), 'utf8').slice(-800)}`)
    const taken = Date.now() - started
    assert.ok(await until(clientReachesVip, 5000))
    t.diagnostic(`takeover: address on the backup after ${taken} ms, reachable from the third machine after ${Date.now() - started} ms`)
    assert.equal(await hasVip(MACHINES.a.ns), false)
    assert.equal(await clientNeighbour(), await macOf(MACHINES.b.ns))
  })
})
