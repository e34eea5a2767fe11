import {mkdirSync, readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {randomBytes} from 'node:crypto'

import {writeFileAtomic} from './atomic-file.js'
import type {UnitSpec} from './plan-types.js'

export type RunStatus = 'applied' | 'unchanged' | 'failed' | 'rolled-back' | 'rollback'

export interface RunRecord {
  id: string
  command: string
  services: string[]
  mode: 'live' | 'root'
  startedAt: string
  finishedAt: string
  status: RunStatus
  changedFiles: string[]
  restartedUnits: string[]
  /** Units whose files this run changed: restarted again when the run is rolled back. */
  units: UnitSpec[]
  /** Set when this run undid another one. */
  rollbackOf?: string
  error?: string
  /** Backup of the files as they were before this run (absent when nothing changed). */
  backupDir?: string
}

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
  return `${stamp}-${randomBytes(2).toString('hex')}`
}

export function writeRunRecord(historyDir: string, record: RunRecord): void {
  mkdirSync(historyDir, {recursive: true, mode: 0o700})
  writeFileAtomic(join(historyDir, `${record.id}.json`), `${JSON.stringify(record, null, 2)}\n`, {mode: 0o600, uid: 0, gid: 0})
}

/** All runs, oldest first. */
export function readRunHistory(historyDir: string): RunRecord[] {
  let names: string[]
  try {
    names = readdirSync(historyDir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  // Ids have one-second resolution; startedAt orders runs within a second.
  return names
    .filter((n) => n.endsWith('.json'))
    .map((n) => JSON.parse(readFileSync(join(historyDir, n), 'utf8')) as RunRecord)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id))
}
