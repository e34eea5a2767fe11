import {installCommand} from '../../lib/distro/profile.js'
import {UserError} from '../../lib/errors.js'
import type {ApplyReport} from '../../lib/plan/apply-plan.js'
import type {Progress} from '../../lib/plan/progress.js'
import type {Target} from '../../lib/plan/target.js'
import {enableService} from '../../lib/state/state-actions.js'
import {loadDesiredState} from '../../lib/state/desired-state.js'
import {parseWith} from '../../lib/state/validation-message.js'
import {SERVICE_CATALOG, type ServiceUnit} from './service-catalog.js'
import {type ServiceRef, findServiceRef, knownServiceNames, savedName, unitsToTurnOff} from './service-names.js'
import {isEnabledAtBoot, isInstalled, observeUnit} from './service-observe.js'
import {type RuntimeAction, alignRuntime} from './services-runtime.js'
import {type ServicesSettings, mergeToggles, servicesSettingsSchema} from './services-settings.js'

export interface ServiceRow {
  service: string
  unit: string
  summary: string
  installed: boolean
  enabled: boolean | null
  running: boolean | null
}

/**
 * One row per service of the guide's list; a service with several possible
 * units (a mail server is postfix or sendmail) has a row for each installed
 * one, or one row for the usual choice when none is installed.
 */
export async function listServices(target: Target): Promise<ServiceRow[]> {
  const rows: ServiceRow[] = []
  for (const entry of SERVICE_CATALOG) {
    const units = entry.units[target.profile.id]
    const installed = units.filter((u) => isInstalled(target, u))
    for (const unit of installed.length > 0 ? installed : [units[0]]) {
      rows.push({service: entry.name, unit: unit.unit, summary: entry.summary, ...(await observeUnit(target, unit))})
    }
  }
  return rows
}

/** `--on a,b --on c` → [a, b, c]. */
export function splitNames(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)
}

function refOf(name: string, target: Target): ServiceRef {
  const ref = findServiceRef(name, target.profile.id)
  if (!ref) {
    throw new UserError(
      `unknown service '${name}' (known: ${knownServiceNames().join(', ')})`,
      `aliases and ${target.profile.id} unit names work too (sshd or ssh); see \`srvctl services\``,
      'unknown-service',
    )
  }
  return ref
}

function notInstalled(name: string, unit: ServiceUnit, target: Target): UserError {
  return new UserError(
    `${name} cannot be turned on: ${unit.unit} is not installed`,
    `install it first: ${installCommand(target.profile, unit.packages).join(' ')}`,
    'not-installed',
  )
}

/**
 * Which unit `--on NAME` means here: the one named, else the only installed
 * alternative, else the only one already enabled at boot.
 */
async function unitToEnable(name: string, ref: ServiceRef, target: Target): Promise<ServiceUnit> {
  if (ref.unit) {
    if (!isInstalled(target, ref.unit)) throw notInstalled(name, ref.unit, target)
    return ref.unit
  }
  const alternatives = ref.entry.units[target.profile.id]
  const installed = alternatives.filter((u) => isInstalled(target, u))
  if (installed.length === 0) throw notInstalled(name, alternatives[0], target)
  if (installed.length === 1) return installed[0]
  const enabled: ServiceUnit[] = []
  for (const unit of installed) if (await isEnabledAtBoot(target, unit)) enabled.push(unit)
  if (enabled.length === 1) return enabled[0]
  throw new UserError(
    `${name}: ${installed.map((u) => u.unit).join(' and ')} are all installed; name the one to turn on`,
    `e.g. --on ${installed[0].unit}`,
    'ambiguous-service',
  )
}

export interface ServicesRequest {
  on: string[]
  off: string[]
}

export interface ServicesResult {
  on: {service: string; unit: string}[]
  off: {service: string; unit: string}[]
  apply: ApplyReport
  runtime: RuntimeAction[]
}

/**
 * `srvctl enable services`: checks the names, saves the merged on/off lists
 * in the desired state, applies the boot settings through the plan engine,
 * then starts and stops the named services (best effort, reported).
 */
export async function setServices(request: ServicesRequest, target: Target, progress: Progress, command: string): Promise<ServicesResult> {
  if (request.on.length === 0 && request.off.length === 0) {
    throw new UserError('nothing to do: name services with --on and/or --off', 'e.g. srvctl enable services --on sshd,named --off xinetd')
  }
  const distro = target.profile.id
  const onUnits: {service: string; unit: ServiceUnit; saved: string}[] = []
  for (const name of request.on) {
    const ref = refOf(name, target)
    const unit = await unitToEnable(name, ref, target)
    onUnits.push({service: ref.entry.name, unit, saved: savedName(ref.entry, unit, distro)})
  }
  const offUnits: {service: string; unit: ServiceUnit; saved: string}[] = []
  for (const name of request.off) {
    const ref = refOf(name, target)
    const units = unitsToTurnOff(ref, distro)
    // `--off dhcpd --on kea-dhcp4-server`: the unit named in --on stays on, the other DHCP servers go off.
    const remaining = units.filter((u) => !onUnits.some((o) => o.unit === u))
    if (remaining.length === 0) throw new UserError(`${units[0].unit} is named in both --on and --off`, 'name each service once')
    for (const unit of remaining) {
      const saved = remaining.length < units.length ? `${unit.unit}.service` : ref.unit ? savedName(ref.entry, ref.unit, distro) : ref.entry.name
      offUnits.push({service: ref.entry.name, unit, saved})
    }
  }

  const saved = loadDesiredState(target).services.services?.settings ?? {}
  const previous: ServicesSettings = parseWith(servicesSettingsSchema, saved, 'services', 'fix the services entry in /etc/srvctl/srvctl.yaml')
  const merged = mergeToggles(
    previous,
    [...new Set(onUnits.map((o) => o.saved))],
    [...new Set(offUnits.map((o) => o.saved))],
    distro,
  )
  const apply = await enableService('services', merged, target, progress, command)
  const runtime = await alignRuntime(
    target,
    onUnits.map((o) => o.unit),
    offUnits.map((o) => o.unit).filter((u) => isInstalled(target, u)),
    progress,
  )
  return {
    on: onUnits.map((o) => ({service: o.service, unit: o.unit.unit})),
    off: offUnits.map((o) => ({service: o.service, unit: o.unit.unit})),
    apply,
    runtime,
  }
}
