import {mkdirSync, existsSync, chownSync} from 'node:fs'
import {join} from 'node:path'

import {installCommand, installedQuery} from '../distro/profile.js'
import {ApplyError, SrvctlError} from '../errors.js'
import {AccountLookup} from './account-lookup.js'
import {applyOwnership, writeFileAtomic} from './atomic-file.js'
import {BackupSet} from './backup-set.js'
import {type FileChange, computeFileChanges} from './file-changes.js'
import {readManagedIndex, sha256, writeManagedIndex} from './managed-index.js'
import type {Plan, PlannedCommand, UnitSpec} from './plan-types.js'
import {runPostCheck} from './post-check.js'
import type {Progress} from './progress.js'
import {renderDiff} from './render-diff.js'
import {acquireRunLock} from './run-lock.js'
import {type RunRecord, newRunId, writeRunRecord} from './run-history.js'
import {CheckFailedError, type CheckOutcome, runStagedChecks} from './staged-check.js'
import {outputSummary, runCommand} from './system-commands.js'
import {SRVCTL_PATHS, type Target, onTarget} from './target.js'
import {type UnitAction, activateUnit, describeActivation, isUnitActive} from './unit-control.js'

export interface UnitReport {
  name: string
  action: UnitAction
  commands: string[]
  done: boolean
}

export interface ApplyReport {
  run?: string
  mode: Target['mode']
  distro: string
  init: Target['init']
  services: string[]
  status: 'applied' | 'unchanged' | 'planned'
  changes: number
  files: {path: string; status: FileChange['status']; handEdited: boolean; secret: boolean}[]
  diffs: string[]
  packages: {required: string[]; missing: string[]; installed: string[]}
  units: UnitReport[]
  commands: {description: string; command: string; done: boolean}[]
  checks: CheckOutcome[]
  postChecks: {description: string; status: 'passed' | 'skipped'}[]
  notes: string[]
}

export interface ApplyOptions {
  target: Target
  command: string
  progress: Progress
}

async function missingPackages(target: Target, packages: string[]): Promise<string[]> {
  if (target.root !== '/') return []
  const missing: string[] = []
  for (const pkg of packages) {
    const result = await runCommand(installedQuery(target.profile, pkg))
    const installed = target.profile.packageManager === 'apt-get' ? result.output.includes('install ok installed') : result.ok
    if (!installed) missing.push(pkg)
  }
  return missing
}

function changedPaths(changes: FileChange[]): Set<string> {
  return new Set(changes.filter((c) => c.status !== 'unchanged').map((c) => c.file.path))
}

function unitAction(unit: UnitSpec, changed: Set<string>, active: boolean): UnitAction | undefined {
  if (!active) return 'start'
  if (unit.restartOn.some((p) => changed.has(p))) return unit.reload ? 'reload' : 'restart'
  if (unit.reloadOn?.some((p) => changed.has(p))) return 'reload'
  return undefined
}

/**
 * render → validate → back up → atomic replace → activate → verify, and put
 * everything back if any step after the first write fails. The only code that
 * changes the system.
 */
