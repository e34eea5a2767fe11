import type {ServiceModule} from '../service-module.js'
import {dnsUnits, planDns} from './dns-plan.js'
import {dnsQuestions} from './dns-questions.js'
import {type DnsSettings, dnsSettingsSchema} from './dns-settings.js'

export const dnsService: ServiceModule<DnsSettings> = {
  name: 'dns',
  summary: 'DNS server (BIND 9): forward and reverse zones, forwarders, recursion for local networks',
  schema: dnsSettingsSchema,
  secretKeys: [],
  plan: planDns,
  units: dnsUnits,
  questions: dnsQuestions,
}
