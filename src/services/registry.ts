import {UserError} from '../lib/errors.js'
import {aliasesService} from './aliases/index.js'
import {dhcpService} from './dhcp/index.js'
import {dnsService} from './dns/index.js'
import {failoverService} from './failover/index.js'
import {networkService} from './network/index.js'
import type {ServiceModule} from './service-module.js'
import {servicesService} from './services/index.js'

// Every service srvctl manages, in the order the guide walks them.
// (Users are copied by `srvctl users copy`, a one-off action, not a module.)
const MODULES: ServiceModule<never>[] = [
  networkService as ServiceModule<never>,
  servicesService as ServiceModule<never>,
  aliasesService as ServiceModule<never>,
  failoverService as ServiceModule<never>,
  dnsService as ServiceModule<never>,
  dhcpService as ServiceModule<never>,
]

export function allServices(): ServiceModule<unknown>[] {
  return MODULES as ServiceModule<unknown>[]
}

export function findService(name: string): ServiceModule<unknown> {
  const found = MODULES.find((m) => m.name === name)
  if (!found) {
    throw new UserError(`unknown service '${name}'`, `known services: ${MODULES.map((m) => m.name).join(', ')}`, 'unknown-service')
  }
  return found as ServiceModule<unknown>
}

export function secretKeysOf(name: string): string[] {
  return MODULES.find((m) => m.name === name)?.secretKeys ?? []
}
