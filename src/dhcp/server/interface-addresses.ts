import {networkInterfaces} from 'node:os'

import {parseIp4} from '../codec/ip4.js'
import type {Ip4} from '../engine-types.js'
import type {InterfaceAddresses} from './select-scope.js'

/** The host's IPv4 addresses by interface name, as the kernel reports them now. */
export function readInterfaceAddresses(): InterfaceAddresses {
  const result = new Map<string, Ip4[]>()
  for (const [name, entries] of Object.entries(networkInterfaces())) {
    const addresses: Ip4[] = []
    for (const entry of entries ?? []) {
      if (entry.family !== 'IPv4') continue
      const address = parseIp4(entry.address)
      if (address !== undefined) addresses.push(address)
    }
    result.set(name, addresses)
  }
  return result
}
