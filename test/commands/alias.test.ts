import assert from 'node:assert/strict'
import {mkdirSync, mkdtempSync, rmSync, readFileSync, writeFileSync} from 'node:fs'
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
  const root = mkdtempSync(join(tmpdir(), 'srvctl-alias-'))
  made.push(root)
  mkdirSync(join(root, 'etc/network/interfaces.d'), {recursive: true})
  writeFileSync(join(root, 'etc/os-release'), 'ID=debian\n')
  writeFileSync(join(root, 'etc/network/interfaces'), 'source /etc/network/interfaces.d/*\n')
  return root
}

const ALIASES = '/etc/network/interfaces.d/srvctl-aliases'

describe('srvctl alias and srvctl enable aliases', {concurrency: true}, () => {
  it('adds labelled aliases under --root, lists them, removes one, and a second apply changes nothing', async () => {
    const root = debianRoot()
    const set = await runCli(['enable', 'aliases', '--interface', 'eth0', '--address', '198.18.0.10/24', '--address', '198.18.0.11/24', '--root', root])
    assert.equal(set.exitCode, 0, set.stderr)
    const add = await runCli(['alias', 'add', '198.18.0.12/24', '--root', root, '--json'])
    assert.equal(add.exitCode, 0, add.stderr)
    assert.deepEqual(JSON.parse(add.stdout).result.files.filter((f: {status: string}) => f.status !== 'unchanged').map((f: {path: string}) => f.path), [ALIASES, '/etc/srvctl/srvctl.yaml'])
    const list = await runCli(['alias', 'list', '--root', root, '--json'])
    assert.deepEqual(JSON.parse(list.stdout).result, [
      {interface: 'eth0', label: 'eth0:1', address: '198.18.0.10/24'},
      {interface: 'eth0', label: 'eth0:2', address: '198.18.0.11/24'},
      {interface: 'eth0', label: 'eth0:3', address: '198.18.0.12/24'},
    ])
    const remove = await runCli(['alias', 'remove', '198.18.0.11', '--root', root])
    assert.equal(remove.exitCode, 0, remove.stderr)
    const text = readFileSync(join(root, ALIASES), 'utf8')
    assert.match(text, /up ip addr replace 198\.18\.0\.10\/24 dev eth0 label eth0:1\n/)
    assert.match(text, /up ip addr replace 198\.18\.0\.12\/24 dev eth0 label eth0:3\n/)
    assert.doesNotMatch(text, /198\.18\.0\.11/)
    const again = await runCli(['apply', '--root', root, '--json'])
    assert.equal(JSON.parse(again.stdout).result.status, 'unchanged')
  })

  it('rejects a bad or duplicate alias with one error line and exit code 2, and writes nothing', async () => {
    const root = debianRoot()
    assert.equal((await runCli(['alias', 'add', '198.18.0.10/24', '--interface', 'eth0', '--root', root])).exitCode, 0)
    const before = snapshotTree(root)
    const cases: [string[], RegExp][] = [
      [['alias', 'add', '198.18.0.10/16', '--root', root], /^Error: 198\.18\.0\.10 is already an alias of eth0 \(eth0:1\)$/m],
      [['alias', 'add', '198.18.0.0/24', '--root', root], /^Error: aliases: '198\.18\.0\.0\/24' is the network address/],
      [['alias', 'remove', '198.18.0.99', '--root', root], /^Error: 198\.18\.0\.99 is not an alias$/m],
    ]
    await Promise.all(
      cases.map(async ([args, expected]) => {
        const result = await runCli(args)
        assert.equal(result.exitCode, 2, result.stderr)
        assert.match(result.stderr, expected)
        assert.equal(result.stderr.trim().split('\n').filter((l) => !l.startsWith('Hint:')).length, 1, result.stderr)
      }),
    )
    assert.deepEqual(snapshotTree(root), before)
  })
})
