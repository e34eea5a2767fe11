import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'

import {writeFileAtomic} from './atomic-file.js'

/** What srvctl last wrote to each managed file, to notice hand edits made since. */
export interface ManagedEntry {
  sha256: string
  run: string
  service: string
}

export type ManagedIndex = Record<string, ManagedEntry>

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex')
}

export function readManagedIndex(file: string): ManagedIndex {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ManagedIndex
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw error
  }
}

export function writeManagedIndex(file: string, index: ManagedIndex): void {
  writeFileAtomic(file, `${JSON.stringify(index, null, 2)}\n`, {mode: 0o600, uid: 0, gid: 0})
}
