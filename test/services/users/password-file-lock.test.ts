import assert from 'node:assert/strict'
import {existsSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {execa} from 'execa'

import {LockedError} from '../../../src/lib/errors.js'
import {lockPasswordFiles} from '../../../src/services/users/password-file-lock.js'

// What lckpwdf() does, from an independent implementation: try an fcntl write lock without waiting.
const PROBE = 'import fcntl, os, sys\nfd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT, 0o600)\ntry:\n    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\nexcept OSError:\n    sys.exit(3)\n'
const havePython = existsSync('/usr/bin/python3')

describe('account-file lock', {skip: havePython ? false : 'python3 is needed for the independent fcntl probe'}, () => {
  for (const helper of ['python3', 'perl'] as const) {
    it(`holds an fcntl lock that lckpwdf-style callers see, until released (${helper} helper)`, async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'srvctl-pwlock-')), '.pwd.lock')
      const lock = await lockPasswordFiles(file, {helper})
      assert.equal((await execa('/usr/bin/python3', ['-c', PROBE, file], {reject: false})).exitCode, 3)
      await lock.release()
      assert.equal((await execa('/usr/bin/python3', ['-c', PROBE, file], {reject: false})).exitCode, 0)
    })
  }

  it('gives up with a lock error while another program holds the lock', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'srvctl-pwlock-')), '.pwd.lock')
    const holder = await lockPasswordFiles(file)
    try {
      await assert.rejects(lockPasswordFiles(file, {timeoutMs: 300}), (error: unknown) => error instanceof LockedError && /another program holds the account-file lock/.test(error.message))
    } finally {
      await holder.release()
    }
    const again = await lockPasswordFiles(file, {timeoutMs: 2000})
    await again.release()
  })
})
