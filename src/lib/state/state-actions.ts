import {existsSync} from 'node:fs'
import {join} from 'node:path'

import {allServices, findService, secretKeysOf} from '../../services/registry.js'
import {detectDistro, detectInitSystem} from '../distro/detect-distro.js'
import type {DistroId} from '../distro/profile.js'
import {ApplyError, UserError} from '../errors.js'
import {type ApplyReport, applyPlan, rollBackRun} from '../plan/apply-plan.js'
import {BackupSet} from '../plan/backup-set.js'
import {readManagedIndex, sha256, writeManagedIndex} from '../plan/managed-index.js'
import {readFileSync} from 'node:fs'
import {type Plan, emptyPlan, mergePlans} from '../plan/plan-types.js'
import type {Progress} from '../plan/progress.js'
import {acquireRunLock} from '../plan/run-lock.js'
import {type RunRecord, newRunId, readRunHistory, writeRunRecord} from '../plan/run-history.js'
import {SRVCTL_PATHS, type Target, normaliseRoot, onTarget} from '../plan/target.js'
import {isUnitActive, isUnitEnabled, stopUnit} from '../plan/unit-control.js'
import {type DesiredState, loadDesiredState, stateFiles} from './desired-state.js'
import {parseWith} from './validation-message.js'

export interface TargetFlags {
  root?: string
  'dry-run'?: boolean
  distro?: DistroId
  force?: boolean
}

export function targetFromFlags(flags: TargetFlags): Target {
  const root = normaliseRoot(flags.root)
  if (root !== '/' && !existsSync(root)) throw new UserError(`--root ${flags.root} does not exist`, 'create the directory first')
  return {
    root,
    mode: flags['dry-run'] ? 'dry-run' : root === '/' ? 'live' : 'root',
    profile: detectDistro(root, flags.distro),
    init: detectInitSystem(),
    force: flags.force === true,
  }
}

function planService(state: DesiredState, name: string, target: Target): Plan {
  const module = findService(name)
  const settings = parseWith(module.schema, state.services[name].settings, `${name}`, `fix ${SRVCTL_PATHS.stateFile} or rerun srvctl enable ${name}`)
  return module.plan(settings, target.profile)
}

function withStateFiles(plans: Plan[], state: DesiredState, target: Target): Plan {
  const statePlan = emptyPlan('state', target.profile.id)
  statePlan.files.push(...stateFiles(state, secretKeysOf))
  const merged = mergePlans([...plans, statePlan])
  merged.service = plans.map((p) => p.service).join('+') || 'state'
  return merged
}

/** Validates the settings for one service, saves them in the desired state and applies that service. */
export async function enableService(
  name: string,
  given: Record<string, unknown>,
  target: Target,
  progress: Progress,
  command: string,
): Promise<ApplyReport> {
  return enableServices({[name]: given}, target, progress, command)
}

/**
 * Several services at once, as one run (the wizard): each one's given settings
 * are merged into its saved ones and validated before anything is planned.
 */
export async function enableServices(
  given: Record<string, Record<string, unknown>>,
  target: Target,
  progress: Progress,
  command: string,
): Promise<ApplyReport> {
  const state = loadDesiredState(target)
  const plans: Plan[] = []
  for (const [name, values] of Object.entries(given)) {
    const module = findService(name)
    const merged: Record<string, unknown> = {...(state.services[name]?.settings ?? {})}
    for (const [key, value] of Object.entries(values)) if (value !== undefined) merged[key] = value
    const settings = parseWith(module.schema, merged, name)
    state.services[name] = {enabled: true, settings: merged}
    plans.push(module.plan(settings, target.profile))
  }
  return applyPlan(withStateFiles(plans, state, target), {target, progress, command})
}

/** Plans (or applies) every enabled service of the saved desired state. */
export async function applyDesiredState(target: Target, progress: Progress, command: string, only?: string): Promise<ApplyReport> {
  const state = loadDesiredState(target)
  const names = Object.keys(state.services).filter((n) => state.services[n].enabled && (!only || n === only))
  if (only && !state.services[only]) throw new UserError(`${only} is not configured`, `configure it with srvctl enable ${only}`)
  const plans = names.map((n) => planService(state, n, target))
  return applyPlan(withStateFiles(plans, state, target), {target, progress, command})
}

export interface DisableReport {
  service: string
  stopped: string[]
  problems: string[]
  state: ApplyReport
}

