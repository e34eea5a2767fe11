import {closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync} from 'node:fs'
import {dirname} from 'node:path'

import {LockedError} from '../errors.js'

interface LockHolder {
  pid: number
  command: string
  since: string
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** One mutating run at a time. The lock file names its holder; a dead holder's lock is taken over. */
export function acquireRunLock(file: string, command: string): () => void {
  mkdirSync(dirname(file), {recursive: true, mode: 0o755})
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644)
      const holder: LockHolder = {pid: process.pid, command, since: new Date().toISOString()}
      writeSync(fd, JSON.stringify(holder))
      closeSync(fd)
      return () => {
        try {
          unlinkSync(file)
        } catch {
          // released twice
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      let holder: LockHolder | undefined
      try {
        holder = JSON.parse(readFileSync(file, 'utf8')) as LockHolder
      } catch {
        holder = undefined
      }
      if (holder && alive(holder.pid)) {
        throw new LockedError(
          `another srvctl run holds ${file}: pid ${holder.pid}, "${holder.command}", since ${holder.since}`,
          'wait for it to finish; if that process is gone, remove the lock file',
        )
      }
      unlinkSync(file)
    }
  }
  throw new LockedError(`could not take the lock ${file}`, 'try again')
}
