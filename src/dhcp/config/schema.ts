import {z} from 'zod'

import {checkDhcpConfig} from './check-config.js'
import {parseDuration} from './duration.js'
import {normalizeClientId, normalizeHwaddr} from './hardware-id.js'
import {isIp4Text, normalizeSubnet} from './subnet.js'

// The schema both validates and normalises: durations become seconds, a
// subnet gets its network address and prefix, MACs become lowercase
// colon-separated, option values become one line of text. Cross-field rules
// (overlaps, containment, duplicates) run afterwards in checkDhcpConfig so each
// problem is reported once, as one line that says what to change.

export const DEFAULT_LEASE_FILE = '/var/lib/srvctl/dhcp4.leases'
export const DEFAULT_LEASE_TIME = 691_200
export const DEFAULT_DECLINE_QUARANTINE = 86_400
export const DEFAULT_OFFER_HOLD = 30
export const DEFAULT_WARNING_INTERVAL = 60
/** A real client sends a handful of packets a minute; 20 in a burst and 2 a second after that leave room for retries and two relays. */
export const DEFAULT_PER_CLIENT_RATE = {packets: 20, perSeconds: 10}
/** Shared by every client without a lease or offer; clients that have one are never held back by it. */
export const DEFAULT_NEW_CLIENTS_RATE = {packets: 2000, perSeconds: 1}
/** 65 536 tracked clients take about 10 MB; past that the least recently seen is forgotten. */
export const DEFAULT_TRACKED_CLIENTS = 65_536
const MIN_LEASE_TIME = 10
const MAX_LEASE_TIME = 0xffff_fffe // 0xffffffff means "infinite" on the wire

const duration = (what: string, min: number, max: number) =>
  z.union([z.string(), z.number()]).transform((value, ctx) => {
    const seconds = parseDuration(value)
    if (seconds === undefined) {
      ctx.addIssue({code: 'custom', message: `${what} "${value}" is not a duration: write seconds or a number with s, m, h, d or w (8d, 12h, 30m, 3600)`})
      return z.NEVER
    }
    if (seconds < min || seconds > max) {
      ctx.addIssue({code: 'custom', message: `${what} must be between ${min} and ${max} seconds, got ${seconds}`})
      return z.NEVER
    }
    return seconds
  })

const ip4 = (what: string) =>
  z.string({error: `${what} must be an IPv4 address such as 192.168.10.1`}).trim().refine(isIp4Text, {
    error: (issue) => `${what} "${String(issue.input)}" is not an IPv4 address (write it like 192.168.10.1)`,
  })

/** An inclusive range, written `{start, end}` or as the text `a.b.c.d-a.b.c.e`. */
const addressRange = (what: string) =>
  z.union([
    z.object({start: ip4(`${what} start`), end: ip4(`${what} end`)}),
    z.string().transform((text, ctx) => {
      const [start, end, extra] = text.split('-').map((part) => part.trim())
      if (extra !== undefined || !start || !end || !isIp4Text(start) || !isIp4Text(end)) {
        ctx.addIssue({code: 'custom', message: `${what} "${text}" must be written start-end, e.g. 192.168.10.50-192.168.10.200`})
        return z.NEVER
      }
      return {start, end}
    }),
  ])

/**
 * A packet rate: `{packets: 20, perSeconds: 10}` or the text `20/10s`; `false`
 * or `off` turns the limit off.
 */
const packetRate = (what: string) =>
  z
    .union([z.literal(false), z.string(), z.object({packets: z.number(), perSeconds: z.union([z.number(), z.string()])}).strict()], {
      error: `${what} must be {packets: N, perSeconds: S}, a text such as 20/10s, or off`,
    })
    .transform((value, ctx): {packets: number; perSeconds: number} | false => {
      if (value === false) return false
      let packets: number
      let per: number | string
      if (typeof value === 'string') {
        const text = value.trim().toLowerCase()
        if (text === 'off' || text === 'false') return false
        const match = /^(\d+)\s*\/\s*(\S+)$/.exec(text)
        if (!match) {
          ctx.addIssue({code: 'custom', message: `${what} "${value}" must be written PACKETS/DURATION (e.g. 20/10s) or off`})
          return z.NEVER
        }
        packets = Number(match[1])
        per = match[2]
      } else {
        packets = value.packets
        per = value.perSeconds
      }
      const perSeconds = parseDuration(per)
      if (!Number.isSafeInteger(packets) || packets < 1 || packets > 10_000_000) {
        ctx.addIssue({code: 'custom', message: `${what} packets must be a whole number from 1 to 10000000, got ${packets}`})
        return z.NEVER
      }
      if (perSeconds === undefined || perSeconds < 1 || perSeconds > 86_400) {
        ctx.addIssue({code: 'custom', message: `${what} period "${per}" must be a duration from 1s to 1d (e.g. 10s, 1m)`})
        return z.NEVER
      }
      return {packets, perSeconds}
    })

const rateLimitObject = z
  .object({
    perClient: packetRate('rateLimit.perClient').default(() => ({...DEFAULT_PER_CLIENT_RATE})),
    newClients: packetRate('rateLimit.newClients').default(() => ({...DEFAULT_NEW_CLIENTS_RATE})),
    trackedClients: z
      .number({error: 'rateLimit.trackedClients must be a number'})
      .int()
      .min(16, {error: 'rateLimit.trackedClients must be at least 16'})
      .max(10_000_000, {error: 'rateLimit.trackedClients must be at most 10000000'})
      .default(DEFAULT_TRACKED_CLIENTS),
  })
  .strict()

