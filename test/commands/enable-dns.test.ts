import assert from 'node:assert/strict'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {execa} from 'execa'

import {runCli} from '../helpers/run-cli.js'
import {debianBindRoot, rhelBindRoot, snapshotTree} from '../helpers/target-root.js'

const haveBind = existsSync('/usr/bin/named-checkconf') || existsSync('/usr/sbin/named-checkconf')
const DNS_FLAGS = [
  '--domain', 'example.test',
  '--server-ip', '198.18.0.53',
  '--record', 'www A 198.18.0.80',
  '--record', '@ MX 10 mail',
  '--record', 'mail A 198.18.0.25',
  '--forwarder', '192.0.2.53',
  '--allow-recursion', '198.18.0.0/15',
]

describe('srvctl enable dns', {skip: haveBind ? false : 'BIND tools are not installed'}, () => {
  it('writes nothing with --dry-run, and shows the diffs', async () => {
    const root = debianBindRoot()
    const before = snapshotTree(root)
    const result = await runCli(['enable', 'dns', ...DNS_FLAGS, '--root', root, '--dry-run'])
    assert.equal(result.exitCode, 0, result.stderr)
    assert.match(result.stdout, /^Plan: dns on debian \(dry run: nothing written\)/m)
    assert.match(result.stdout, /^\+www\tIN\tA\t198\.18\.0\.80$/m)
    assert.deepEqual(snapshotTree(root), before)
  })

  it('applies under --root, changes nothing the second time, and named-checkconf accepts the tree', async () => {
    const root = debianBindRoot()
    const first = await runCli(['enable', 'dns', ...DNS_FLAGS, '--root', root, '--json'])
    assert.equal(first.exitCode, 0, first.stderr)
    const report = JSON.parse(first.stdout)
    assert.equal(report.status, 'ok')
    assert.equal(report.result.status, 'applied')
    assert.equal(report.result.changes, 5)
    assert.deepEqual(report.result.checks.map((c: {status: string}) => c.status), ['passed', 'passed', 'passed'])

    const again = await runCli(['apply', '--root', root, '--json'])
    assert.equal(again.exitCode, 0, again.stderr)
    assert.equal(JSON.parse(again.stdout).result.changes, 0)
    assert.equal(JSON.parse(again.stdout).result.status, 'unchanged')

    const check = await execa('named-checkconf', ['-t', root, '-z', '/etc/bind/named.conf'], {reject: false})
    assert.equal(check.exitCode, 0, `${check.stdout}${check.stderr}`)
    assert.match(readFileSync(join(root, 'etc/srvctl/srvctl.yaml'), 'utf8'), /domain: example\.test/)
  })

  it('bumps the serial when a record changes and keeps the flags that were not given', async () => {
    const root = debianBindRoot()
    assert.equal((await runCli(['enable', 'dns', ...DNS_FLAGS, '--root', root])).exitCode, 0)
    const zone = join(root, 'etc/bind/zones/db.example.test')
    const serial = (text: string) => Number(/(\d+)\t; serial/.exec(text)?.[1])
    const before = serial(readFileSync(zone, 'utf8'))
    const result = await runCli(['enable', 'dns', '--record', 'www A 198.18.0.81', '--root', root])
    assert.equal(result.exitCode, 0, result.stderr)
    const after = readFileSync(zone, 'utf8')
    assert.equal(serial(after), before + 1)
    assert.match(after, /^www\tIN\tA\t198\.18\.0\.81$/m)
    assert.doesNotMatch(after, /198\.18\.0\.80/)
    assert.match(readFileSync(join(root, 'etc/bind/named.conf.options'), 'utf8'), /forwarders \{ 192\.0\.2\.53; \}/)
  })

  it('renders the RHEL layout that named-checkconf accepts', async () => {
    const root = rhelBindRoot()
    const result = await runCli(['enable', 'dns', ...DNS_FLAGS, '--root', root, '--json'])
    assert.equal(result.exitCode, 0, result.stderr)
    assert.equal(JSON.parse(result.stdout).result.distro, 'rhel')
    assert.ok(existsSync(join(root, 'var/named/srvctl/db.example.test')))
    const check = await execa('named-checkconf', ['-t', root, '-z', '/etc/named.conf'], {reject: false})
    assert.equal(check.exitCode, 0, `${check.stdout}${check.stderr}`)
  })

  it('keeps every live file byte-identical when named-checkconf rejects the result', async () => {
    const root = debianBindRoot()
    assert.equal((await runCli(['enable', 'dns', ...DNS_FLAGS, '--root', root])).exitCode, 0)
    const before = snapshotTree(join(root, 'etc'))
    // '_' passes srvctl's own name check (SRV/TXT owners need it) but not BIND's check-names for hosts.
    const result = await runCli(['enable', 'dns', '--record', 'bad_host A 198.18.0.9', '--root', root])
    assert.equal(result.exitCode, 1)
    assert.match(result.stderr, /^Error: validate: named-checkconf -z rejected the new configuration: .*check-names/m)
    assert.deepEqual(snapshotTree(join(root, 'etc')), before)
  })

  it('rolls back the latest run', async () => {
    const root = debianBindRoot()
    const stock = readFileSync(join(root, 'etc/bind/named.conf.options'), 'utf8')
    assert.equal((await runCli(['enable', 'dns', ...DNS_FLAGS, '--root', root])).exitCode, 0)
    const result = await runCli(['rollback', '--root', root, '--json'])
    assert.equal(result.exitCode, 0, result.stderr)
    assert.ok(JSON.parse(result.stdout).result.restored.includes('/etc/bind/named.conf.options'))
    assert.equal(readFileSync(join(root, 'etc/bind/named.conf.options'), 'utf8'), stock)
    assert.equal(existsSync(join(root, 'etc/bind/zones/db.example.test')), false)
    const history = JSON.parse((await runCli(['history', '--root', root, '--json'])).stdout)
    assert.deepEqual(history.result.map((r: {status: string}) => r.status), ['applied', 'rollback'])
  })
})

