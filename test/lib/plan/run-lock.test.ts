import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {LockedError} from '../../../src/lib/errors.js'
import {acquireRunLock} from '../../../src/lib/plan/run-lock.js'

describe('run lock', () => {
  it('lets one run in and names the holder to the second', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'srvctl-lock-')), 'lock')
    const release = acquireRunLock(file, 'srvctl enable dns')
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).pid, process.pid)
    assert.throws(() => acquireRunLock(file, 'srvctl apply'), (error: unknown) => {
      assert.ok(error instanceof LockedError)
      assert.match(error.message, new RegExp(`pid ${process.pid}, "srvctl enable dns"`))
      return true
    })
    release()
    acquireRunLock(file, 'srvctl apply')()
  })

  it('takes over a lock whose holder is dead', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'srvctl-lock-')), 'lock')
    writeFileSync(file, JSON.stringify({pid: 2 ** 22 + 12_345, command: 'gone', since: 'then'}))
    const release = acquireRunLock(file, 'srvctl apply')
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).command, 'srvctl apply')
    release()
  })
})
