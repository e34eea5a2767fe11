import type {ApplyReport} from '../../lib/plan/apply-plan.js'
import type {Progress} from '../../lib/plan/progress.js'
import type {Target} from '../../lib/plan/target.js'
import {loadDesiredState} from '../../lib/state/desired-state.js'
import {enableService} from '../../lib/state/state-actions.js'
import type {DhcpSettingsInput} from './scope-edits.js'

/** The DHCP settings as saved (as written by the admin), or empty ones. */
export function savedDhcpSettings(target: Target): DhcpSettingsInput {
  return (loadDesiredState(target).services.dhcp?.settings ?? {}) as DhcpSettingsInput
}

/** Validates the whole DHCP configuration, saves it and applies it (the server reloads). */
export async function saveDhcpSettings(settings: DhcpSettingsInput, target: Target, progress: Progress, command: string): Promise<ApplyReport> {
  return enableService('dhcp', settings as Record<string, unknown>, target, progress, command)
}