/** `rateLimit: false` (or `off`) turns both limits off. */
const rateLimit = z.preprocess((value) => (value === false || value === 'off' ? {perClient: false, newClients: false} : value), rateLimitObject)

/** YAML lists and numbers are accepted for option values; the codec reads one line of text. */
const optionValue = z
  .union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))])
  .transform((value) => (Array.isArray(value) ? value.join(', ') : String(value)).trim())

/** A fixed address for one client, matched by MAC or by client identifier (option 61). */
export interface DhcpReservation {
  hwaddr?: string
  clientId?: string
  address: string
  hostname?: string
}

const reservation = z
  .object({
    hwaddr: z.string().optional(),
    clientId: z.string().optional(),
    address: ip4('reservation address'),
    hostname: z
      .string()
      .regex(/^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/, {error: 'reservation hostname must be letters, digits and "-" (at most 63)'})
      .optional(),
  })
  .strict()
  .transform((value, ctx): DhcpReservation => {
    if ((value.hwaddr === undefined) === (value.clientId === undefined)) {
      ctx.addIssue({code: 'custom', message: `reservation for ${value.address} needs exactly one of hwaddr or clientId`})
      return z.NEVER
    }
    if (value.hwaddr !== undefined) {
      const hwaddr = normalizeHwaddr(value.hwaddr)
      if (!hwaddr) {
        ctx.addIssue({code: 'custom', message: `reservation hwaddr "${value.hwaddr}" is not a MAC address (write it like 08:00:27:aa:bb:cc)`})
        return z.NEVER
      }
      return {hwaddr, address: value.address, ...(value.hostname ? {hostname: value.hostname} : {})}
    }
    const clientId = normalizeClientId(value.clientId ?? '')
    if (!clientId) {
      ctx.addIssue({code: 'custom', message: `reservation clientId "${value.clientId}" must be hex bytes (e.g. 01:08:00:27:aa:bb:cc)`})
      return z.NEVER
    }
    return {clientId, address: value.address, ...(value.hostname ? {hostname: value.hostname} : {})}
  })

export const dhcpScopeSchema = z
  .object({
    name: z
      .string({error: 'every scope needs a name'})
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, {error: 'scope name must be letters, digits, ".", "_" or "-" (at most 63)'}),
    description: z.string().default(''),
    subnet: z.string({error: 'scope subnet must be written like 192.168.10.0/24'}).transform((text, ctx) => {
      const subnet = normalizeSubnet(text)
      if (!subnet) {
        ctx.addIssue({code: 'custom', message: `subnet "${text}" must be written like 192.168.10.0/24 (prefix 8 to 30)`})
        return z.NEVER
      }
      return subnet
    }),
    ranges: z.array(addressRange('range')).min(1, {error: 'a scope needs at least one range of addresses to hand out'}),
    exclusions: z.array(addressRange('exclusion')).default([]),
    leaseTime: duration('leaseTime', MIN_LEASE_TIME, MAX_LEASE_TIME).default(DEFAULT_LEASE_TIME),
    options: z.record(z.string(), optionValue).default({}),
    reservations: z.array(reservation).default([]),
    active: z.boolean().default(true),
    interface: z.string().min(1).max(15).optional(),
  })
  .strict()

const dhcpConfigObject = z
  .object({
    interfaces: z.array(z.string().min(1).max(15)).default([]),
    authoritative: z.boolean().default(true),
    leaseFile: z.string().min(1).default(DEFAULT_LEASE_FILE),
    declineQuarantine: duration('declineQuarantine', 0, MAX_LEASE_TIME).default(DEFAULT_DECLINE_QUARANTINE),
    offerHold: duration('offerHold', 1, 3600).default(DEFAULT_OFFER_HOLD),
    /** Shortest time between two warnings of one kind (pool exhausted, packets dropped by the rate limits). */
    warningInterval: duration('warningInterval', 1, 86_400).default(DEFAULT_WARNING_INTERVAL),
    rateLimit: rateLimit.default(() => ({perClient: {...DEFAULT_PER_CLIENT_RATE}, newClients: {...DEFAULT_NEW_CLIENTS_RATE}, trackedClients: DEFAULT_TRACKED_CLIENTS})),
    scopes: z.array(dhcpScopeSchema).default([]),
  })
  .strict()

/** The DHCP configuration: shape, defaults and every cross-field rule. */
export const dhcpConfigSchema = dhcpConfigObject.superRefine((config, ctx) => {
  // Field errors come first: the cross-field rules assume well-formed fields.
  if (ctx.issues.length > 0) return
  const problem = checkDhcpConfig(config)
  if (problem) ctx.addIssue({code: 'custom', message: problem.message, path: problem.path})
})

export type DhcpConfigInput = z.input<typeof dhcpConfigObject>
export type DhcpConfig = z.output<typeof dhcpConfigObject>
export type DhcpScope = DhcpConfig['scopes'][number]
export type AddressRangeText = DhcpScope['ranges'][number]
