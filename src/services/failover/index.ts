import type {ServiceModule} from '../service-module.js'
import {failoverUnits, planFailover} from './failover-plan.js'
import {type FailoverSettings, failoverSettingsSchema} from './failover-settings.js'

export const failoverService: ServiceModule<FailoverSettings> = {
  name: 'failover',
  summary: 'A shared address that moves to a peer in seconds (keepalived VRRP, unicast, health checks)',
  schema: failoverSettingsSchema,
  secretKeys: ['authPass'],
  plan: planFailover,
  units: failoverUnits,
}