describe('srvctl enable dns with bad input', () => {
  const cases: [string, string[], RegExp][] = [
    ['an invalid IP', ['--server-ip', '198.18.0.300'], /^Error: dns\.serverIp: '198\.18\.0\.300' is not an IPv4 address/],
    ['a name with a newline', ['--record', 'www\nx A 198.18.0.80'], /^Error: dns\.records\[0\]: record .* contains a newline/],
    ['a name with a quote', ['--record', 'w"w A 198.18.0.80'], /^Error: dns\.records\[0\]: record 'w"w A 198\.18\.0\.80': name/],
    ['a name with a semicolon', ['--record', 'w;w A 198.18.0.80'], /^Error: dns\.records\[0\]: /],
    ['a name with a brace', ['--record', 'w{w A 198.18.0.80'], /^Error: dns\.records\[0\]: /],
    ['a duplicate record', ['--record', 'www A 198.18.0.80', '--record', 'www A 198.18.0.80'], /duplicates records\[0\]/],
    ['a record outside the zone', ['--record', 'www.example.org. A 198.18.0.80'], /is outside the zones example\.test/],
  ]
  for (const [label, flags, expected] of cases) {
    it(`rejects ${label} with one error line, exit code 2, and writes nothing`, async () => {
      const root = debianBindRoot()
      const before = snapshotTree(root)
      const defaults = flags.includes('--server-ip') ? [] : ['--server-ip', '198.18.0.53']
      const result = await runCli(['enable', 'dns', '--domain', 'example.test', ...defaults, ...flags, '--root', root])
      assert.equal(result.exitCode, 2, result.stderr)
      assert.equal(result.stdout, '')
      const lines = result.stderr.trim().split('\n')
      assert.equal(lines.length, 1, result.stderr)
      assert.match(lines[0], expected)
      assert.deepEqual(snapshotTree(root), before)
    })
  }

  it('reports a user error as the JSON envelope under --json', async () => {
    const root = debianBindRoot()
    const result = await runCli(['enable', 'dns', '--domain', 'example.test', '--server-ip', 'nope', '--root', root, '--json'])
    assert.equal(result.exitCode, 2)
    const body = JSON.parse(result.stdout)
    assert.equal(body.status, 'error')
    assert.equal(body.error.code, 'invalid-input')
    assert.match(body.error.message, /dns\.serverIp/)
  })
})
