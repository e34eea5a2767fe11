import {UserError} from '../../lib/errors.js'
import type {ApplyReport} from '../../lib/plan/apply-plan.js'
import type {Progress} from '../../lib/plan/progress.js'
import type {Target} from '../../lib/plan/target.js'
import {loadDesiredState} from '../../lib/state/desired-state.js'
import {enableService} from '../../lib/state/state-actions.js'
import {interfaceNameProblem} from '../network/interface-name.js'
import {type NetworkBackend, detectNetworkBackend, interfaceExists} from '../network/network-backend.js'
import {savedAliasInterfaces} from './alias-edits.js'
import type {AliasInterface} from './alias-settings.js'

export interface SavedAliases {
  interfaces: AliasInterface[]
  backend?: NetworkBackend
}

export function loadSavedAliases(target: Target): SavedAliases {
  const settings = loadDesiredState(target).services.aliases?.settings ?? {}
  return {interfaces: savedAliasInterfaces(settings.interfaces), backend: settings.backend as NetworkBackend | undefined}
}

/** The interface a command is about: the flag, or the only one with aliases. */
export function chosenInterface(flag: string | undefined, saved: SavedAliases, target: Target): string {
  const name = flag ?? (saved.interfaces.length === 1 ? saved.interfaces[0].name : undefined)
  if (!name) throw new UserError('which interface? --interface is missing', 'e.g. --interface eth0 (see `ip link`)')
  const problem = interfaceNameProblem(name)
  if (problem) throw new UserError(`aliases.interface: ${problem}`)
  if (target.root === '/' && !interfaceExists(name)) {
    throw new UserError(`interface ${name} does not exist on this machine`, 'see `ip link` for the names; to prepare another machine, use --root')
  }
  return name
}

/** Saves the new alias list and applies it (files, live addresses, announcements). */
export function applyAliases(target: Target, saved: SavedAliases, interfaces: AliasInterface[], backendFlag: NetworkBackend | undefined, progress: Progress, command: string): Promise<ApplyReport> {
  const backend = backendFlag ?? saved.backend ?? detectNetworkBackend(target.root, target.profile)
  if (backend === 'ifupdown' && target.profile.id === 'rhel') throw new UserError('ifupdown does not exist on RHEL', 'use --backend networkmanager (the RHEL 9 default)')
  return enableService('aliases', {backend, interfaces}, target, progress, command)
}
