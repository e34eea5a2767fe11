import {z} from 'zod'

import {dnsNameProblem, ipv4Problem} from '../../lib/validation/net-values.js'
import {hostAddressProblem, inSubnet, parseHostAddress} from './host-address.js'
import {hostNameProblem} from './host-name.js'
import {interfaceNameProblem} from './interface-name.js'

/** A string checked by one of the one-line validators; `missing` is the message when it is not given at all. */
export function checkedString(problemOf: (value: string) => string | undefined, missing?: string) {
  const base = missing ? z.string({error: (issue) => (issue.input === undefined ? missing : undefined)}) : z.string()
  return base.superRefine((value, ctx) => {
    const problem = problemOf(value)
    if (problem) ctx.addIssue({code: 'custom', message: problem})
  })
}

const searchDomain = checkedString((value) => dnsNameProblem(value) ?? (value.endsWith('.') ? `search domain '${value}' must not end with a dot` : undefined))

const interfaceSchema = z
  .object({
    name: checkedString(interfaceNameProblem),
    dhcp: z.boolean().default(false),
    address: checkedString(hostAddressProblem).optional(),
    gateway: checkedString(ipv4Problem).optional(),
  })
  .superRefine((entry, ctx) => {
    if (entry.dhcp) {
      if (entry.address) ctx.addIssue({code: 'custom', path: ['address'], message: `${entry.name} uses DHCP: give either an address or DHCP, not both`})
      if (entry.gateway) ctx.addIssue({code: 'custom', path: ['gateway'], message: `${entry.name} uses DHCP: the gateway comes from the DHCP server`})
      return
    }
    if (!entry.address) {
      ctx.addIssue({code: 'custom', path: ['address'], message: `${entry.name} needs an address (e.g. --address 192.168.10.2/24) or --dhcp`})
      return
    }
    if (!entry.gateway || hostAddressProblem(entry.address) || ipv4Problem(entry.gateway)) return
    const host = parseHostAddress(entry.address)
    if (entry.gateway === host.address) ctx.addIssue({code: 'custom', path: ['gateway'], message: `gateway ${entry.gateway} is the address of ${entry.name} itself`})
    else if (!inSubnet(entry.gateway, host)) {
      ctx.addIssue({code: 'custom', path: ['gateway'], message: `gateway ${entry.gateway} is outside ${entry.name}'s network ${host.cidr}`})
    }
  })

export type InterfaceSettings = z.infer<typeof interfaceSchema>

export const networkSettingsSchema = z
  .object({
    /** Detected by `srvctl enable network`; without it the family's default is used. */
    backend: z.enum(['ifupdown', 'networkmanager', 'netplan']).optional(),
    /** False when /etc/resolv.conf belongs to resolvconf/systemd-resolved (a symlink). */
    writeResolvConf: z.boolean().default(true),
    interfaces: z.array(interfaceSchema).min(1, 'at least one interface is needed (--interface)'),
    dns: z.array(checkedString(ipv4Problem)).max(3, 'at most 3 DNS servers (the resolver reads no more)').default([]),
    search: z.array(searchDomain).max(6, 'at most 6 search domains').default([]),
    hostname: checkedString(hostNameProblem).optional(),
  })
  .superRefine((settings, ctx) => {
    const seen = new Set<string>()
    for (const [i, entry] of settings.interfaces.entries()) {
      if (seen.has(entry.name)) ctx.addIssue({code: 'custom', path: ['interfaces', i, 'name'], message: `interface ${entry.name} is listed twice`})
      seen.add(entry.name)
    }
    const withGateway = settings.interfaces.filter((entry) => entry.gateway)
    if (withGateway.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['interfaces'],
        message: `only one interface can have the default gateway (${withGateway.map((e) => e.name).join(' and ')} both have one)`,
      })
    }
  })

export type NetworkSettings = z.infer<typeof networkSettingsSchema>
