import {existsSync, readFileSync} from 'node:fs'

import {ApplyError, UserError} from '../../lib/errors.js'
import {type ApplyReport, applyPlan} from '../../lib/plan/apply-plan.js'
import type {Progress} from '../../lib/plan/progress.js'
import {type Target, onTarget} from '../../lib/plan/target.js'
import {type AccountSource, describeSource, readSource} from './account-source.js'
import type {AccountRanges} from './login-defs.js'
import {type AccountTexts, type Conflict, type ConflictPolicy, type GroupOutcome, type UserOutcome, SourceProblem, mergeAccounts} from './merge-accounts.js'
import {type PasswordFileLock, lockPasswordFiles} from './password-file-lock.js'
import {planUsersCopy} from './users-plan.js'

export interface CopyUsersResult {
  source: string
  ranges: AccountRanges
  onConflict: ConflictPolicy
  users: UserOutcome[]
  groups: GroupOutcome[]
  conflicts: Conflict[]
  apply: ApplyReport
}

function readTarget(target: Target): AccountTexts & {loginDefs?: string} {
  const read = (path: string, required: boolean): string | undefined => {
    const live = onTarget(target, path)
    if (existsSync(live)) return readFileSync(live, 'utf8')
    if (required) throw new UserError(`${live} does not exist`, target.root === '/' ? undefined : 'is --root the root of a system?')
    return undefined
  }
  return {
    passwd: read('/etc/passwd', true) as string,
    shadow: read('/etc/shadow', true) as string,
    group: read('/etc/group', true) as string,
    gshadow: read('/etc/gshadow', false),
    loginDefs: read('/etc/login.defs', false),
  }
}

function conflictSummary(conflicts: Conflict[]): string {
  const shown = conflicts.slice(0, 3).map((c) => c.message)
  const more = conflicts.length > 3 ? `; and ${conflicts.length - 3} more` : ''
  return `${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'} with accounts here: ${shown.join('; ')}${more}; nothing was changed`
}

/**
 * `srvctl users copy`: read the main server's account files, merge its
 * regular users and groups into this machine's under the account-file lock,
 * check the result (own checks, then pwck/grpck on a stage) and replace the
 * files through the plan engine.
 */
export async function copyUsers(
  request: {source: AccountSource; onConflict: ConflictPolicy},
  target: Target,
  progress: Progress,
  command: string,
): Promise<CopyUsersResult> {
  const label = describeSource(request.source)
  const source = await progress.step(`Read the accounts of ${label}`, () => readSource(request.source))
  const mergeHere = () => {
    const here = readTarget(target)
    let merge
    try {
      merge = mergeAccounts({source, sourceLabel: label, target: here, onConflict: request.onConflict})
    } catch (error) {
      if (error instanceof SourceProblem) throw new UserError(error.message, 'fix the files on the main server (or the copies) and run again')
      throw error
    }
    const unresolved = merge.conflicts.filter((c) => c.resolution === 'unresolved')
    if (unresolved.length > 0 && target.mode !== 'dry-run') {
      throw new UserError(conflictSummary(unresolved), 'see them all with --dry-run, then choose --on-conflict skip, keep-local or renumber', 'conflicts')
    }
    if (merge.problems.length > 0) {
      throw new ApplyError('check the merged account files', merge.problems.join('; '), 'nothing was changed')
    }
    return {here, merge, unresolved}
  }
  // Bad input and conflicts are found before anything is locked or written;
  // then read, merge and write again under the lock, so no useradd or passwd
  // change made in between is lost.
  let {here, merge, unresolved} = mergeHere()
  const lock: PasswordFileLock | undefined = target.mode === 'dry-run' ? undefined : await lockPasswordFiles(onTarget(target, '/etc/.pwd.lock'))
  try {
    if (lock) ({here, merge, unresolved} = mergeHere())
    const plan = planUsersCopy(merge, here, target.profile)
    for (const user of merge.users) {
      if (user.action === 'add' && existsSync(onTarget(target, user.home))) {
        plan.notes.push(`${user.home} exists already: left as it is (check that ${user.name} owns it)`)
      }
    }
    if (unresolved.length > 0) plan.notes.push(`a real run stops here: ${unresolved.length} conflict(s) need --on-conflict skip, keep-local or renumber`)
    const apply = await applyPlan(plan, {target, progress, command})
    return {source: label, ranges: merge.ranges, onConflict: request.onConflict, users: merge.users, groups: merge.groups, conflicts: merge.conflicts, apply}
  } finally {
    await lock?.release()
  }
}
