import assert from 'node:assert/strict'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {repoRoot} from '../helpers/repo-root.js'
import {Sandbox, canSandbox} from '../helpers/sandbox.js'

const srvctl = `node ${join(repoRoot, 'bin/run.js')}`
const FLAGS = [
  '--domain example.test',
  '--server-ip 198.18.0.53',
  `--record "www A 198.18.0.80"`,
  `--record "@ MX 10 mail"`,
  `--record "mail A 198.18.0.25"`,
  '--forwarder 198.18.0.1',
  '--allow-recursion 198.18.0.0/15',
].join(' ')

// A real apply (not --root) on a throw-away copy of this machine: srvctl writes
// /etc/bind, starts named through its init script and checks it answers.
describe('srvctl enable dns on a live system (sandboxed)', {skip: canSandbox ? false : 'needs root for namespaces'}, () => {
  let sandbox: Sandbox
  const dig = async (query: string) => (await sandbox.run(`dig +short +time=2 +tries=1 @198.18.0.53 ${query}`)).stdout.trim()

  before(async () => {
    sandbox = await Sandbox.create({addresses: ['198.18.0.53/32']})
  })
  after(async () => {
    await sandbox?.destroy()
  })

  it('installs the zones, starts named and answers A, MX and PTR queries', async () => {
    const result = await sandbox.run(`${srvctl} enable dns ${FLAGS} --json`)
    assert.equal(result.exitCode, 0, result.stderr + result.stdout)
    const report = JSON.parse(result.stdout).result
    assert.equal(report.mode, 'live')
    assert.deepEqual(report.postChecks.map((c: {status: string}) => c.status), ['passed', 'passed'])
    assert.equal(await dig('www.example.test A'), '198.18.0.80')
    assert.equal(await dig('example.test MX'), '10 mail.example.test.')
    assert.equal(await dig('-x 198.18.0.80'), 'www.example.test.')
    assert.equal(await dig('-x 198.18.0.25'), 'mail.example.test.')
  })

  it('changes nothing and restarts nothing on a second apply', async () => {
    const pidBefore = (await sandbox.run('pidof named')).stdout.trim()
    const result = await sandbox.run(`${srvctl} apply --json`)
    assert.equal(result.exitCode, 0, result.stderr)
    const report = JSON.parse(result.stdout).result
    assert.equal(report.changes, 0)
    assert.deepEqual(report.units, [])
    assert.equal((await sandbox.run('pidof named')).stdout.trim(), pidBefore)
  })

  it('leaves the live files and the running named untouched when the checker rejects a change', async () => {
    const files = '/etc/bind/named.conf.options /etc/bind/named.conf.local /etc/bind/zones/* /etc/srvctl/srvctl.yaml'
    const sumBefore = (await sandbox.run(`sha256sum ${files}`)).stdout
    const pidBefore = (await sandbox.run('pidof named')).stdout.trim()
    const result = await sandbox.run(`${srvctl} enable dns --record "bad_host A 198.18.0.9"`)
    assert.equal(result.exitCode, 1)
    assert.match(result.stderr, /^Error: validate: named-checkconf -z rejected/m)
    assert.equal((await sandbox.run(`sha256sum ${files}`)).stdout, sumBefore)
    assert.equal((await sandbox.run('pidof named')).stdout.trim(), pidBefore)
    assert.equal(await dig('www.example.test A'), '198.18.0.80')
  })

  it('applies a change with a restart, then rollback restores the previous answers', async () => {
    const change = await sandbox.run(`${srvctl} enable dns --record "www A 198.18.0.81" --record "mail A 198.18.0.25"`)
    assert.equal(change.exitCode, 0, change.stderr)
    assert.equal(await dig('www.example.test A'), '198.18.0.81')
    const rollback = await sandbox.run(`${srvctl} rollback --json`)
    assert.equal(rollback.exitCode, 0, rollback.stderr)
    assert.deepEqual(JSON.parse(rollback.stdout).result.restarted, ['named'])
    // named was restarted with the restored zone.
    let answer = ''
    for (let i = 0; i < 20 && answer !== '198.18.0.80'; i++) {
      answer = await dig('www.example.test A')
      if (answer !== '198.18.0.80') await new Promise((r) => setTimeout(r, 250))
    }
    assert.equal(answer, '198.18.0.80')
  })

  it('reports the service as configured, enabled at boot and active', async () => {
    const result = await sandbox.run(`${srvctl} status --json`)
    assert.equal(result.exitCode, 0, result.stderr)
    const dns = JSON.parse(result.stdout).result.find((s: {service: string}) => s.service === 'dns')
    assert.equal(dns.configured, true)
    assert.deepEqual(dns.units[0], {name: 'named', enabledAtBoot: true, active: true})
  })
})
