import {Flags} from '@oclif/core'

import {UserError} from '../errors.js'
import type {ScopeInput} from '../../services/dhcp/scope-edits.js'

/** The flags that describe a scope, shared by `dhcp scope add` and `dhcp scope set`. */
export const scopeFlags = {
  description: Flags.string({summary: 'Free text shown in listings.'}),
  subnet: Flags.string({summary: 'The scope\'s network, e.g. 192.168.10.0/24 (default: from the first --range and --prefix).', helpValue: 'CIDR'}),
  range: Flags.string({summary: 'Addresses to hand out, start-end. Repeatable.', multiple: true, helpValue: 'START-END'}),
  prefix: Flags.integer({summary: 'Prefix length when --subnet is not given (24 = 255.255.255.0).', min: 8, max: 30}),
  exclude: Flags.string({summary: 'Addresses inside the range never handed out, start-end. Repeatable.', multiple: true, helpValue: 'START-END'}),
  'lease-time': Flags.string({summary: 'Lease duration: seconds or 8d, 12h, 30m (default 8d).', helpValue: 'DURATION'}),
  router: Flags.string({summary: 'Default gateway (option 3).', helpValue: 'IP'}),
  dns: Flags.string({summary: 'DNS server (option 6). Repeatable or comma-separated.', multiple: true, helpValue: 'IP'}),
  domain: Flags.string({summary: 'Domain name (option 15).', helpValue: 'DOMAIN'}),
  option: Flags.string({summary: 'Any option by name or code: "NAME VALUE", e.g. "ntp-servers 192.168.10.1" or "252 hex:0a0b". Repeatable.', multiple: true}),
  interface: Flags.string({summary: 'Serve this scope on this interface (default: the interface whose address is in the subnet).', helpValue: 'IFACE'}),
}

export interface ScopeFlagValues {
  description?: string
  subnet?: string
  range?: string[]
  prefix?: number
  exclude?: string[]
  'lease-time'?: string
  router?: string
  dns?: string[]
  domain?: string
  option?: string[]
  interface?: string
}

function networkOf(address: string, prefix: number): string {
  const parts = address.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new UserError(`--range start '${address}' is not an IPv4 address`, 'write ranges like 192.168.10.50-192.168.10.200')
  }
  const value = ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0
  const mask = prefix === 0 ? 0 : (0xffff_ffff << (32 - prefix)) >>> 0
  const net = (value & mask) >>> 0
  return `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${prefix}`
}

/** Flags → the parts of a scope they set (undefined = not given). */
export function scopeFromFlags(flags: ScopeFlagValues): Partial<ScopeInput> {
  const options: Record<string, string> = {}
  if (flags.router !== undefined) options.router = flags.router
  if (flags.dns !== undefined) options['domain-name-server'] = flags.dns.flatMap((d) => d.split(',')).map((d) => d.trim()).filter(Boolean).join(', ')
  if (flags.domain !== undefined) options['domain-name'] = flags.domain
  for (const text of flags.option ?? []) {
    const match = /^\s*(\S+)\s*(.*)$/.exec(text)
    if (!match) throw new UserError(`--option '${text}' must be "NAME VALUE"`, 'e.g. --option "ntp-servers 192.168.10.1"')
    options[match[1]] = match[2]
  }
  let subnet = flags.subnet
  if (subnet === undefined && flags.range?.length) subnet = networkOf(flags.range[0].split('-')[0].trim(), flags.prefix ?? 24)
  return {
    description: flags.description,
    subnet,
    ranges: flags.range,
    exclusions: flags.exclude,
    leaseTime: flags['lease-time'],
    options: Object.keys(options).length > 0 ? options : undefined,
    interface: flags.interface,
  }
}