export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyReport> {
  const {target, progress} = options
  const services = plan.service.split('+')
  const accounts = new AccountLookup(target.root)
  const indexPath = onTarget(target, SRVCTL_PATHS.managedIndex)
  const index = readManagedIndex(indexPath)
  const changes = computeFileChanges(target, plan.files, index, accounts)
  const changed = changedPaths(changes)
  const missing = await missingPackages(target, plan.packages)

  const report: ApplyReport = {
    mode: target.mode,
    distro: target.profile.id,
    init: target.init,
    services,
    status: 'planned',
    changes: changed.size,
    files: changes.map((c) => ({path: c.file.path, status: c.status, handEdited: c.handEdited, secret: c.file.secret === true})),
    diffs: changes.map(renderDiff).filter(Boolean),
    packages: {required: plan.packages, missing, installed: []},
    units: [],
    commands: [],
    checks: [],
    postChecks: [],
    notes: [...plan.notes],
  }
  const edited = changes.filter((c) => c.handEdited && c.status !== 'unchanged')
  for (const c of edited) report.notes.push(`${c.file.path} was edited by hand since srvctl wrote it`)
  if (target.init === 'none' && target.root === '/') {
    report.notes.push('systemd is not running: units are enabled offline and daemons started with their init scripts or directly')
  }

  const liveUnits = target.mode === 'live'
  // Unit state is only known for this machine; under --root, assume running.
  const liveSystem = target.root === '/'
  const unitPlans: {unit: UnitSpec; action: UnitAction}[] = []
  for (const unit of plan.units) {
    const active = liveSystem ? await isUnitActive(target, unit) : true
    const action = unitAction(unit, changed, active)
    if (action) unitPlans.push({unit, action})
  }
  report.units = unitPlans.map(({unit, action}) => ({
    name: unit.name,
    action,
    commands: describeActivation(target, unit, action).map((argv) => argv.join(' ')),
    done: false,
  }))
  const commandPlans: PlannedCommand[] = []
  for (const c of plan.commands) {
    if (c.runWhen.length > 0 && !c.runWhen.some((p) => changed.has(p))) continue
    // Probes describe the live machine; under --root every command is listed.
    if (c.unlessOk && liveSystem && (await runCommand(c.unlessOk)).ok) continue
    commandPlans.push(c)
  }
  report.commands = commandPlans.map((c) => ({description: c.description, command: c.argv.join(' '), done: false}))
  if (target.mode === 'root' && (missing.length > 0 || plan.packages.length > 0)) {
    report.notes.push(`--root: packages (${plan.packages.join(', ')}) and unit commands are listed, not run`)
  }

  if (target.mode === 'dry-run') {
    report.checks = await runStagedChecks({...target, mode: 'dry-run'}, changes.filter((c) => c.status !== 'unchanged'), plan.checks).catch(
      (error: unknown) => {
        if (error instanceof CheckFailedError) report.notes.push(`would fail: ${error.message}`)
        else throw error
        return []
      },
    )
    return report
  }

  if (edited.length > 0 && !target.force) {
    throw new ApplyError(
      'check for hand edits',
      `${edited.map((c) => c.file.path).join(', ')} changed since srvctl wrote ${edited.length === 1 ? 'it' : 'them'}`,
      'review with `srvctl plan`, then rerun with --force to replace (a copy of the edited file is kept in the run backup)',
    )
  }

  const release = acquireRunLock(onTarget(target, SRVCTL_PATHS.lockFile), options.command)
  const runId = newRunId()
  const startedAt = new Date().toISOString()
  const recordRun = (outcome: Pick<RunRecord, 'status' | 'changedFiles' | 'restartedUnits' | 'units'> & Partial<RunRecord>): void =>
    writeRunRecord(onTarget(target, SRVCTL_PATHS.historyDir), {
      id: runId,
      command: options.command,
      services,
      mode: target.mode === 'root' ? 'root' : 'live',
      startedAt,
      finishedAt: new Date().toISOString(),
      ...outcome,
    })
  const backup = new BackupSet(onTarget(target, join(SRVCTL_PATHS.backupDir, runId)))
  const restarted: {unit: UnitSpec; action: UnitAction}[] = []
  const ran: string[][] = []
  let wrote = false
  try {
    if (missing.length > 0 && target.mode === 'live') {
      await progress.step(`Install ${missing.join(', ')}`, async () => {
        const result = await runCommand(installCommand(target.profile, missing), {
          timeoutMs: 900_000,
          env: {DEBIAN_FRONTEND: 'noninteractive'},
        })
        if (!result.ok) throw new ApplyError('install packages', outputSummary(result))
        report.packages.installed = missing
      })
    }
    const toWrite = changes.filter((c) => c.status !== 'unchanged')
    if (toWrite.length > 0) {
      report.checks = await progress.step('Validate the new configuration', () =>
        runStagedChecks(target, toWrite, plan.checks).catch((error: unknown) => {
          if (error instanceof CheckFailedError) {
            throw new ApplyError('validate', error.message, 'nothing was changed; fix the input and run again')
          }
          throw error
        }),
      )
      await progress.step(`Back up ${toWrite.length} file(s) to ${join(SRVCTL_PATHS.backupDir, runId)}`, async () => {
        mkdirSync(backup.dir, {recursive: true, mode: 0o700})
        for (const c of toWrite) backup.save(c.file.path, onTarget(target, c.file.path))
      })
      await progress.step(`Write ${toWrite.length} file(s)`, async () => {
        wrote = true
        for (const dir of plan.directories) {
          const path = onTarget(target, dir.path)
          if (!existsSync(path)) {
            mkdirSync(path, {recursive: true, mode: dir.mode})
            const uid = accounts.uid(dir.owner)
            const gid = accounts.gid(dir.group)
            applyOwnership(path, {mode: dir.mode, uid, gid})
            if (process.getuid?.() === 0 && uid !== undefined && gid !== undefined) chownSync(path, uid, gid)
          }
        }
        for (const c of toWrite) {
          const path = onTarget(target, c.file.path)
          const own = {mode: c.file.mode, uid: c.uid, gid: c.gid}
          if (c.status === 'metadata') applyOwnership(path, own)
          else writeFileAtomic(path, c.content, own)
        }
      })
    }
    if (liveUnits) {
      for (const [i, command] of commandPlans.entries()) {
        await progress.step(command.description, async () => {
          const result = await runCommand(command.argv)
          if (!result.ok) throw new ApplyError(command.description, `${command.argv.join(' ')}: ${outputSummary(result)}`)
          if (command.undo) ran.push(command.undo)
          report.commands[i].done = true
        })
      }
      for (const [i, {unit, action}] of unitPlans.entries()) {
        await progress.step(`${action[0].toUpperCase()}${action.slice(1)} ${unit.name}`, async () => {
          restarted.push({unit, action})
          try {
            await activateUnit(target, unit, action)
          } catch (error) {
            throw new ApplyError(`${action} ${unit.name}`, (error as Error).message)
          }
          report.units[i].done = true
        })
      }
      for (const check of plan.postChecks) {
        await progress.step(`Verify: ${check.description}`, async () => {
          try {
            await runPostCheck(check)
          } catch (error) {
            throw new ApplyError('verify', (error as Error).message, 'the previous configuration was restored')
          }
          report.postChecks.push({description: check.description, status: 'passed'})
        })
      }
    } else {
      report.postChecks = plan.postChecks.map((c) => ({description: c.description, status: 'skipped'}))
    }
  } catch (error) {
    for (const undo of ran.reverse()) await runCommand(undo)
    if (wrote) await rollBackRun(target, backup, restarted.map((r) => r.unit), progress)
    recordRun({
      status: wrote ? 'rolled-back' : 'failed',
      changedFiles: [],
      restartedUnits: [],
      units: [],
      error: error instanceof Error ? error.message : String(error),
    })
    release()
    if (error instanceof SrvctlError) throw error
    throw new ApplyError('apply', (error as Error).message)
  }

  for (const c of changes) {
    if (c.file.untracked) continue
    if (c.status === 'unchanged' && index[c.file.path]) continue
    index[c.file.path] = {sha256: sha256(c.content), run: runId, service: services.join('+')}
  }
  if (changed.size > 0 || changes.some((c) => !c.file.untracked && !index[c.file.path])) writeManagedIndex(indexPath, index)
  report.run = runId
  report.status = changed.size > 0 || restarted.length > 0 ? 'applied' : 'unchanged'
  recordRun({
    status: report.status,
    changedFiles: [...changed],
    restartedUnits: restarted.map((r) => r.unit.name),
    units: unitPlans.filter((u) => [...u.unit.restartOn, ...(u.unit.reloadOn ?? [])].some((p) => changed.has(p))).map((u) => u.unit),
    backupDir: changed.size > 0 ? join(SRVCTL_PATHS.backupDir, runId) : undefined,
  })
  release()
  return report
}

/** Restores a backup set and restarts the units so they run the restored files again. */
export async function rollBackRun(target: Target, backup: BackupSet, units: UnitSpec[], progress: Progress): Promise<string[]> {
  return progress.step('Roll back', async () => {
    const restored = backup.restore((path) => onTarget(target, path))
    if (target.mode === 'live') {
      for (const unit of units) {
        // Best effort: a unit that failed with the new config usually starts with the old one.
        await activateUnit(target, unit, 'restart').catch(() => undefined)
      }
    }
    return restored
  })
}
