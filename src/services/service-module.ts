import type {z} from 'zod'

import type {DistroProfile} from '../lib/distro/profile.js'
import type {Plan, UnitSpec} from '../lib/plan/plan-types.js'
import type {Question} from '../lib/wizard/questions.js'

/**
 * One service srvctl manages. Pure: settings + profile → plan. The same schema
 * validates flags (`srvctl enable X`), wizard answers and the state file.
 */
export interface ServiceModule<S = unknown> {
  name: string
  summary: string
  schema: z.ZodType<S>
  /** Top-level settings keys that are secrets: stored in the root-only secrets file, masked everywhere. */
  secretKeys: string[]
  plan(settings: S, profile: DistroProfile): Plan
  /** Units of the service, for status and disable. */
  units(profile: DistroProfile): UnitSpec[]
  /** What `srvctl init` asks, given the saved settings (for defaults). Modules without questions are skipped by the wizard. */
  questions?(saved: Record<string, unknown>): Question[]
  /** Turns the answers into settings (default: the answers are the settings). */
  settingsFromAnswers?(answers: Record<string, unknown>, saved: Record<string, unknown>): Record<string, unknown>
}
