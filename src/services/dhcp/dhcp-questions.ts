import {ipv4Problem} from '../../lib/validation/net-values.js'
import type {Question} from '../../lib/wizard/questions.js'
import type {DhcpSettingsInput, ScopeInput} from './scope-edits.js'

const RANGE = /^\s*(\S+)\s*-\s*(\S+)\s*$/

function rangeProblem(text: string): string | undefined {
  const match = RANGE.exec(text)
  if (!match) return `'${text}' must be written start-end, e.g. 192.168.10.50-192.168.10.200`
  return ipv4Problem(match[1]) ?? ipv4Problem(match[2])
}

/** The seed's DHCP chapter: one scope with range, exclusions, lease time, router, DNS, domain. */
export function dhcpQuestions(saved: Record<string, unknown>): Question[] {
  const scope = ((saved as DhcpSettingsInput).scopes ?? [])[0]
  return [
    {key: 'interfaces', kind: 'list', optional: true, message: 'Interfaces to serve (empty: relayed requests only)', default: ((saved.interfaces as string[] | undefined) ?? []).join(', ') || undefined},
    {key: 'scope', kind: 'text', message: 'Scope name', default: scope?.name ?? 'office', validate: (v) => (/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(v) ? undefined : 'letters, digits, ".", "_" or "-"')},
    {key: 'range', kind: 'text', message: 'Address range to lease (start-end)', default: scope?.ranges?.[0], validate: rangeProblem},
    {key: 'prefix', kind: 'text', message: 'Prefix length of the subnet', default: '24', validate: (v) => (/^\d+$/.test(v) && Number(v) >= 8 && Number(v) <= 30 ? undefined : 'a number from 8 to 30')},
    {key: 'exclusions', kind: 'list', optional: true, message: 'Exclusions inside the range (start-end; empty: none)', default: scope?.exclusions?.join(', ') || undefined, validate: rangeProblem},
    {key: 'leaseTime', kind: 'text', message: 'Lease duration', default: String(scope?.leaseTime ?? '8d')},
    {key: 'router', kind: 'text', optional: true, message: 'Router (default gateway)', default: scope?.options?.router, validate: ipv4Problem},
    {key: 'dns', kind: 'list', optional: true, message: 'DNS servers', default: scope?.options?.['domain-name-server'], validate: ipv4Problem},
    {key: 'domain', kind: 'text', optional: true, message: 'Domain name for clients', default: scope?.options?.['domain-name']},
  ]
}

function networkOf(address: string, prefix: number): string {
  const [a, b, c, d] = address.split('.').map(Number)
  const value = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0
  const mask = (0xffff_ffff << (32 - prefix)) >>> 0
  const net = (value & mask) >>> 0
  return `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${prefix}`
}

/** Answers → DHCP settings: the answered scope replaces the saved scope of the same name. */
export function dhcpSettingsFromAnswers(answers: Record<string, unknown>, saved: Record<string, unknown>): Record<string, unknown> {
  const range = String(answers.range)
  const options: Record<string, string> = {}
  if (answers.router) options.router = String(answers.router)
  if (Array.isArray(answers.dns) && answers.dns.length > 0) options['domain-name-server'] = answers.dns.join(', ')
  if (answers.domain) options['domain-name'] = String(answers.domain)
  const scope: ScopeInput = {
    name: String(answers.scope),
    subnet: networkOf(range.split('-')[0].trim(), Number(answers.prefix ?? 24)),
    ranges: [range.replaceAll(' ', '')],
    exclusions: ((answers.exclusions as string[] | undefined) ?? []).map((e) => e.replaceAll(' ', '')),
    leaseTime: String(answers.leaseTime ?? '8d'),
    options,
    active: true,
  }
  const others = ((saved as DhcpSettingsInput).scopes ?? []).filter((s) => s.name !== scope.name)
  return {interfaces: answers.interfaces ?? [], scopes: [...others, scope]}
}
