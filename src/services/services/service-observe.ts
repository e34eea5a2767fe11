import {existsSync, readFileSync, readdirSync} from 'node:fs'

import type {UnitSpec} from '../../lib/plan/plan-types.js'
import {runCommand} from '../../lib/plan/system-commands.js'
import {type Target, onTarget} from '../../lib/plan/target.js'
import type {ServiceUnit} from './service-catalog.js'

const UNIT_DIRS = ['/etc/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system']

export interface UnitObservation {
  installed: boolean
  /** null: cannot be told here (no systemctl). */
  enabled: boolean | null
  /** null: cannot be told here (under --root, or a one-shot unit without systemd). */
  running: boolean | null
}

/** The SysV script of a unit on the target, when there is one. */
export function sysvScript(target: Pick<Target, 'root'>, unit: ServiceUnit): string | undefined {
  const name = unit.sysvName ?? unit.unit
  return existsSync(onTarget(target, `/etc/init.d/${name}`)) ? name : undefined
}

/** A unit file or an init script on the target means the service is installed. */
export function isInstalled(target: Pick<Target, 'root'>, unit: ServiceUnit): boolean {
  return UNIT_DIRS.some((dir) => existsSync(onTarget(target, `${dir}/${unit.unit}.service`))) || sysvScript(target, unit) !== undefined
}

/** `systemctl is-enabled` reads unit files only, so it answers without a running systemd (and under --root). */
export async function isEnabledAtBoot(target: Pick<Target, 'root'>, unit: ServiceUnit): Promise<boolean | null> {
  const rootFlag = target.root === '/' ? [] : [`--root=${target.root}`]
  const result = await runCommand(['systemctl', ...rootFlag, 'is-enabled', '--quiet', `${unit.unit}.service`])
  if (result.exitCode === 127) return null
  return result.ok
}

/**
 * A process with this command name that is not a zombie (a daemon that
 * exited under an init that does not reap stays in the table as one).
 */
function processRuns(name: string): boolean {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    } catch {
      continue // exited while we looked
    }
    // "pid (comm) state …"; comm may itself contain parentheses.
    const close = stat.lastIndexOf(')')
    if (stat.slice(stat.indexOf('(') + 1, close) === name && stat[close + 2] !== 'Z') return true
  }
  return false
}

/**
 * Whether the daemon runs now, on this machine only. Without systemd the
 * process table is asked first: some init scripts answer "status" with 0
 * when they have nothing to run (keepalived without a config).
 */
export async function isRunning(target: Target, unit: ServiceUnit): Promise<boolean | null> {
  if (target.root !== '/') return null
  if (target.init === 'systemd') return (await runCommand(['systemctl', 'is-active', '--quiet', `${unit.unit}.service`])).ok
  if (unit.oneshot) return null
  if (unit.process) return processRuns(unit.process)
  const script = sysvScript(target, unit)
  if (script) return (await runCommand(['service', script, 'status'])).ok
  return null
}

export async function observeUnit(target: Target, unit: ServiceUnit): Promise<UnitObservation> {
  if (!isInstalled(target, unit)) return {installed: false, enabled: false, running: target.root === '/' ? false : null}
  return {installed: true, enabled: await isEnabledAtBoot(target, unit), running: await isRunning(target, unit)}
}

/** The engine's view of a catalog unit, for starting and stopping it. */
export function unitSpecOf(target: Pick<Target, 'root'>, unit: ServiceUnit): UnitSpec {
  return {name: unit.unit, sysvName: sysvScript(target, unit), directStart: unit.directStart, restartOn: []}
}
