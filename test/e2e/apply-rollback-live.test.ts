import assert from 'node:assert/strict'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {fixturePath, repoRoot} from '../helpers/repo-root.js'
import {Sandbox, canSandbox} from '../helpers/sandbox.js'

describe('a live apply whose verification fails (sandboxed)', {skip: canSandbox ? false : 'needs root for namespaces'}, () => {
  let sandbox: Sandbox
  const applyDemo = async (mode: string) => {
    const result = await sandbox.run(`node ${fixturePath('engine/apply-failing-plan.mjs')} ${join(repoRoot, 'dist')} ${mode}`)
    assert.equal(result.exitCode, 0, result.stderr)
    return JSON.parse(result.stdout) as {ok: boolean; status?: string; message?: string; step?: string}
  }

  before(async () => {
    sandbox = await Sandbox.create()
  })
  after(async () => {
    await sandbox?.destroy()
  })

  it('puts back every file, undoes its live commands and records the run as rolled back', async () => {
    assert.deepEqual(await applyDemo('good'), {ok: true, status: 'applied'})
    const before = (await sandbox.run('cat /etc/demo/demo.conf; ls /run/demo-applied')).stdout
    await sandbox.run('rm -f /run/demo-applied /etc/hostname-demo')
    const outcome = await applyDemo('bad')
    assert.equal(outcome.ok, false)
    assert.equal(outcome.step, 'verify')
    assert.match(outcome.message ?? '', /demo answers/)
    assert.equal((await sandbox.run('cat /etc/demo/demo.conf')).stdout, 'version=good')
    assert.notEqual(before, '')
    assert.equal((await sandbox.run('test -e /etc/hostname-demo')).exitCode, 1, 'a file the failed run created is removed')
    assert.equal((await sandbox.run('test -e /run/demo-applied')).exitCode, 1, 'the undo command ran')
    const history = await sandbox.run('cat /var/lib/srvctl/history/*.json')
    assert.match(history.stdout, /"status": "rolled-back"/)
  })
})
