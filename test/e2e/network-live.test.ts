import assert from 'node:assert/strict'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {execa} from 'execa'

import {repoRoot} from '../helpers/repo-root.js'
import {Sandbox, canSandbox} from '../helpers/sandbox.js'

// `hostname` inside the sandbox would rename the host (the sandbox shares its
// UTS namespace): every srvctl run gets a UTS namespace of its own, which the
// detached revert timer inherits.
const srvctl = `unshare --uts node ${join(repoRoot, 'bin/run.js')}`
const PEER = `t-nwp-${process.pid}`
const HOST_END = `t-nwa-${process.pid}`
const PEER_END = `t-nwb-${process.pid}`
const FILES = '/etc/network/interfaces /etc/hosts /etc/hostname /etc/resolv.conf'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function host(command: string): Promise<void> {
  await execa('bash', ['-c', command], {reject: false, stdin: 'ignore'})
}

// A sandboxed copy of this machine whose eth0 is a veth to a peer namespace
// (198.18.9.1); srvctl changes eth0's address for real, the peer pings it.
describe('srvctl enable network on a live interface (sandboxed)', {skip: canSandbox ? false : 'needs root for namespaces'}, () => {
  let sandbox: Sandbox
  const run = (command: string) => sandbox.run(command)
  const addresses = async () => (await run("ip -4 -o addr show dev eth0 | awk '{print $4}'")).stdout.trim().split('\n').filter(Boolean)
  const peerReaches = async (ip: string) => (await execa('ip', ['netns', 'exec', PEER, 'busybox', 'ping', '-c', '1', '-W', '1', ip], {reject: false})).exitCode === 0
  const sums = async () => (await run(`sha256sum ${FILES}`)).stdout

  before(async () => {
    sandbox = await Sandbox.create()
    await host(`ip netns add ${PEER} && ip link add ${HOST_END} type veth peer name ${PEER_END} netns ${PEER} && ip link set ${HOST_END} netns ${sandbox.pid}`)
    await host(`ip -n ${PEER} link set ${PEER_END} up && ip -n ${PEER} addr add 198.18.9.1/24 dev ${PEER_END}`)
    const setup = await run(`ip link set ${HOST_END} name eth0 && ip link set eth0 up && ip addr add 198.18.9.2/24 dev eth0`)
    assert.equal(setup.exitCode, 0, setup.stderr)
  })

  after(async () => {
    await sandbox?.destroy()
    await host(`ip netns del ${PEER}; ip link del ${HOST_END} 2>/dev/null; true`)
  })

  it('rejects an interface that does not exist with exit code 2 and changes nothing', async () => {
    const before = await sums()
    const result = await run(`${srvctl} enable network --interface nosuch0 --address 198.18.9.20/24`)
    assert.equal(result.exitCode, 2, result.stderr)
    assert.match(result.stderr, /^Error: interface nosuch0 does not exist on this machine$/m)
    assert.equal(await sums(), before)
    assert.equal((await run('test -e /run/srvctl/network-pending.json')).exitCode, 1)
  })

  it('applies the new address live, and puts the old address and files back when nobody confirms', async () => {
    const before = await sums()
    const result = await run(
      `${srvctl} enable network --interface eth0 --address 198.18.9.20/24 --gateway 198.18.9.1 --dns 198.18.9.1 --hostname srv1.example.test --confirm-within 3 --json`,
    )
    assert.equal(result.exitCode, 0, result.stderr)
    const report = JSON.parse(result.stdout).result
    assert.equal(report.confirmation.command, 'srvctl network confirm')
    assert.deepEqual(await addresses(), ['198.18.9.20/24'])
    assert.match((await run('ip -4 route show default')).stdout, /default via 198\.18\.9\.1 dev eth0/)
    assert.equal(await peerReaches('198.18.9.20'), true)
    assert.match((await run('cat /etc/network/interfaces.d/eth0')).stdout, /address 198\.18\.9\.20\/24/)

    let reverted = false
    for (let i = 0; i < 100 && !reverted; i++) {
      await sleep(200)
      reverted = (await run('test -e /run/srvctl/network-last-revert.json')).exitCode === 0
    }
    assert.ok(reverted, 'the timer reverted the change')
    const record = JSON.parse((await run('cat /run/srvctl/network-last-revert.json')).stdout)
    assert.equal(record.reason, 'not confirmed in time')
    assert.deepEqual(record.problems, [])
    assert.deepEqual(await addresses(), ['198.18.9.2/24'])
    assert.equal((await run('ip -4 route show default')).stdout.trim(), '')
    assert.equal(await peerReaches('198.18.9.2'), true)
    assert.equal((await run('test -e /etc/network/interfaces.d/eth0')).exitCode, 1)
    assert.equal(await sums(), before)
  })

  it('keeps a confirmed change, stops its timer, and refuses a second confirm with exit code 2', async () => {
    const result = await run(`${srvctl} enable network --interface eth0 --address 198.18.9.21/24 --confirm-within 60`)
    assert.equal(result.exitCode, 0, result.stderr)
    assert.match(result.stdout, /unless you confirm it\.\n.*srvctl network confirm/)
    const timer = JSON.parse((await run('cat /run/srvctl/network-pending.json')).stdout).timer as number
    assert.equal((await run(`kill -0 ${timer}`)).exitCode, 0)

    const confirm = await run(`${srvctl} network confirm`)
    assert.equal(confirm.exitCode, 0, confirm.stderr)
    assert.equal((await run('test -e /run/srvctl/network-pending.json')).exitCode, 1)
    // Gone or a zombie: the sandbox's PID 1 does not reap.
    let stopped = false
    for (let i = 0; i < 50 && !stopped; i++) {
      stopped = (await run(`test ! -e /proc/${timer} || grep -q '^State:.*Z' /proc/${timer}/status`)).exitCode === 0
      if (!stopped) await sleep(100)
    }
    assert.ok(stopped, 'the revert timer is gone')
    assert.deepEqual(await addresses(), ['198.18.9.21/24'])
    assert.equal(await peerReaches('198.18.9.21'), true)

    const again = await run(`${srvctl} network confirm`)
    assert.equal(again.exitCode, 2)
    assert.match(again.stderr, /^Error: no network change is waiting for confirmation$/m)
  })

  it('adds an alias live with its label, announced and reachable from the peer', async () => {
    const result = await run(`${srvctl} alias add 198.18.9.40/24 --interface eth0`)
    assert.equal(result.exitCode, 0, result.stderr)
    assert.match((await run('ip -4 -o addr show dev eth0 label eth0:1')).stdout, /inet 198\.18\.9\.40\/24 .*secondary eth0:1/)
    assert.equal((await run('sysctl -n net.ipv4.conf.all.promote_secondaries')).stdout.trim(), '1')
    assert.equal(await peerReaches('198.18.9.40'), true)
    const list = await run(`${srvctl} alias list --json`)
    assert.deepEqual(JSON.parse(list.stdout).result, [{interface: 'eth0', label: 'eth0:1', address: '198.18.9.40/24', live: 'up'}])
  })

  it('undoes a pending change at once with srvctl network revert, and the alias survives both changes', async () => {
    const result = await run(`${srvctl} enable network --interface eth0 --address 198.18.9.22/24 --confirm-within 60`)
    assert.equal(result.exitCode, 0, result.stderr)
    assert.deepEqual((await addresses()).sort(), ['198.18.9.22/24', '198.18.9.40/24'])
    const revert = await run(`${srvctl} network revert --json`)
    assert.equal(revert.exitCode, 0, revert.stderr)
    assert.equal(JSON.parse(revert.stdout).result.reason, 'asked for')
    assert.deepEqual((await addresses()).sort(), ['198.18.9.21/24', '198.18.9.40/24'])
    assert.match((await run('ip -4 -o addr show dev eth0 to 198.18.9.40/32')).stdout, /eth0:1/)
    assert.match((await run('cat /etc/network/interfaces.d/eth0')).stdout, /address 198\.18\.9\.21\/24/)
  })

  it('removes the alias live and keeps the main address; a second apply then changes and runs nothing', async () => {
    const result = await run(`${srvctl} alias remove 198.18.9.40`)
    assert.equal(result.exitCode, 0, result.stderr)
    assert.deepEqual(await addresses(), ['198.18.9.21/24'])
    const again = await run(`${srvctl} apply --json`)
    assert.equal(again.exitCode, 0, again.stderr)
    const report = JSON.parse(again.stdout).result
    assert.equal(report.changes, 0)
    assert.deepEqual(report.commands, [])
    assert.deepEqual(await addresses(), ['198.18.9.21/24'])
  })
})
