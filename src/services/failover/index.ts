import type {ServiceModule} from '../service-module.js'
import {failoverUnits, planFailover} from './failover-plan.js'
import {type FailoverSettings, failoverSettingsSchema} from './failover-settings.js'
import {failoverQuestions, failoverSettingsFromAnswers} from './failover-questions.js'

export const failoverService: ServiceModule<FailoverSettings> = {
  name: 'failover',
  summary: 'A shared address that moves to a peer in seconds (keepalived VRRP, unicast, health checks)',
  schema: failoverSettingsSchema,
  secretKeys: ['authPass'],
  plan: planFailover,
  questions: failoverQuestions,
  settingsFromAnswers: failoverSettingsFromAnswers,
  units: failoverUnits,
}
