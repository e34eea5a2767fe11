import {spawn} from 'node:child_process'
import {readFileSync} from 'node:fs'

import {LockedError} from '../../lib/errors.js'
import type {Progress} from '../../lib/plan/progress.js'
import type {Target} from '../../lib/plan/target.js'
import {rollbackRun, runHistory} from '../../lib/state/state-actions.js'
import {restoreLiveState} from './live-state.js'
import {type Claim, type LastRevert, dropClaim, writeLastRevert} from './pending-change.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Running, not a zombie: an exited process whose parent has not reaped it yet counts as gone. */
export function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
    return state !== 'Z' && state !== 'X'
  } catch {
    return false
  }
}

/**
 * Starts `srvctl network revert --wait --token T` in its own session, so it
 * survives the admin's SSH session (and the SIGHUP) that the change may cut.
 */
export function startRevertTimer(token: string): number {
  const child = spawn(process.execPath, [process.argv[1], 'network', 'revert', '--wait', '--token', token], {
    detached: true,
    stdio: 'ignore',
  })
  child.unref()
  if (child.pid === undefined) throw new Error('could not start the revert timer')
  return child.pid
}

/** Stops the timer of `token`, checking first that the pid still is that timer. */
export function stopRevertTimer(pid: number, token: string): void {
  try {
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(token)) process.kill(pid, 'SIGTERM')
  } catch {
    // already gone
  }
}

async function waitForExit(pid: number, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs
  while (pid !== process.pid && processAlive(pid) && Date.now() < deadline) await sleep(100)
}

/** The run that applied the change: the first network run that changed files after it started. */
function runOfChange(target: Target, startedAt: string): string | undefined {
  return runHistory(target).find((r) => r.services.includes('network') && r.startedAt >= startedAt && r.status === 'applied' && r.backupDir)?.id
}

/**
 * Puts the machine back as it was before the change: the live addresses,
 * routes and host name from the snapshot, and the files (and srvctl's saved
 * settings) through a rollback of the change's run.
 */
export async function revertChange(claim: Claim, reason: LastRevert['reason'], target: Target, progress: Progress): Promise<LastRevert> {
  const change = claim.change
  // The applying srvctl keeps going when the admin's session drops; let it finish so its run can be undone.
  await waitForExit(change.owner, 15 * 60_000)
  const problems = await progress.step(`Restore the addresses and routes of ${change.live.interface}`, () => restoreLiveState(change.live))
  const record: LastRevert = {token: change.token, startedAt: change.startedAt, revertedAt: '', reason, restored: [], problems}
  const run = runOfChange(target, change.startedAt)
  if (run) {
    record.run = run
    for (let attempt = 0; ; attempt++) {
      try {
        record.restored = (await rollbackRun(target, run, progress, `srvctl network revert (${reason})`)).restored
        break
      } catch (error) {
        if (!(error instanceof LockedError) || attempt >= 600) {
          problems.push(`rollback of run ${run}: ${(error as Error).message}`)
          break
        }
        await sleep(100)
      }
    }
  }
  record.revertedAt = new Date().toISOString()
  writeLastRevert(record)
  dropClaim(claim)
  return record
}
