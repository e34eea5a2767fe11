import {parseArgs} from 'node:util'

import {SCOPE_FLAG_TEXT, type ScopeFlagValues} from '../../lib/cli/scope-from-flags.js'
import {UserError} from '../../lib/errors.js'
import {DEFAULT_DHCP_CONFIG_FILE} from '../config/load-config-file.js'
import {DEFAULT_LEASE_FILE} from '../config/schema.js'

// The flags of `srvctl dhcp serve`, as data. The oclif command builds its
// flags (and --help) from this table; serve-main.ts parses argv with it when
// the server starts without oclif, which saves ~0.4 s and ~30 MiB on every
// start (and a restart on a million leases must answer within seconds).

interface FlagSpec {
  kind: 'string' | 'integer' | 'boolean'
  summary: string
  char?: string
  helpValue?: string
  multiple?: boolean
  min?: number
  max?: number
  default?: string | number | boolean
}

export const SERVE_FLAGS = {
  interface: {kind: 'string', char: 'i', multiple: true, helpValue: 'IFACE', summary: 'Serve clients on this interface. Repeatable. Without any, only relayed requests are served.'},
  range: {kind: 'string', multiple: true, ...SCOPE_FLAG_TEXT.range},
  prefix: {kind: 'integer', min: 8, max: 30, summary: 'Prefix length of the subnet of --range (default 24 = 255.255.255.0).'},
  exclude: {kind: 'string', multiple: true, ...SCOPE_FLAG_TEXT.exclude},
  'lease-time': {kind: 'string', ...SCOPE_FLAG_TEXT['lease-time']},
  router: {kind: 'string', ...SCOPE_FLAG_TEXT.router},
  dns: {kind: 'string', multiple: true, ...SCOPE_FLAG_TEXT.dns},
  domain: {kind: 'string', ...SCOPE_FLAG_TEXT.domain},
  option: {kind: 'string', multiple: true, ...SCOPE_FLAG_TEXT.option},
  config: {kind: 'string', default: DEFAULT_DHCP_CONFIG_FILE, helpValue: 'FILE', summary: 'Serve the "dhcp:" section of this YAML file when no --range is given.'},
  'lease-file': {kind: 'string', helpValue: 'FILE', summary: `Where leases are kept (default ${DEFAULT_LEASE_FILE}, or the configuration's leaseFile).`},
  port: {kind: 'integer', default: 67, min: 1, max: 65_534, summary: 'UDP port to listen on; clients are answered on the next port.'},
  'relay-only': {
    kind: 'boolean',
    default: false,
    summary: 'Serve only clients behind DHCP relays, over a plain UDP socket (no interface binding; the native addon speeds it up when built but is not needed).',
  },
  listen: {kind: 'string', helpValue: 'ADDRESS', summary: 'Address to listen on for relayed requests (implies --relay-only); also the server identifier.'},
  quiet: {kind: 'boolean', char: 'q', default: false, summary: 'Log only warnings and errors, not every message.'},
  'rate-limit-client': {kind: 'string', helpValue: 'RATE', summary: 'Packets one client may send: PACKETS/DURATION (default 20/10s), or off.'},
  'rate-limit-new-clients': {
    kind: 'string',
    helpValue: 'RATE',
    summary: 'Packets all clients without a lease or offer may send together: PACKETS/DURATION (default 2000/1s), or off. Clients with a lease are never held back by it.',
  },
  'rate-limit-tracked': {kind: 'integer', min: 16, max: 10_000_000, helpValue: 'N', summary: 'How many clients the per-client limit remembers (default 65536); bounds its memory.'},
  'warning-interval': {kind: 'string', helpValue: 'DURATION', summary: 'Shortest time between two warnings about an exhausted pool or rate-limited packets (default 60s).'},
} as const satisfies Record<string, FlagSpec>

/** The flags serveConfig reads: the scope flags without --subnet and --description, --interface repeatable. */
export interface ServeConfigFlags extends Omit<ScopeFlagValues, 'interface' | 'subnet' | 'description'> {
  interface?: string[]
  config: string
  'lease-file'?: string
  'rate-limit-client'?: string
  'rate-limit-new-clients'?: string
  'rate-limit-tracked'?: number
  'warning-interval'?: string
}

/** What the flags of `dhcp serve` hold once parsed (absent optional flags are undefined). */
export interface ServeFlags extends ServeConfigFlags {
  port: number
  'relay-only': boolean
  listen?: string
  quiet: boolean
}

const USAGE_HINT = 'see `srvctl dhcp serve --help`'

/** Parses the arguments after `dhcp serve` the way the oclif command does; a mistake is a UserError (exit 2). */
export function parseServeFlags(argv: string[]): ServeFlags {
  const options: Record<string, {type: 'string' | 'boolean'; short?: string; multiple?: boolean}> = {}
  for (const [name, spec] of Object.entries(SERVE_FLAGS) as [string, FlagSpec][]) {
    options[name] = {type: spec.kind === 'boolean' ? 'boolean' : 'string', ...(spec.char ? {short: spec.char} : {}), ...(spec.multiple ? {multiple: true} : {})}
  }
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>
  try {
    values = parseArgs({args: argv, options, strict: true, allowPositionals: false}).values
  } catch (error) {
    throw new UserError((error as Error).message.split('\n')[0].replace(/\. To specify a positional.*$/, ''), USAGE_HINT)
  }
  const flags: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(SERVE_FLAGS) as [string, FlagSpec][]) {
    const value = values[name]
    if (value === undefined) {
      if (spec.default !== undefined) flags[name] = spec.default
      continue
    }
    flags[name] = spec.kind === 'integer' ? integerFlag(name, spec, value as string) : value
  }
  return flags as unknown as ServeFlags
}

function integerFlag(name: string, spec: FlagSpec, text: string): number {
  const value = Number(text)
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
    throw new UserError(`--${name} ${text} is not an integer`, USAGE_HINT)
  }
  if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
    throw new UserError(`--${name} ${text} is out of range: give ${spec.min ?? '…'} to ${spec.max ?? '…'}`, USAGE_HINT)
  }
  return value
}
