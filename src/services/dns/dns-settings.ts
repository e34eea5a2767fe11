import {z} from 'zod'

import {cidr4Problem, dnsNameProblem, ipv4Problem} from '../../lib/validation/net-values.js'
import {type DnsRecord, inZone, parseRecord, reverseOf} from './dns-records.js'

const ipv4 = z.string().superRefine((v, ctx) => {
  const problem = ipv4Problem(v)
  if (problem) ctx.addIssue({code: 'custom', message: problem})
})

const zoneName = z.string().superRefine((v, ctx) => {
  const problem = dnsNameProblem(v)
  if (problem) ctx.addIssue({code: 'custom', message: problem})
  else if (v.endsWith('.') || !v.includes('.')) ctx.addIssue({code: 'custom', message: `zone '${v}' must be a domain like example.test (no trailing dot)`})
})

const baseSchema = z.object({
  domain: zoneName,
  serverIp: ipv4,
  nameserver: z.string().default('ns1'),
  records: z.array(z.string()).default([]),
  zones: z.array(zoneName).default([]),
  forwarders: z.array(ipv4).default([]),
  allowRecursion: z
    .array(
      z.string().superRefine((v, ctx) => {
        const problem = cidr4Problem(v)
        if (problem) ctx.addIssue({code: 'custom', message: problem})
      }),
    )
    .default([]),
  ttl: z.number().int().min(60).max(604_800).default(3600),
})

export type DnsSettings = z.infer<typeof baseSchema>

export interface ZoneModel {
  /** Absolute, with trailing dot. */
  name: string
  reverse: boolean
  records: DnsRecord[]
}

export class ZoneProblem extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message)
  }
}

/**
 * The forward zones with their records, and one reverse zone per /24 that an
 * A record (or the server itself) lives in, with a PTR per address.
 */
export function buildZones(settings: DnsSettings): ZoneModel[] {
  const origin = settings.domain.toLowerCase()
  const forward: ZoneModel[] = [origin, ...settings.zones.map((z) => z.toLowerCase())].map((name) => ({
    name: `${name}.`,
    reverse: false,
    records: [],
  }))
  const seenZones = new Set<string>()
  for (const [i, zone] of forward.entries()) {
    if (seenZones.has(zone.name)) throw new ZoneProblem(i === 0 ? ['domain'] : ['zones', i - 1], `zone ${zone.name} is listed twice`)
    seenZones.add(zone.name)
  }
  const nsProblem = dnsNameProblem(settings.nameserver)
  if (nsProblem) throw new ZoneProblem(['nameserver'], nsProblem)
  const nsName = settings.nameserver.endsWith('.') ? settings.nameserver.toLowerCase() : `${settings.nameserver}.${origin}.`.toLowerCase()

  const seen = new Map<string, number>()
  for (const [i, text] of settings.records.entries()) {
    let record: DnsRecord
    try {
      record = parseRecord(text, origin)
    } catch (error) {
      throw new ZoneProblem(['records', i], (error as Error).message)
    }
    const key = `${record.fqdn} ${record.type} ${record.data}`
    const earlier = seen.get(key)
    if (earlier !== undefined) throw new ZoneProblem(['records', i], `record '${text}' duplicates records[${earlier}]`)
    seen.set(key, i)
    // The most specific zone that contains the name owns the record.
    const owner = forward.filter((z) => inZone(record.fqdn, z.name)).sort((a, b) => b.name.length - a.name.length)[0]
    if (!owner) {
      throw new ZoneProblem(['records', i], `record '${text}': ${record.fqdn} is outside the zones ${forward.map((z) => z.name.slice(0, -1)).join(', ')}`)
    }
    owner.records.push(record)
  }
  for (const zone of forward) {
    const byName = new Map<string, DnsRecord[]>()
    for (const r of zone.records) byName.set(r.fqdn, [...(byName.get(r.fqdn) ?? []), r])
    for (const [name, records] of byName) {
      if (records.some((r) => r.type === 'CNAME') && (records.length > 1 || name === zone.name)) {
        const cname = records.find((r) => r.type === 'CNAME') as DnsRecord
        throw new ZoneProblem(['records', settings.records.indexOf(cname.source)], `record '${cname.source}': a CNAME cannot sit next to other records for ${name}`)
      }
    }
  }
  // The server's own name, unless the admin gave it.
  const primary = forward[0]
  if (inZone(nsName, primary.name) && !primary.records.some((r) => r.fqdn === nsName)) {
    primary.records.unshift({fqdn: nsName, type: 'A', data: settings.serverIp, source: `${nsName} A ${settings.serverIp}`})
  }

  const reverse = new Map<string, ZoneModel>()
  const ptrDone = new Set<string>()
  for (const zone of forward) {
    for (const r of zone.records) {
      if (r.type !== 'A' || ptrDone.has(r.data)) continue
      ptrDone.add(r.data)
      const {zone: rzone, label} = reverseOf(r.data)
      const model = reverse.get(rzone) ?? {name: rzone, reverse: true, records: []}
      model.records.push({fqdn: `${label}.${rzone}`, type: 'PTR', data: r.fqdn, source: `${label} PTR ${r.fqdn}`})
      reverse.set(rzone, model)
    }
  }
  const reverseZones = [...reverse.values()].sort((a, b) => a.name.localeCompare(b.name))
  for (const z of reverseZones) z.records.sort((a, b) => Number(a.fqdn.split('.')[0]) - Number(b.fqdn.split('.')[0]))
  return [...forward, ...reverseZones]
}

export const dnsSettingsSchema = baseSchema.superRefine((settings, ctx) => {
  try {
    buildZones(settings)
  } catch (error) {
    if (error instanceof ZoneProblem) ctx.addIssue({code: 'custom', message: error.message, path: error.path})
    else throw error
  }
})

/** The nameserver's absolute name. */
export function nameserverFqdn(settings: DnsSettings): string {
  return settings.nameserver.endsWith('.') ? settings.nameserver.toLowerCase() : `${settings.nameserver}.${settings.domain}.`.toLowerCase()
}
