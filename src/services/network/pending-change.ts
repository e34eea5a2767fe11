import {mkdirSync, readFileSync, renameSync, unlinkSync} from 'node:fs'
import {dirname} from 'node:path'

import {writeFileAtomic} from '../../lib/plan/atomic-file.js'
import type {LiveState} from './live-state.js'

// A network change waiting for `srvctl network confirm`. Confirm and the
// revert timer both claim it by renaming the file away: rename is atomic, so
// exactly one of them wins even when they race at the deadline.

export const PENDING_FILE = '/run/srvctl/network-pending.json'
export const LAST_REVERT_FILE = '/run/srvctl/network-last-revert.json'

export interface PendingChange {
  token: string
  /** Runs of this change start after this moment. */
  startedAt: string
  deadline: string
  command: string
  /** The srvctl process applying the change: the revert waits until it is done. */
  owner: number
  /** The detached revert timer. */
  timer: number
  live: LiveState
}

export interface LastRevert {
  token: string
  startedAt: string
  revertedAt: string
  reason: 'not confirmed in time' | 'asked for'
  run?: string
  restored: string[]
  problems: string[]
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

export function readPending(): PendingChange | undefined {
  return readJson<PendingChange>(PENDING_FILE)
}

export function writePending(change: PendingChange): void {
  mkdirSync(dirname(PENDING_FILE), {recursive: true, mode: 0o755})
  writeFileAtomic(PENDING_FILE, `${JSON.stringify(change, null, 2)}\n`, {mode: 0o600})
}

export interface Claim {
  change: PendingChange
  path: string
}

/** Takes the pending change for confirm or revert; undefined when there is none (or someone else took it). */
export function claimPending(purpose: 'confirm' | 'revert'): Claim | undefined {
  const path = `${PENDING_FILE}.${purpose}-${process.pid}`
  try {
    renameSync(PENDING_FILE, path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  return {change: readJson<PendingChange>(path) as PendingChange, path}
}

export function dropClaim(claim: Claim): void {
  try {
    unlinkSync(claim.path)
  } catch {
    // already gone
  }
}

export function readLastRevert(): LastRevert | undefined {
  return readJson<LastRevert>(LAST_REVERT_FILE)
}

export function writeLastRevert(record: LastRevert): void {
  mkdirSync(dirname(LAST_REVERT_FILE), {recursive: true, mode: 0o755})
  writeFileAtomic(LAST_REVERT_FILE, `${JSON.stringify(record, null, 2)}\n`, {mode: 0o600})
}
