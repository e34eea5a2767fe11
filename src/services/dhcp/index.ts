import {type DhcpConfig, dhcpConfigSchema} from '../../dhcp/config/schema.js'
import type {ServiceModule} from '../service-module.js'
import {dhcpUnits, planDhcp} from './dhcp-plan.js'
import {dhcpQuestions, dhcpSettingsFromAnswers} from './dhcp-questions.js'

export const dhcpService: ServiceModule<DhcpConfig> = {
  name: 'dhcp',
  summary: 'DHCPv4 server (built in): scopes, exclusions, reservations, durable leases',
  schema: dhcpConfigSchema as unknown as ServiceModule<DhcpConfig>['schema'],
  secretKeys: [],
  plan: planDhcp,
  units: dhcpUnits,
  questions: dhcpQuestions,
  settingsFromAnswers: dhcpSettingsFromAnswers,
}