/** Marks a service disabled in the desired state and stops/disables its units. Config files stay. */
export async function disableService(name: string, target: Target, progress: Progress, command: string): Promise<DisableReport> {
  const module = findService(name)
  const state = loadDesiredState(target)
  if (!state.services[name]) throw new UserError(`${name} is not configured`, 'nothing to disable')
  state.services[name].enabled = false
  const report = await applyPlan(withStateFiles([], state, target), {target, progress, command})
  const problems: string[] = []
  const stopped: string[] = []
  if (target.mode === 'live') {
    for (const unit of module.units(target.profile)) {
      problems.push(...(await progress.step(`Stop and disable ${unit.name}`, () => stopUnit(target, unit, true))))
      stopped.push(unit.name)
    }
  }
  return {service: name, stopped, problems, state: report}
}

export interface ServiceStatus {
  service: string
  configured: boolean
  enabled: boolean
  units: {name: string; enabledAtBoot?: boolean; active?: boolean}[]
  lastRun?: {id: string; status: string; finishedAt: string}
}

export async function serviceStatus(target: Target): Promise<ServiceStatus[]> {
  const state = loadDesiredState(target)
  const history = readRunHistory(onTarget(target, SRVCTL_PATHS.historyDir))
  const result: ServiceStatus[] = []
  for (const module of allServices()) {
    const entry = state.services[module.name]
    const last = [...history].reverse().find((r) => r.services.includes(module.name))
    const units = []
    for (const unit of module.units(target.profile)) {
      units.push(
        target.root === '/'
          ? {name: unit.name, enabledAtBoot: await isUnitEnabled(unit), active: await isUnitActive(target, unit)}
          : {name: unit.name},
      )
    }
    result.push({
      service: module.name,
      configured: entry !== undefined,
      enabled: entry?.enabled ?? false,
      units,
      lastRun: last ? {id: last.id, status: last.status, finishedAt: last.finishedAt} : undefined,
    })
  }
  return result
}

export function runHistory(target: Target): RunRecord[] {
  return readRunHistory(onTarget(target, SRVCTL_PATHS.historyDir))
}

export interface RollbackReport {
  run: string
  undid: string
  restored: string[]
  restarted: string[]
}

/**
 * Puts back the files a run replaced (default: the latest run that changed
 * something). The rollback is itself a run with its own backup, so it can be
 * rolled back too.
 */
export async function rollbackRun(target: Target, runId: string | undefined, progress: Progress, command: string): Promise<RollbackReport> {
  const history = runHistory(target)
  const candidates = history.filter((r) => r.backupDir && (r.status === 'applied' || r.status === 'rollback'))
  const record = runId ? history.find((r) => r.id === runId) : candidates.at(-1)
  if (!record) {
    throw new UserError(runId ? `no run ${runId} in the history` : 'no run with changes to roll back', 'see `srvctl history`')
  }
  if (!record.backupDir) throw new UserError(`run ${record.id} changed no files (status ${record.status})`, 'pick another run from `srvctl history`')
  if (target.mode === 'dry-run') {
    const backup = BackupSet.load(onTarget(target, record.backupDir))
    return {run: '', undid: record.id, restored: backup.paths, restarted: []}
  }
  const release = acquireRunLock(onTarget(target, SRVCTL_PATHS.lockFile), command)
  try {
    const source = BackupSet.load(onTarget(target, record.backupDir))
    const id = newRunId()
    const undo = new BackupSet(onTarget(target, join(SRVCTL_PATHS.backupDir, id)))
    for (const path of source.paths) undo.save(path, onTarget(target, path))
    const startedAt = new Date().toISOString()
    let restored: string[]
    try {
      restored = await rollBackRun(target, source, record.units ?? [], progress)
    } catch (error) {
      throw new ApplyError('rollback', (error as Error).message)
    }
    // The restored files are srvctl's again: record them so they do not look hand-edited.
    const indexPath = onTarget(target, SRVCTL_PATHS.managedIndex)
    const index = readManagedIndex(indexPath)
    for (const path of restored) {
      const live = onTarget(target, path)
      if (existsSync(live)) index[path] = {sha256: sha256(readFileSync(live)), run: id, service: record.services.join('+')}
      else delete index[path]
    }
    writeManagedIndex(indexPath, index)
    writeRunRecord(onTarget(target, SRVCTL_PATHS.historyDir), {
      id,
      command,
      services: record.services,
      mode: target.mode === 'root' ? 'root' : 'live',
      startedAt,
      finishedAt: new Date().toISOString(),
      status: 'rollback',
      rollbackOf: record.id,
      changedFiles: restored,
      restartedUnits: target.mode === 'live' ? (record.units ?? []).map((u) => u.name) : [],
      units: record.units ?? [],
      backupDir: join(SRVCTL_PATHS.backupDir, id),
    })
    return {run: id, undid: record.id, restored, restarted: target.mode === 'live' ? (record.units ?? []).map((u) => u.name) : []}
  } finally {
    release()
  }
}
