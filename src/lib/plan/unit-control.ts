import {existsSync} from 'node:fs'
import {execa} from 'execa'

import type {UnitSpec} from './plan-types.js'
import {outputSummary, runCommand} from './system-commands.js'
import type {Target} from './target.js'

export type UnitAction = 'restart' | 'reload' | 'start'

/**
 * How units are enabled and (re)started on this machine. With systemd running:
 * systemctl. Without it (containers, CI): `systemctl enable` still works
 * offline, and the daemon is started with its SysV script (Debian) or
 * directly (RHEL has no SysV scripts).
 */
export function describeActivation(target: Target, unit: UnitSpec, action: UnitAction): string[][] {
  const commands: string[][] = []
  if (target.init === 'systemd') {
    commands.push(['systemctl', 'enable', `${unit.name}.service`])
    commands.push(['systemctl', action === 'reload' ? 'reload-or-restart' : action, `${unit.name}.service`])
    return commands
  }
  commands.push(['systemctl', 'enable', `${unit.name}.service`])
  if (unit.sysvName && existsSync(`/etc/init.d/${unit.sysvName}`)) {
    commands.push(['service', unit.sysvName, action === 'start' ? 'start' : action === 'reload' ? 'reload' : 'restart'])
  } else if (unit.directStart) {
    // Shown as what happens; activateUnit signals the running process itself.
    if (action === 'reload') commands.push(['kill', '-HUP', `<${directProcessLabel(unit)}>`])
    else {
      if (action === 'restart') commands.push(['kill', '-TERM', `<${directProcessLabel(unit)}>`])
      commands.push(unit.directStart)
    }
  }
  return commands
}

function directProcessLabel(unit: UnitSpec): string {
  return unit.processPattern ?? unit.directStart?.[0].split('/').pop() ?? unit.name
}

/** Pids of a directly started daemon (pgrep never lists itself or its caller here). */
async function directPids(unit: UnitSpec): Promise<number[]> {
  const argv = unit.processPattern ? ['pgrep', '-f', unit.processPattern] : ['pgrep', '-x', unit.directStart?.[0].split('/').pop() ?? unit.name]
  const result = await runCommand(argv)
  return result.ok ? result.output.split(/\s+/).filter(Boolean).map(Number) : []
}

function signal(pids: number[], name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name)
    } catch {
      // exited meanwhile
    }
  }
}

/** Stops a directly started daemon: TERM, up to 10 s to exit, then KILL. */
async function stopDirect(unit: UnitSpec): Promise<void> {
  const pids = await directPids(unit)
  signal(pids, 'SIGTERM')
  for (let waited = 0; waited < 10_000 && (await directPids(unit)).length > 0; waited += 100) await new Promise((r) => setTimeout(r, 100))
  signal(await directPids(unit), 'SIGKILL')
}

export async function isUnitActive(target: Target, unit: UnitSpec): Promise<boolean> {
  if (target.init === 'systemd') return (await runCommand(['systemctl', 'is-active', '--quiet', `${unit.name}.service`])).ok
  if (unit.sysvName && existsSync(`/etc/init.d/${unit.sysvName}`)) {
    return (await runCommand(['service', unit.sysvName, 'status'])).ok
  }
  if (unit.directStart) return (await directPids(unit)).length > 0
  return false
}

export async function isUnitEnabled(unit: UnitSpec): Promise<boolean | undefined> {
  const result = await runCommand(['systemctl', 'is-enabled', `${unit.name}.service`])
  if (result.exitCode === 127) return undefined
  return result.ok
}

export async function stopUnit(target: Target, unit: UnitSpec, disable: boolean): Promise<string[]> {
  const errors: string[] = []
  const steps: string[][] = []
  if (target.init === 'systemd') steps.push(['systemctl', 'stop', `${unit.name}.service`])
  else if (unit.sysvName && existsSync(`/etc/init.d/${unit.sysvName}`)) steps.push(['service', unit.sysvName, 'stop'])
  else if (unit.directStart) await stopDirect(unit)
  if (disable) steps.push(['systemctl', 'disable', `${unit.name}.service`])
  for (const argv of steps) {
    const result = await runCommand(argv)
    if (!result.ok) errors.push(`${argv.join(' ')}: ${outputSummary(result)}`)
  }
  return errors
}

/** Runs the activation commands; a daemon started directly is detached from srvctl. */
export async function activateUnit(target: Target, unit: UnitSpec, action: UnitAction): Promise<void> {
  for (const argv of describeActivation(target, unit, action)) {
    if (argv[0] === 'kill' && unit.directStart) {
      if (argv[1] === '-HUP') signal(await directPids(unit), 'SIGHUP')
      else await stopDirect(unit)
      continue
    }
    if (argv === unit.directStart) {
      const child = execa(argv[0], argv.slice(1), {detached: true, stdio: 'ignore', reject: false})
      child.unref()
      continue
    }
    const result = await runCommand(argv)
    // `systemctl enable` without systemctl installed (minimal images) is not fatal: the start is what matters.
    if (!result.ok && !(argv[0] === 'systemctl' && argv[1] === 'enable' && target.init === 'none')) {
      throw new Error(`${argv.join(' ')} failed (exit ${result.exitCode}): ${outputSummary(result)}`)
    }
  }
}
