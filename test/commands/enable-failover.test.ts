import assert from 'node:assert/strict'
import {mkdirSync, mkdtempSync, rmSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, describe, it} from 'node:test'

import {runCli} from '../helpers/run-cli.js'
import {snapshotTree} from '../helpers/target-root.js'

/** Every --root tree made here, removed when the file is done. */
const made: string[] = []
after(() => {
  for (const root of made) rmSync(root, {recursive: true, force: true})
})

function debianRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'srvctl-failover-'))
  made.push(root)
  mkdirSync(join(root, 'etc'), {recursive: true})
  writeFileSync(join(root, 'etc/os-release'), 'ID=debian\n')
  return root
}

const COMMON = ['--interface', 'eth0', '--peer', '198.18.7.3', '--priority', '150']
const FLAGS = ['--vip', '198.18.7.5/24', ...COMMON, '--check', 'named']

describe('srvctl enable failover', {concurrency: true}, () => {
  it('keeps the VRRP password out of srvctl.yaml and the file root-only, and changes nothing the second time', async () => {
    const root = debianRoot()
    const result = await runCli(['enable', 'failover', ...FLAGS, '--auth-pass', 's3cret', '--root', root])
    assert.equal(result.exitCode, 0, result.stderr)
    assert.doesNotMatch(result.stdout, /s3cret/)
    assert.doesNotMatch(readFileSync(join(root, 'etc/srvctl/srvctl.yaml'), 'utf8'), /s3cret/)
    assert.match(readFileSync(join(root, 'etc/srvctl/secrets.yaml'), 'utf8'), /authPass: s3cret/)
    assert.equal(statSync(join(root, 'etc/keepalived/keepalived.conf')).mode & 0o777, 0o600)
    const again = await runCli(['apply', '--root', root, '--json'])
    assert.equal(again.exitCode, 0, again.stderr)
    assert.equal(JSON.parse(again.stdout).result.status, 'unchanged')
  })

  it('rejects bad input with one error line and exit code 2, and writes nothing', async () => {
    const cases: [string[], RegExp][] = [
      [[...FLAGS], /^Error: failover\.authPass: the VRRP password is missing: --auth-pass PASS \(the same on both machines\)$/],
      [[...COMMON, '--auth-pass', 's3cret', '--vip', '198.18.7.5'], /^Error: failover\.vip: '198\.18\.7\.5' must be an IPv4 address with its prefix length/],
      [[...FLAGS, '--auth-pass', 's3cret', '--check', 'named; reboot'], /^Error: failover\.checks\[1\]: check 'named; reboot' must be a process name/],
    ]
    await Promise.all(
      cases.map(async ([flags, expected]) => {
        const root = debianRoot()
        const before = snapshotTree(root)
        const result = await runCli(['enable', 'failover', ...flags, '--root', root])
        assert.equal(result.exitCode, 2, result.stderr)
        assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr)
        assert.match(result.stderr, expected)
        assert.deepEqual(snapshotTree(root), before)
      }),
    )
  })
})
