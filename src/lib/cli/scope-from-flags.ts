import type {ScopeInput} from '../../services/dhcp/scope-edits.js'
import {UserError} from '../errors.js'

// Kept apart from the oclif flag definitions so that \`srvctl dhcp serve\`,
// which starts without oclif, can build a scope from its flags too.

/** Help text of the scope flags that \`dhcp scope add|set\` and \`dhcp serve\` share. */
export const SCOPE_FLAG_TEXT = {
  range: {summary: 'Addresses to hand out, start-end. Repeatable.', helpValue: 'START-END'},
  exclude: {summary: 'Addresses inside the range never handed out, start-end. Repeatable.', helpValue: 'START-END'},
  'lease-time': {summary: 'Lease duration: seconds or 8d, 12h, 30m (default 8d).', helpValue: 'DURATION'},
  router: {summary: 'Default gateway (option 3).', helpValue: 'IP'},
  dns: {summary: 'DNS server (option 6). Repeatable or comma-separated.', helpValue: 'IP'},
  domain: {summary: 'Domain name (option 15).', helpValue: 'DOMAIN'},
  option: {summary: 'Any option by name or code: "NAME VALUE", e.g. "ntp-servers 192.168.10.1" or "252 hex:0a0b". Repeatable.', helpValue: 'OPTION'},
} as const

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
