import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {fixturePath, repoRoot} from '../helpers/repo-root.js'
import {Sandbox, canSandbox} from '../helpers/sandbox.js'
import {fixtureTexts, lineOf} from '../services/users/account-fixtures.js'

const srvctl = `node ${join(repoRoot, 'bin/run.js')}`
const MAIN = fixturePath('users', 'main-debian')
const main = fixtureTexts('main-debian')

// A real copy into this machine's /etc, inside a throw-away overlay with its
// own /home: the copied users must be usable by the system's own tools.
describe('srvctl users copy on a live system (sandboxed)', {skip: canSandbox ? false : 'needs root for namespaces'}, () => {
  let sandbox: Sandbox
  const sh = async (command: string) => {
    const result = await sandbox.run(command)
    return {...result, stdout: result.stdout.trim()}
  }
  // pam_unix's own checker: the password on stdin (NUL-terminated), exit 0 when it matches /etc/shadow.
  const passwordWorks = async (user: string, password: string) => (await sh(`printf '%s\\0' '${password}' | /sbin/unix_chkpwd ${user} nullok`)).exitCode === 0

  before(async () => {
    sandbox = await Sandbox.create()
    await sandbox.run('mount -t tmpfs -o mode=0755 home /home')
  })
  after(async () => {
    await sandbox?.destroy()
  })

  it('adds the main server\'s users so that su, pam_unix, pwck and grpck accept them', async () => {
    const result = await sh(`${srvctl} users copy --from-dir ${MAIN} --json`)
    assert.equal(result.exitCode, 0, result.stderr)
    const {apply} = JSON.parse(result.stdout).result
    assert.equal(apply.status, 'applied')
    assert.ok(apply.commands.every((c: {done: boolean}) => c.done))

    assert.equal((await sh('su - alice -c id')).stdout, 'uid=1001(alice) gid=1001(alice) groups=1001(alice),2000(projects),2002(media)')
    assert.equal((await sh('su - bob -c id')).stdout, 'uid=1002(bob) gid=1002(bob) groups=1002(bob),2000(projects),2001(devs)')
    assert.equal((await sh('su - frank -c id')).stdout, 'uid=1006(frank) gid=100(users) groups=100(users),2002(media)')

    // The hashes are the main server's, byte for byte, and they verify: yescrypt (alice) and SHA-512 (bob).
    assert.equal((await sh('getent shadow alice')).stdout, lineOf(main.shadow, 'alice'))
    assert.equal(await passwordWorks('alice', 'alice-pass-1'), true)
    assert.equal(await passwordWorks('bob', 'bob-pass-2'), true)
    assert.equal(await passwordWorks('alice', 'wrong-password'), false)

    assert.equal((await sh('stat -c "%U:%G %a" /home/alice /home/alice/.bashrc')).stdout, 'alice:alice 700\nalice:alice 644')
    assert.equal((await sh('pwck -qr; echo "pwck=$?"; grpck -qr; echo "grpck=$?"')).stdout, 'pwck=0\ngrpck=0')
    assert.equal((await sh('stat -c "%a %U:%G" /etc/shadow /etc/gshadow /etc/passwd')).stdout, '640 root:shadow\n640 root:shadow\n644 root:root')
    // The previous files stay beside the new ones, as shadow-utils keeps them.
    assert.equal((await sh('cat /etc/passwd-')).stdout, readFileSync('/etc/passwd', 'utf8').trim())
  })

  it('changes nothing the second time', async () => {
    const result = await sh(`${srvctl} users copy --from-dir ${MAIN} --json`)
    assert.equal(result.exitCode, 0, result.stderr)
    const {apply, users} = JSON.parse(result.stdout).result
    assert.deepEqual([apply.status, apply.changes, apply.commands], ['unchanged', 0, []])
    assert.ok(users.every((u: {action: string}) => u.action === 'unchanged' || u.action === 'skip'))
  })

  it('is undone by srvctl rollback, which puts the previous account files back', async () => {
    const result = await sh(`${srvctl} rollback --json`)
    assert.equal(result.exitCode, 0, result.stderr)
    assert.ok(JSON.parse(result.stdout).result.restored.includes('/etc/shadow'))
    assert.notEqual((await sh('id alice')).exitCode, 0)
    assert.equal((await sh('cat /etc/passwd')).stdout, readFileSync('/etc/passwd', 'utf8').trim())
  })
})
