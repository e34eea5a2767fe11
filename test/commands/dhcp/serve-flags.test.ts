// `srvctl dhcp serve` as a process: input errors end with one line and a
// hint (exit 2) before anything is opened; SIGHUP reloads the configuration
// file (a bad file keeps the old configuration); SIGTERM exits 0.

import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {stringify} from 'yaml'

import {ip4ToString} from '../../../src/dhcp/codec/ip4.js'
import {Lab, type Namespace, netnsSupported, OutputWatcher, waitExit} from '../../helpers/netns.js'
import {repoRoot} from '../../helpers/repo-root.js'
import {eventually, readLeases, RUN_JS, startServe, tempDir} from './serve-fixture.js'

function serveOnce(args: string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    execFile(process.execPath, [RUN_JS, 'dhcp', 'serve', ...args], {timeout: 20_000}, (error, stdout, stderr) => {
      resolve({code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr})
    })
  })
}

function assertUserError(result: {code: number | null; stderr: string}, message: RegExp, hint: RegExp): void {
  assert.equal(result.code, 2, result.stderr)
  const lines = result.stderr.trim().split('\n')
  assert.equal(lines.length, 2, `one error line and one hint line:\n${result.stderr}`)
  assert.match(lines[0], /^Error: /)
  assert.match(lines[0], message)
  assert.match(lines[1], /^Hint: /)
  assert.match(lines[1], hint)
}

describe('srvctl dhcp serve input errors', () => {
  const temp = tempDir('dhcp-flags')
  after(() => temp.remove())

  it('rejects a range outside its subnet with one line and a hint, exit 2', async () => {
    const result = await serveOnce(['--range', '198.18.5.10-198.18.6.20', '--relay-only'])
    assertUserError(result, /range 198\.18\.5\.10-198\.18\.6\.20 of scope "default" \(198\.18\.5\.0\/24\) is outside the subnet/, /--range/)
  })

  it('rejects a bad lease time and an unknown option', async () => {
    assertUserError(await serveOnce(['--range', '198.18.5.10-198.18.5.20', '--lease-time', 'soon']), /leaseTime "soon" is not a duration/, /--lease-time/)
    assertUserError(await serveOnce(['--range', '198.18.5.10-198.18.5.20', '--option', 'ntp-servres 198.18.5.1']), /unknown option "ntp-servres" \(did you mean "ntp-servers"\?\)/, /--option/)
  })

  it('rejects a missing configuration file and names it', async () => {
    const missing = join(temp.path, 'nothing.yaml')
    assertUserError(await serveOnce(['--config', missing]), new RegExp(`${missing.replace(/[.]/g, '\\.')} does not exist`), /srvctl dhcp scope add/)
  })

  it('rejects an invalid configuration file with the path of the bad field', async () => {
    const file = join(temp.path, 'bad.yaml')
    writeFileSync(file, stringify({dhcp: {scopes: [{name: 'a', subnet: '198.18.5.0/24', ranges: ['198.18.5.10-198.18.5.20'], exclusions: ['198.18.5.30-198.18.5.40']}]}}))
    assertUserError(await serveOnce(['--config', file]), /^Error: dhcp\.scopes\[0\]\.exclusions\[0\]: exclusion 198\.18\.5\.30-198\.18\.5\.40 .* is not inside its ranges/, /fix /)
  })

  it('rejects a --listen that is not an address', async () => {
    assertUserError(await serveOnce(['--range', '198.18.5.10-198.18.5.20', '--listen', 'any']), /--listen any is not a unicast IPv4 address/, /--listen/)
  })
})

describe('srvctl dhcp serve signals', {skip: netnsSupported() ? false : 'needs root and ip netns', timeout: 60_000}, () => {
  const lab = new Lab('dsig')
  const temp = tempDir('dhcp-signals')
  const configFile = join(temp.path, 'dhcp4.yaml')
  const leaseFile = join(temp.path, 'dhcp4.leases')
  let ns: Namespace

  const writeConfig = (range: string): void => {
    writeFileSync(configFile, stringify({dhcp: {leaseFile, scopes: [{name: 'relayed', subnet: '198.18.48.0/20', ranges: [range]}]}}))
  }

  before(() => {
    ns = lab.namespace('ns')
    ns.addAddress('lo', '198.18.50.1/32')
    ns.addAddress('lo', '198.18.50.2/32')
  })

  after(async () => {
    await lab.cleanup()
    temp.remove()
  })

  /** One relayed client (first index `first`) through the load generator; resolves with the address it was ACKed. */
  async function leaseOne(first: number): Promise<string> {
    const generator = join(repoRoot, 'dist', 'test', 'commands', 'dhcp', 'serve-load-generator.js')
    const child = ns.spawn([process.execPath, generator, '--bind', '198.18.50.1', '--server', '198.18.50.2', '--port', '67', '--clients', '1', '--first', String(first), '--rate', '10'])
    const output = new OutputWatcher(child)
    await output.waitFor(/^ACK /m)
    child.kill('SIGTERM')
    await waitExit(child, 5000)
    return /^ACK \S+ (\S+)$/m.exec(output.text)![1]
  }

  it('says how soon it was ready, reloads the file on SIGHUP, keeps serving on a bad file, logs counters on SIGUSR1, and exits 0 on SIGTERM with leases kept', async () => {
    writeConfig('198.18.49.10-198.18.49.19')
    const serve = await startServe(['--config', configFile, '--listen', '198.18.50.2'], ns)
    assert.match(serve.output.text, /listening on 198\.18\.50\.2 .*; ready \d+\.\d\d s after start \(leases loaded at \d+\.\d\d s, [1-9]\d* warm-up exchanges\)/)
    const before = await leaseOne(1)
    assert.match(before, /^198\.18\.49\.1\d$/)

    writeConfig('198.18.49.100-198.18.49.109')
    serve.child.kill('SIGHUP')
    await serve.output.waitFor(/configuration reloaded: serving relayed \(198\.18\.48\.0\/20, 10 addresses\)/)
    assert.match(await leaseOne(2), /^198\.18\.49\.10\d$/, 'a new client gets an address of the new range')

    writeFileSync(configFile, 'dhcp: [not, a, map]\n')
    serve.child.kill('SIGHUP')
    await serve.output.waitFor(/reload failed, still serving the previous configuration/)
    assert.match(await leaseOne(3), /^198\.18\.49\.10\d$/)

    serve.child.kill('SIGUSR1')
    await serve.output.waitFor(/stats: \{"received":\{"discover":3,"request":3,/)
    assert.match(serve.output.text, /stats: .*"leaseLog":\{"records":3,"writes":3,"syncs":3,"writesOnMainThread":\d,"slowWrites":\d,"compactions":0\}/, 'the lease log reports its group-commit writes')

    assert.equal(await serve.stop('SIGTERM'), 0)
    assert.match(serve.output.text, /SIGTERM: stopping/)
    assert.match(serve.output.text, /stopped: received \{"discover":3,"request":3/)
    const leases = await readLeases(leaseFile)
    assert.deepEqual(leases.map((lease) => ip4ToString(lease.address)).includes(before), true, 'the first lease survived the reload')
    await eventually('no process left in the namespace', () => (serve.child.exitCode !== null ? true : undefined))
  })
})
