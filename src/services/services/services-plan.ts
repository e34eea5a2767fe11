import type {DistroProfile} from '../../lib/distro/profile.js'
import {type Plan, emptyPlan} from '../../lib/plan/plan-types.js'
import type {CatalogEntry, ServiceUnit} from './service-catalog.js'
import {findServiceRef, unitToTurnOn, unitsToTurnOff} from './service-names.js'
import type {ServicesSettings} from './services-settings.js'

export interface ResolvedToggle {
  /** The name as saved in the desired state. */
  name: string
  entry: CatalogEntry
  unit: ServiceUnit
}

/** The units the saved lists mean on this distribution; names that mean nothing here are left out. */
export function resolveToggles(settings: ServicesSettings, profile: DistroProfile): {on: ResolvedToggle[]; off: ResolvedToggle[]; unknown: string[]} {
  const on: ResolvedToggle[] = []
  const off: ResolvedToggle[] = []
  const unknown: string[] = []
  for (const name of settings.on) {
    const ref = findServiceRef(name, profile.id)
    if (ref) on.push({name, entry: ref.entry, unit: unitToTurnOn(ref, profile.id)})
    else unknown.push(name)
  }
  for (const name of settings.off) {
    const ref = findServiceRef(name, profile.id)
    if (!ref) unknown.push(name)
    else for (const unit of unitsToTurnOff(ref, profile.id)) if (!off.some((o) => o.unit === unit)) off.push({name, entry: ref.entry, unit})
  }
  return {on, off, unknown}
}

/**
 * Enablement at boot as plan commands. Each command first probes
 * `systemctl is-enabled` (works without a running systemd), so only real
 * changes run, and a rollback only reverts what this run changed.
 */
export function planServices(settings: ServicesSettings, profile: DistroProfile): Plan {
  const plan = emptyPlan('services', profile.id)
  const {on, off, unknown} = resolveToggles(settings, profile)
  for (const {entry, unit} of on) {
    const name = `${unit.unit}.service`
    plan.commands.push({
      description: `Enable ${unit.unit} at boot (${entry.name})`,
      argv: ['systemctl', 'enable', name],
      runWhen: [],
      undo: ['systemctl', 'disable', name],
      unlessOk: ['systemctl', 'is-enabled', '--quiet', name],
    })
  }
  for (const {entry, unit} of off) {
    const name = `${unit.unit}.service`
    plan.commands.push({
      description: `Disable ${unit.unit} at boot (${entry.name})`,
      argv: ['systemctl', 'disable', name],
      runWhen: [],
      undo: ['systemctl', 'enable', name],
      // Not installed, masked or already disabled: nothing to do.
      unlessOk: ['sh', '-c', '! systemctl is-enabled --quiet "$1"', 'sh', name],
    })
  }
  if (off.some((o) => o.entry.name === 'sshd')) plan.notes.push('sshd is turned off: remote logins over SSH stop working')
  for (const name of unknown) plan.notes.push(`'${name}' means no service on ${profile.id}: ignored`)
  return plan
}
