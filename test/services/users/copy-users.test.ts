import assert from 'node:assert/strict'
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {UserError} from '../../../src/lib/errors.js'
import {silentProgress} from '../../../src/lib/plan/progress.js'
import {targetFromFlags} from '../../../src/lib/state/state-actions.js'
import {copyUsers} from '../../../src/services/users/copy-users.js'
import type {ConflictPolicy} from '../../../src/services/users/merge-accounts.js'
import {fixturePath} from '../../helpers/repo-root.js'
import {snapshotTree} from '../../helpers/target-root.js'
import {accountRoot} from './account-fixtures.js'

const MAIN = fixturePath('users', 'main-debian')

function copyFrom(dir: string, root: string, onConflict: ConflictPolicy = 'skip') {
  return copyUsers({source: {kind: 'dir', dir}, onConflict}, targetFromFlags({root}), silentProgress, 'test')
}

describe('copyUsers', () => {
  it('reads copies laid out as a root tree (DIR/etc/passwd)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'srvctl-main-root-'))
    cpSync(MAIN, join(dir, 'etc'), {recursive: true})
    const result = await copyFrom(dir, accountRoot('debian'))
    assert.equal(result.users.find((u) => u.name === 'alice')?.action, 'add')
  })

  const bad: [string, () => string, RegExp][] = [
    ['a directory without the files', () => '/nonexistent', /^--from-dir \/nonexistent has no passwd$/],
    [
      'a malformed line on the main server',
      () => {
        const dir = mkdtempSync(join(tmpdir(), 'srvctl-bad-source-'))
        cpSync(MAIN, dir, {recursive: true})
        writeFileSync(join(dir, 'passwd'), `${readFileSync(join(MAIN, 'passwd'), 'utf8')}mallory:x:1007\n`)
        return dir
      },
      /^\/etc\/passwd on .* line 14: expected 7 fields, found 3$/,
    ],
  ]
  for (const [label, source, expected] of bad) {
    it(`rejects ${label} as a user error before taking the lock or writing`, async () => {
      const root = accountRoot('debian')
      const before = snapshotTree(root)
      await assert.rejects(copyFrom(source(), root), (error: unknown) => error instanceof UserError && expected.test(error.message))
      assert.deepEqual(snapshotTree(root), before)
    })
  }
})
