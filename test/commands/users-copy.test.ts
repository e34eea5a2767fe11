import assert from 'node:assert/strict'
import {chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {before, describe, it} from 'node:test'

import {execa} from 'execa'

import {fixturePath} from '../helpers/repo-root.js'
import {runCli} from '../helpers/run-cli.js'
import {snapshotTree} from '../helpers/target-root.js'
import {accountRoot, fixtureTexts, lineOf} from '../services/users/account-fixtures.js'

const MAIN = fixturePath('users', 'main-debian')
const aliceHash = lineOf(fixtureTexts('main-debian').shadow, 'alice')?.split(':')[1] as string

// A stand-in for ssh: records its arguments and serves /etc/FILE from $FAKE_SSH_DIR.
const FAKE_SSH = `#!/bin/sh
echo "$*" >> "$FAKE_SSH_LOG"
while [ $# -gt 0 ]; do case "$1" in -o) shift 2;; --) shift; break;; -*) shift;; *) break;; esac; done
case "$1" in *unreachable*) echo "ssh: Could not resolve hostname unreachable.example.test: Name or service not known" >&2; exit 255;; esac
[ "$2" = cat ] || { echo "fake ssh: unexpected command $*" >&2; exit 127; }
file="$FAKE_SSH_DIR/$(basename "$3")"
[ -e "$file" ] || { echo "cat: $3: No such file or directory" >&2; exit 1; }
exec cat "$file"
`

function modeOf(path: string): string {
  const st = statSync(path)
  return `${(st.mode & 0o7777).toString(8).padStart(4, '0')} ${st.uid}:${st.gid}`
}

describe('srvctl users copy', () => {
  let fakeEnv: Record<string, string>
  before(() => {
    const bin = mkdtempSync(join(tmpdir(), 'srvctl-fake-ssh-'))
    writeFileSync(join(bin, 'ssh'), FAKE_SSH)
    chmodSync(join(bin, 'ssh'), 0o755)
    fakeEnv = {PATH: `${bin}:${process.env.PATH}`, FAKE_SSH_LOG: join(bin, 'log'), FAKE_SSH_DIR: fixturePath('users', 'main-rhel')}
  })

  it('lists the users and groups to add or update and the conflicts with --dry-run, writing nothing', async () => {
    const root = accountRoot('debian')
    const snapshot = snapshotTree(root)
    const result = await runCli(['users', 'copy', '--from-dir', MAIN, '--root', root, '--dry-run'])
    assert.equal(result.exitCode, 0, result.stderr)
    assert.match(result.stdout, /^ {2}user {2}add {7}alice {12}1001 {3}groups alice,projects$/m)
    assert.match(result.stdout, /^ {2}user {2}update {4}bob .*\(changes password, comment, shell\)$/m)
    assert.match(result.stdout, /^ {2}group add {7}projects {9}2000 {3}members alice,bob$/m)
    assert.match(result.stdout, /^ {2}conflict \(unresolved\): uid 1004 is user dave on .* and erin here$/m)
    assert.match(result.stdout, /note: a real run stops here: 6 conflict\(s\)/)
    assert.match(result.stdout, /@@ secret content changed \(not shown\) @@/)
    assert.ok(!result.stdout.includes(aliceHash), 'no password hash in the output')
    assert.deepEqual(snapshotTree(root), snapshot)
  })

  it('stops on conflicts by default with one error line, exit code 2, and writes nothing', async () => {
    const root = accountRoot('debian')
    const snapshot = snapshotTree(root)
    const result = await runCli(['users', 'copy', '--from-dir', MAIN, '--root', root])
    assert.equal(result.exitCode, 2, result.stderr)
    assert.equal(result.stdout, '')
    assert.match(result.stderr, /^Error: 6 conflicts with accounts here: group carol is gid 1003 on .* and gid 1010 here; .*; and 3 more; nothing was changed$/m)
    assert.match(result.stderr, /^Hint: see them all with --dry-run, then choose --on-conflict skip, keep-local or renumber$/m)
    assert.deepEqual(snapshotTree(root), snapshot)
  })

  it('merges with --on-conflict renumber into files pwck and grpck accept, with Debian modes and backups, once', async () => {
    const root = accountRoot('debian')
    const original = readFileSync(join(root, 'etc/passwd'), 'utf8')
    const result = await runCli(['users', 'copy', '--from-dir', MAIN, '--on-conflict', 'renumber', '--root', root, '--json'])
    assert.equal(result.exitCode, 0, result.stderr)
    assert.ok(!result.stdout.includes(aliceHash), 'no password hash in the JSON')
    const {apply, users} = JSON.parse(result.stdout).result
    assert.equal(apply.status, 'applied')
    assert.deepEqual(apply.checks.map((c: {status: string}) => c.status), ['passed', 'passed'])
    assert.deepEqual(users.map((u: {name: string; action: string; uid: number}) => `${u.name} ${u.action} ${u.uid}`), [
      'alice add 1001',
      'bob update 1002',
      'carol update 1010',
      'dave add 2006',
      'postgres skip 1005',
      'frank add 1006',
    ])
    // Under --root the home directories are listed, not made.
    assert.ok(apply.commands.some((c: {command: string; done: boolean}) => c.command === 'mkhomedir_helper alice 0022 /etc/skel 0700' && !c.done))
    assert.equal(lineOf(readFileSync(join(root, 'etc/shadow'), 'utf8'), 'alice')?.split(':')[1], aliceHash)
    assert.equal(readFileSync(join(root, 'etc/passwd-'), 'utf8'), original)
    const shadowGid = Number(lineOf(readFileSync(join(root, 'etc/group'), 'utf8'), 'shadow')?.split(':')[2])
    for (const file of ['shadow', 'gshadow', 'shadow-', 'gshadow-']) assert.equal(modeOf(join(root, 'etc', file)), `0640 0:${shadowGid}`, file)
    for (const file of ['passwd', 'group', 'passwd-', 'group-']) assert.equal(modeOf(join(root, 'etc', file)), '0644 0:0', file)
    for (const checker of ['pwck', 'grpck']) {
      const check = await execa(checker, ['-qr', '-R', root], {reject: false})
      assert.equal(check.exitCode, 0, `${checker}: ${check.stdout}${check.stderr}`)
    }

    const again = await runCli(['users', 'copy', '--from-dir', MAIN, '--on-conflict', 'renumber', '--root', root, '--json'])
    assert.equal(again.exitCode, 0, again.stderr)
    const second = JSON.parse(again.stdout).result.apply
    assert.deepEqual([second.status, second.changes, second.commands], ['unchanged', 0, []])
  })

  it('fetches the files over ssh and writes RHEL modes (shadow 0000 root:root)', async () => {
    const root = accountRoot('rhel')
    const result = await runCli(['users', 'copy', '--from', 'root@main.example.test', '--root', root, '--json'], {env: fakeEnv})
    assert.equal(result.exitCode, 0, result.stderr)
    const calls = readFileSync(fakeEnv.FAKE_SSH_LOG, 'utf8').trim().split('\n')
    assert.deepEqual(calls, ['passwd', 'shadow', 'group', 'gshadow', 'login.defs'].map((f) => `-o BatchMode=yes -o ConnectTimeout=15 -- root@main.example.test cat /etc/${f}`))
    assert.equal(JSON.parse(result.stdout).result.source, 'main.example.test')
    for (const file of ['shadow', 'gshadow']) assert.equal(modeOf(join(root, 'etc', file)), '0000 0:0', file)
    const rhelAlice = lineOf(fixtureTexts('main-rhel').shadow, 'alice')
    assert.equal(lineOf(readFileSync(join(root, 'etc/shadow'), 'utf8'), 'alice'), rhelAlice)
    assert.equal(lineOf(readFileSync(join(root, 'etc/passwd'), 'utf8'), 'zoe'), 'zoe:x:1000:1000:Zoe Local:/home/zoe:/bin/bash')
  })

  const bad: [string, () => string[], number, RegExp][] = [
    ['an ssh option as the host', () => ['--from', '-oProxyCommand=touch /tmp/pwned'], 2, /^Error: --from '-oProxyCommand=touch \/tmp\/pwned' is not \[USER@\]HOST$/],
    ['an unreachable main server', () => ['--from', 'root@unreachable.example.test'], 1, /^Error: fetch \/etc\/passwd from root@unreachable\.example\.test: ssh: Could not resolve hostname/],
  ]
  for (const [label, flags, code, expected] of bad) {
    it(`rejects ${label} with one error line, exit code ${code}, and writes nothing`, async () => {
      const root = accountRoot('debian')
      const snapshot = snapshotTree(root)
      const result = await runCli(['users', 'copy', ...flags(), '--root', root], {env: fakeEnv})
      assert.equal(result.exitCode, code, result.stderr)
      assert.equal(result.stdout, '')
      assert.match(result.stderr.split('\n').filter((l) => l.startsWith('Error:'))[0] ?? '', expected)
      assert.deepEqual(snapshotTree(root), snapshot)
    })
  }
})
