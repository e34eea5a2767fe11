import {setTimeout as sleep} from 'node:timers/promises'

import type {Progress} from '../../lib/plan/progress.js'
import type {Target} from '../../lib/plan/target.js'
import {activateUnit, stopUnit} from '../../lib/plan/unit-control.js'
import type {ServiceUnit} from './service-catalog.js'
import {isRunning, sysvScript, unitSpecOf} from './service-observe.js'

export interface RuntimeAction {
  unit: string
  action: 'start' | 'stop'
  /** planned: a dry run would do it; done; failed: see detail. */
  status: 'planned' | 'done' | 'failed'
  detail?: string
}

const SETTLE_MS = 5000

/** Daemons fork and write pid files after the start command returns: wait a little for the process table to agree. */
async function settlesTo(target: Target, unit: ServiceUnit, running: boolean): Promise<boolean | null> {
  let state = await isRunning(target, unit)
  for (let waited = 0; state !== null && state !== running && waited < SETTLE_MS; waited += 100) {
    await sleep(100)
    state = await isRunning(target, unit)
  }
  return state
}

function howToStart(target: Target, unit: ServiceUnit): string | undefined {
  if (target.init === 'systemd' || sysvScript(target, unit) || unit.directStart) return undefined
  return 'systemd is not running and there is no init script or known direct start for it; it starts at the next boot'
}

async function start(target: Target, unit: ServiceUnit): Promise<RuntimeAction> {
  const missing = howToStart(target, unit)
  if (missing) return {unit: unit.unit, action: 'start', status: 'failed', detail: missing}
  try {
    await activateUnit(target, unitSpecOf(target, unit), 'start')
  } catch (error) {
    return {unit: unit.unit, action: 'start', status: 'failed', detail: (error as Error).message.split('\n')[0]}
  }
  const state = await settlesTo(target, unit, true)
  if (state === false) return {unit: unit.unit, action: 'start', status: 'failed', detail: 'the start command succeeded but the daemon is not running (see its log)'}
  return {unit: unit.unit, action: 'start', status: 'done'}
}

async function stop(target: Target, unit: ServiceUnit): Promise<RuntimeAction> {
  const errors = await stopUnit(target, unitSpecOf(target, unit), false)
  const state = await settlesTo(target, unit, false)
  if (state === true) {
    const detail = errors[0]?.split('\n')[0] ?? 'systemd is not running and there is no init script to stop it; it stays off after the next boot'
    return {unit: unit.unit, action: 'stop', status: 'failed', detail}
  }
  return {unit: unit.unit, action: 'stop', status: 'done'}
}

/**
 * Brings the running state in line with a request: starts what was turned on
 * and is not running, stops what was turned off and runs. Best effort: what
 * cannot be started or stopped is reported, the boot setting stays.
 */
export async function alignRuntime(
  target: Target,
  turnOn: ServiceUnit[],
  turnOff: ServiceUnit[],
  progress: Progress,
): Promise<RuntimeAction[]> {
  if (target.root !== '/') return []
  const actions: RuntimeAction[] = []
  for (const [units, running, action] of [
    [turnOn, false, 'start'],
    [turnOff, true, 'stop'],
  ] as const) {
    for (const unit of units) {
      if ((await isRunning(target, unit)) !== running) continue
      if (target.mode === 'dry-run') {
        actions.push({unit: unit.unit, action, status: 'planned'})
        continue
      }
      const label = `${action === 'start' ? 'Start' : 'Stop'} ${unit.unit}`
      actions.push(await progress.step(label, () => (action === 'start' ? start(target, unit) : stop(target, unit))))
    }
  }
  return actions
}
