import type {ServiceModule} from '../service-module.js'
import {networkUnits, planNetwork} from './network-plan.js'
import {type NetworkSettings, networkSettingsSchema} from './network-settings.js'

export const networkService: ServiceModule<NetworkSettings> = {
  name: 'network',
  summary: 'Addresses, default route, DNS servers and host name, written for ifupdown, NetworkManager or netplan',
  schema: networkSettingsSchema,
  secretKeys: [],
  plan: planNetwork,
  units: networkUnits,
}
