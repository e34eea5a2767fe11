import assert from 'node:assert/strict'
import {existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {profileFor} from '../../../src/lib/distro/profile.js'
import {ApplyError} from '../../../src/lib/errors.js'
import {applyPlan} from '../../../src/lib/plan/apply-plan.js'
import {type Plan, emptyPlan} from '../../../src/lib/plan/plan-types.js'
import {silentProgress} from '../../../src/lib/plan/progress.js'
import {readRunHistory} from '../../../src/lib/plan/run-history.js'
import type {Target} from '../../../src/lib/plan/target.js'
import {rollbackRun} from '../../../src/lib/state/state-actions.js'
import {snapshotTree} from '../../helpers/target-root.js'

function freshRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'srvctl-engine-'))
  writeFileSync(join(root, 'os-release'), 'ID=debian\n')
  return root
}

function target(root: string, mode: Target['mode'] = 'root', force = false): Target {
  return {root, mode, profile: profileFor('debian'), init: 'none', force}
}

function plan(content: string, checkArgv: string[] = ['true']): Plan {
  const p = emptyPlan('demo', 'debian')
  p.files.push(
    {path: '/etc/demo/demo.conf', content, mode: 0o640, owner: 'root', group: 'root'},
    {path: '/etc/demo/secret.key', content: 'hunter2\n', mode: 0o600, owner: 'root', group: 'root', secret: true},
  )
  p.checks.push({description: 'demo checker', argv: [...checkArgv, '{stage}/etc/demo/demo.conf'], stageTrees: ['/etc/demo']})
  p.units.push({name: 'demo', restartOn: ['/etc/demo/demo.conf']})
  return p
}

const apply = (p: Plan, t: Target) => applyPlan(p, {target: t, progress: silentProgress, command: 'test'})

describe('applyPlan', () => {
  it('writes new files with their exact modes, then reports no change on a second run', async () => {
    const root = freshRoot()
    const first = await apply(plan('a=1\n'), target(root))
    assert.equal(first.status, 'applied')
    assert.equal(first.changes, 2)
    assert.equal(readFileSync(join(root, 'etc/demo/demo.conf'), 'utf8'), 'a=1\n')
    assert.equal(statSync(join(root, 'etc/demo/demo.conf')).mode & 0o7777, 0o640)
    assert.equal(statSync(join(root, 'etc/demo/secret.key')).mode & 0o7777, 0o600)
    const second = await apply(plan('a=1\n'), target(root))
    assert.equal(second.status, 'unchanged')
    assert.equal(second.changes, 0)
    assert.deepEqual(second.units, [], 'no unit is restarted when nothing changed')
  })

  it('never shows a secret file in a diff', async () => {
    const root = freshRoot()
    const report = await apply(plan('a=1\n'), target(root, 'dry-run'))
    const all = report.diffs.join('\n')
    assert.match(all, /secret content created \(not shown\)/)
    assert.doesNotMatch(all, /hunter2/)
  })

  it('writes nothing in dry-run mode', async () => {
    const root = freshRoot()
    const before = snapshotTree(root)
    const report = await apply(plan('a=1\n'), target(root, 'dry-run'))
    assert.equal(report.status, 'planned')
    assert.equal(report.changes, 2)
    assert.deepEqual(snapshotTree(root), before)
  })

  it('leaves every file byte-identical when the checker rejects the new configuration', async () => {
    const root = freshRoot()
    await apply(plan('a=1\n'), target(root))
    const before = snapshotTree(join(root, 'etc'))
    await assert.rejects(apply(plan('a=2\n', ['false']), target(root)), (error: unknown) => {
      assert.ok(error instanceof ApplyError)
      assert.equal(error.step, 'validate')
      assert.match(error.message, /demo checker rejected the new configuration/)
      return true
    })
    assert.deepEqual(snapshotTree(join(root, 'etc')), before)
    const history = readRunHistory(join(root, 'var/lib/srvctl/history'))
    assert.equal(history.at(-1)?.status, 'failed')
  })

  it('refuses to overwrite a hand-edited file without --force, and keeps a copy with --force', async () => {
    const root = freshRoot()
    await apply(plan('a=1\n'), target(root))
    writeFileSync(join(root, 'etc/demo/demo.conf'), 'a=1\n# my tweak\n')
    const report = await apply(plan('a=2\n'), target(root, 'dry-run'))
    assert.equal(report.files.find((f) => f.path === '/etc/demo/demo.conf')?.handEdited, true)
    await assert.rejects(apply(plan('a=2\n'), target(root)), /changed since srvctl wrote it/)
    assert.equal(readFileSync(join(root, 'etc/demo/demo.conf'), 'utf8'), 'a=1\n# my tweak\n')
    const forced = await apply(plan('a=2\n'), target(root, 'root', true))
    assert.equal(readFileSync(join(root, 'etc/demo/demo.conf'), 'utf8'), 'a=2\n')
    const backup = join(root, 'var/backups/srvctl', forced.run as string, 'files/etc/demo/demo.conf')
    assert.equal(readFileSync(backup, 'utf8'), 'a=1\n# my tweak\n')
  })

  it('rolls back a run: changed files get their old content, created files disappear', async () => {
    const root = freshRoot()
    await apply(plan('a=1\n'), target(root))
    const p = plan('a=2\n')
    p.files.push({path: '/etc/demo/extra.conf', content: 'x\n', mode: 0o644, owner: 'root', group: 'root'})
    await apply(p, target(root))
    const rollback = await rollbackRun(target(root), undefined, silentProgress, 'test rollback')
    assert.deepEqual(rollback.restored.sort(), ['/etc/demo/demo.conf', '/etc/demo/extra.conf'])
    assert.equal(readFileSync(join(root, 'etc/demo/demo.conf'), 'utf8'), 'a=1\n')
    assert.equal(existsSync(join(root, 'etc/demo/extra.conf')), false)
    // The restored files are srvctl's again: the next apply of the old plan changes nothing.
    const again = await apply(plan('a=1\n'), target(root))
    assert.equal(again.status, 'unchanged')
    // And the rollback itself can be undone.
    await rollbackRun(target(root), rollback.run, silentProgress, 'test undo')
    assert.equal(readFileSync(join(root, 'etc/demo/demo.conf'), 'utf8'), 'a=2\n')
  })

  it('keeps one backup directory per run that changed files', async () => {
    const root = freshRoot()
    await apply(plan('a=1\n'), target(root))
    await apply(plan('a=1\n'), target(root))
    await apply(plan('a=3\n'), target(root))
    assert.equal(readdirSync(join(root, 'var/backups/srvctl')).length, 2)
  })
})
