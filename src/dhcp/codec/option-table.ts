// What every known DHCP option carries: RFC 2132 (all of it) and the later
// options small networks meet. The table drives value encoding, decoding,
// admin text parsing and log formatting, so adding an option is one line.

/** How an option's bytes are interpreted. */
export type OptionType =
  /** Pad and End: framing, never a value. */
  | 'none'
  /** Presence is the value (length 0), e.g. rapid commit. */
  | 'flag'
  | 'ip'
  | 'ips'
  /** Pairs of addresses: (address, mask) or (destination, router). */
  | 'ip-pairs'
  | 'u8'
  | 'u16'
  | 'u32'
  | 'i32'
  | 'bool'
  /** Text (UTF-8 on the wire; RFC 2132 says NVT ASCII, which is a subset). */
  | 'string'
  | 'bytes'
  | 'u8s'
  | 'u16s'
  /** A list of option codes (parameter request list); text may name them. */
  | 'option-codes'
  /** RFC 3442 classless routes. */
  | 'routes'
  /** RFC 1035 names with compression, RFC 3397. */
  | 'domain-list'
  | 'client-id'
  /** RFC 3046 sub-options. */
  | 'relay-agent-info'
  /** RFC 4702. */
  | 'client-fqdn'

export interface OptionDef {
  readonly code: number
  /** Canonical kebab-case name. */
  readonly name: string
  /** Other accepted spellings (ISC dhcpd names among them). */
  readonly aliases: readonly string[]
  readonly type: OptionType
  readonly minLength: number
  /** undefined: no limit beyond the packet (long options, RFC 3396). */
  readonly maxLength: number | undefined
  /** Length must be a multiple of this (1: no constraint). */
  readonly multipleOf: number
  /** Smallest legal value of a numeric option (or of each list element). */
  readonly minValue?: number
  /** Largest legal value of a numeric option (or of each list element). */
  readonly maxValue?: number
  /** A duration in seconds: text may use s/m/h/d/w suffixes. */
  readonly seconds?: boolean
  /** Names of the values of an enumerated u8 option. */
  readonly enumNames?: Readonly<Record<number, string>>
  /** Where the option is defined. */
  readonly spec: string
  /** False for codes missing from the table (raw bytes both ways). */
  readonly known: boolean
}

interface Extra {
  aliases?: string[]
  minLength?: number
  maxLength?: number
  minValue?: number
  maxValue?: number
  seconds?: boolean
  enumNames?: Record<number, string>
}

const TYPE_LENGTHS: Record<OptionType, {min: number; max: number | undefined; multipleOf: number}> = {
  none: {min: 0, max: 0, multipleOf: 1},
  flag: {min: 0, max: 0, multipleOf: 1},
  ip: {min: 4, max: 4, multipleOf: 1},
  ips: {min: 4, max: undefined, multipleOf: 4},
  'ip-pairs': {min: 8, max: undefined, multipleOf: 8},
  u8: {min: 1, max: 1, multipleOf: 1},
  u16: {min: 2, max: 2, multipleOf: 1},
  u32: {min: 4, max: 4, multipleOf: 1},
  i32: {min: 4, max: 4, multipleOf: 1},
  bool: {min: 1, max: 1, multipleOf: 1},
  string: {min: 1, max: undefined, multipleOf: 1},
  bytes: {min: 1, max: undefined, multipleOf: 1},
  u8s: {min: 1, max: undefined, multipleOf: 1},
  u16s: {min: 2, max: undefined, multipleOf: 2},
  'option-codes': {min: 1, max: undefined, multipleOf: 1},
  // The shortest route is the default route: width 0, no octets, router.
  routes: {min: 5, max: undefined, multipleOf: 1},
  'domain-list': {min: 1, max: undefined, multipleOf: 1},
  'client-id': {min: 2, max: undefined, multipleOf: 1},
  'relay-agent-info': {min: 2, max: undefined, multipleOf: 1},
  // Flags, two rcodes, then a possibly empty name.
  'client-fqdn': {min: 3, max: undefined, multipleOf: 1},
}

function def(code: number, name: string, type: OptionType, spec: string, extra: Extra = {}): OptionDef {
  const lengths = TYPE_LENGTHS[type]
  return {
    code,
    name,
    aliases: extra.aliases ?? [],
    type,
    minLength: extra.minLength ?? lengths.min,
    maxLength: extra.maxLength ?? lengths.max,
    multipleOf: lengths.multipleOf,
    ...(extra.minValue === undefined ? {} : {minValue: extra.minValue}),
    ...(extra.maxValue === undefined ? {} : {maxValue: extra.maxValue}),
    ...(extra.seconds ? {seconds: true} : {}),
    ...(extra.enumNames ? {enumNames: extra.enumNames} : {}),
    spec,
    known: true,
  }
}

const R2132 = 'RFC 2132'
const seconds = {seconds: true}

/** Message type names as admins and logs write them (RFC 2132 §9.6). */
export const MESSAGE_TYPE_ENUM: Readonly<Record<number, string>> = {
  1: 'discover',
  2: 'offer',
  3: 'request',
  4: 'decline',
  5: 'ack',
  6: 'nak',
  7: 'release',
  8: 'inform',
}

export const OPTION_TABLE: readonly OptionDef[] = [
  def(0, 'pad', 'none', `${R2132} §3.1`),
  def(1, 'subnet-mask', 'ip', `${R2132} §3.3`, {aliases: ['netmask']}),
  def(2, 'time-offset', 'i32', `${R2132} §3.4`, seconds),
  def(3, 'router', 'ips', `${R2132} §3.5`, {aliases: ['routers', 'gateway']}),
  def(4, 'time-server', 'ips', `${R2132} §3.6`, {aliases: ['time-servers']}),
  def(5, 'name-server', 'ips', `${R2132} §3.7`, {aliases: ['ien116-name-servers']}),
  def(6, 'domain-name-server', 'ips', `${R2132} §3.8`, {aliases: ['domain-name-servers', 'dns-server', 'dns-servers', 'dns']}),
  def(7, 'log-server', 'ips', `${R2132} §3.9`, {aliases: ['log-servers']}),
  def(8, 'cookie-server', 'ips', `${R2132} §3.10`, {aliases: ['cookie-servers']}),
  def(9, 'lpr-server', 'ips', `${R2132} §3.11`, {aliases: ['lpr-servers']}),
  def(10, 'impress-server', 'ips', `${R2132} §3.12`, {aliases: ['impress-servers']}),
  def(11, 'resource-location-server', 'ips', `${R2132} §3.13`, {aliases: ['resource-location-servers']}),
  def(12, 'host-name', 'string', `${R2132} §3.14`, {aliases: ['hostname']}),
  def(13, 'boot-file-size', 'u16', `${R2132} §3.15`, {aliases: ['boot-size']}),
  def(14, 'merit-dump-file', 'string', `${R2132} §3.16`, {aliases: ['merit-dump']}),
  def(15, 'domain-name', 'string', `${R2132} §3.17`),
  def(16, 'swap-server', 'ip', `${R2132} §3.18`),
  def(17, 'root-path', 'string', `${R2132} §3.19`),
  def(18, 'extensions-path', 'string', `${R2132} §3.20`),
  def(19, 'ip-forwarding', 'bool', `${R2132} §4.1`),
  def(20, 'non-local-source-routing', 'bool', `${R2132} §4.2`),
  def(21, 'policy-filter', 'ip-pairs', `${R2132} §4.3`),
  def(22, 'max-datagram-reassembly-size', 'u16', `${R2132} §4.4`, {aliases: ['max-dgram-reassembly'], minValue: 576}),
  def(23, 'default-ip-ttl', 'u8', `${R2132} §4.5`, {aliases: ['ip-ttl'], minValue: 1}),
  def(24, 'path-mtu-aging-timeout', 'u32', `${R2132} §5.1`, seconds),
  def(25, 'path-mtu-plateau-table', 'u16s', `${R2132} §5.2`, {minValue: 68}),
  def(26, 'interface-mtu', 'u16', `${R2132} §5.3`, {aliases: ['mtu'], minValue: 68}),
  def(27, 'all-subnets-local', 'bool', `${R2132} §5.4`),
  def(28, 'broadcast-address', 'ip', `${R2132} §5.5`),
  def(29, 'perform-mask-discovery', 'bool', `${R2132} §5.6`),
  def(30, 'mask-supplier', 'bool', `${R2132} §5.7`),
  def(31, 'router-discovery', 'bool', `${R2132} §5.8`, {aliases: ['perform-router-discovery']}),
  def(32, 'router-solicitation-address', 'ip', `${R2132} §5.9`),
  def(33, 'static-routes', 'ip-pairs', `${R2132} §5.10`),
  def(34, 'trailer-encapsulation', 'bool', `${R2132} §6.1`),
  def(35, 'arp-cache-timeout', 'u32', `${R2132} §6.2`, seconds),
  def(36, 'ieee802-3-encapsulation', 'bool', `${R2132} §6.3`),
  def(37, 'default-tcp-ttl', 'u8', `${R2132} §7.1`, {minValue: 1}),
  def(38, 'tcp-keepalive-interval', 'u32', `${R2132} §7.2`, seconds),
  def(39, 'tcp-keepalive-garbage', 'bool', `${R2132} §7.3`),
  def(40, 'nis-domain', 'string', `${R2132} §8.1`),
  def(41, 'nis-servers', 'ips', `${R2132} §8.2`),
  def(42, 'ntp-servers', 'ips', `${R2132} §8.3`, {aliases: ['ntp-server']}),
  def(43, 'vendor-encapsulated-options', 'bytes', `${R2132} §8.4`, {aliases: ['vendor-specific']}),
  def(44, 'netbios-name-servers', 'ips', `${R2132} §8.5`, {aliases: ['wins-servers']}),
  def(45, 'netbios-dd-server', 'ips', `${R2132} §8.6`),
  def(46, 'netbios-node-type', 'u8', `${R2132} §8.7`, {enumNames: {1: 'b-node', 2: 'p-node', 4: 'm-node', 8: 'h-node'}}),
  def(47, 'netbios-scope', 'string', `${R2132} §8.8`),
  def(48, 'font-servers', 'ips', `${R2132} §8.9`),
  def(49, 'x-display-manager', 'ips', `${R2132} §8.10`),
  def(50, 'requested-address', 'ip', `${R2132} §9.1`, {aliases: ['requested-ip-address', 'dhcp-requested-address']}),
  def(51, 'ip-address-lease-time', 'u32', `${R2132} §9.2`, {aliases: ['lease-time', 'dhcp-lease-time'], seconds: true}),
  def(52, 'option-overload', 'u8', `${R2132} §9.3`, {enumNames: {1: 'file', 2: 'sname', 3: 'both'}}),
  def(53, 'dhcp-message-type', 'u8', `${R2132} §9.6`, {aliases: ['message-type'], enumNames: MESSAGE_TYPE_ENUM}),
  def(54, 'server-identifier', 'ip', `${R2132} §9.7`, {aliases: ['dhcp-server-identifier', 'server-id']}),
  def(55, 'parameter-request-list', 'option-codes', `${R2132} §9.8`, {aliases: ['dhcp-parameter-request-list']}),
  def(56, 'message', 'string', `${R2132} §9.9`, {aliases: ['dhcp-message']}),
  def(57, 'max-message-size', 'u16', `${R2132} §9.10`, {aliases: ['dhcp-max-message-size'], minValue: 576}),
  def(58, 'renewal-time', 'u32', `${R2132} §9.11`, {aliases: ['dhcp-renewal-time', 't1'], seconds: true}),
  def(59, 'rebinding-time', 'u32', `${R2132} §9.12`, {aliases: ['dhcp-rebinding-time', 't2'], seconds: true}),
  def(60, 'vendor-class-identifier', 'string', `${R2132} §9.13`, {aliases: ['vendor-class']}),
  def(61, 'client-identifier', 'client-id', `${R2132} §9.14`, {aliases: ['client-id', 'dhcp-client-identifier']}),
  def(62, 'netware-ip-domain', 'string', 'RFC 2242 §2'),
  def(63, 'netware-ip-information', 'bytes', 'RFC 2242 §3'),
  def(64, 'nisplus-domain', 'string', `${R2132} §8.11`, {aliases: ['nis+-domain']}),
  def(65, 'nisplus-servers', 'ips', `${R2132} §8.12`, {aliases: ['nis+-servers']}),
  def(66, 'tftp-server-name', 'string', `${R2132} §9.4`),
  def(67, 'bootfile-name', 'string', `${R2132} §9.5`, {aliases: ['boot-file-name']}),
  // RFC 2132 allows an empty list here: "no home agents".
  def(68, 'mobile-ip-home-agent', 'ips', `${R2132} §8.13`, {minLength: 0}),
  def(69, 'smtp-server', 'ips', `${R2132} §8.14`),
  def(70, 'pop-server', 'ips', `${R2132} §8.15`),
  def(71, 'nntp-server', 'ips', `${R2132} §8.16`),
  def(72, 'www-server', 'ips', `${R2132} §8.17`),
  def(73, 'finger-server', 'ips', `${R2132} §8.18`),
  def(74, 'irc-server', 'ips', `${R2132} §8.19`),
  def(75, 'streettalk-server', 'ips', `${R2132} §8.20`),
  def(76, 'streettalk-directory-assistance-server', 'ips', `${R2132} §8.21`, {aliases: ['stda-server']}),
  def(77, 'user-class', 'bytes', 'RFC 3004'),
  def(80, 'rapid-commit', 'flag', 'RFC 4039'),
  def(81, 'client-fqdn', 'client-fqdn', 'RFC 4702', {aliases: ['fqdn']}),
  def(82, 'relay-agent-information', 'relay-agent-info', 'RFC 3046', {aliases: ['relay-agent-info', 'agent-information']}),
  def(90, 'authentication', 'bytes', 'RFC 3118'),
  def(91, 'client-last-transaction-time', 'u32', 'RFC 4388', seconds),
  def(92, 'associated-ip', 'ips', 'RFC 4388'),
  def(93, 'client-system-architecture', 'u16s', 'RFC 4578', {aliases: ['client-arch']}),
  def(94, 'client-network-interface-id', 'bytes', 'RFC 4578', {minLength: 3, maxLength: 3}),
  def(97, 'client-machine-id', 'bytes', 'RFC 4578', {aliases: ['uuid-guid']}),
  def(100, 'posix-timezone', 'string', 'RFC 4833', {aliases: ['pcode']}),
  def(101, 'tzdb-timezone', 'string', 'RFC 4833', {aliases: ['tcode']}),
  def(108, 'ipv6-only-preferred', 'u32', 'RFC 8925', seconds),
  def(114, 'captive-portal', 'string', 'RFC 8910'),
  def(116, 'auto-configure', 'u8', 'RFC 2563', {enumNames: {0: 'do-not-auto-configure', 1: 'auto-configure'}}),
  def(118, 'subnet-selection', 'ip', 'RFC 3011'),
  def(119, 'domain-search', 'domain-list', 'RFC 3397', {aliases: ['domain-search-list', 'search']}),
  def(121, 'classless-static-routes', 'routes', 'RFC 3442', {aliases: ['classless-static-route', 'rfc3442-classless-static-routes']}),
  // Vendor-identifying options start with a 4-byte enterprise number and a length.
  def(124, 'vendor-identifying-vendor-class', 'bytes', 'RFC 3925', {aliases: ['vivco'], minLength: 5}),
  def(125, 'vendor-identifying-vendor-options', 'bytes', 'RFC 3925', {aliases: ['vivso'], minLength: 5}),
  def(150, 'tftp-server-address', 'ips', 'RFC 5859'),
  def(209, 'pxelinux-configfile', 'string', 'RFC 5071'),
  def(210, 'pxelinux-pathprefix', 'string', 'RFC 5071'),
  def(211, 'pxelinux-reboottime', 'u32', 'RFC 5071', seconds),
  def(249, 'ms-classless-static-routes', 'routes', 'Microsoft (MS-DHCPE), RFC 3442 encoding'),
  def(252, 'wpad', 'string', 'site-specific (draft-ietf-wrec-wpad)', {aliases: ['proxy-auto-discovery', 'web-proxy-auto-discovery']}),
  def(255, 'end', 'none', `${R2132} §3.2`),
]

const byCode: (OptionDef | undefined)[] = new Array(256)
const byName = new Map<string, OptionDef>()
for (const entry of OPTION_TABLE) {
  byCode[entry.code] = entry
  for (const name of [entry.name, ...entry.aliases]) {
    if (byName.has(name)) throw new Error(`duplicate option name ${name}`)
    byName.set(name, entry)
  }
}

const unknownDefs: (OptionDef | undefined)[] = new Array(256)

/** Entry for a code missing from the table: raw bytes, any length. */
function unknownDef(code: number): OptionDef {
  let entry = unknownDefs[code]
  if (entry === undefined) {
    entry = {
      code,
      name: `option-${code}`,
      aliases: [],
      type: 'bytes',
      minLength: 0,
      maxLength: undefined,
      multipleOf: 1,
      spec: 'unknown',
      known: false,
    }
    unknownDefs[code] = entry
  }
  return entry
}

/** The table entry for a code, undefined when the code is not in the table. */
export function optionByCode(code: number): OptionDef | undefined {
  return Number.isInteger(code) ? byCode[code] : undefined
}

/** The table entry for a name or alias (case-insensitive), undefined when unknown. */
export function optionByName(name: string): OptionDef | undefined {
  return byName.get(name.trim().toLowerCase())
}

/**
 * Resolves what an admin or caller wrote: a code (3, '3'), a name or alias
 * ('router', 'routers') or 'option-N'. Codes 0–255 always resolve; codes not
 * in the table get a raw-bytes entry with known = false. Undefined when the
 * input names nothing.
 */
export function lookupOption(nameOrCode: string | number): OptionDef | undefined {
  if (typeof nameOrCode === 'number') {
    return Number.isInteger(nameOrCode) && nameOrCode >= 0 && nameOrCode <= 255
      ? (byCode[nameOrCode] ?? unknownDef(nameOrCode))
      : undefined
  }
  const text = nameOrCode.trim().toLowerCase()
  const numeric = /^(?:option-)?(\d{1,3})$/.exec(text)
  if (numeric) return lookupOption(Number(numeric[1]))
  return byName.get(text)
}

/** The known name closest to a misspelt one, for "did you mean" hints. */
export function closestOptionName(name: string): string | undefined {
  const wanted = name.trim().toLowerCase()
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(wanted.length / 3)) + 1
  for (const candidate of byName.keys()) {
    const distance = editDistance(wanted, candidate, bestDistance)
    if (distance < bestDistance) {
      best = byName.get(candidate)?.name
      bestDistance = distance
    }
  }
  return best
}

/** Levenshtein distance, giving up (returning `cap`) once it must be >= cap. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap
  let previous = Array.from({length: b.length + 1}, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      current.push(value)
      if (value < rowMin) rowMin = value
    }
    if (rowMin >= cap) return cap
    previous = current
  }
  return previous[b.length]
}

/** Relay agent information sub-options (RFC 3046 §2.0 and later RFCs). */
export const RELAY_SUBOPTION_NAMES: Readonly<Record<number, string>> = {
  1: 'circuit-id',
  2: 'remote-id',
  4: 'docsis-device-class', // RFC 3256
  5: 'link-selection', // RFC 3527
  6: 'subscriber-id', // RFC 3993
  7: 'radius-attributes', // RFC 4014
  8: 'authentication', // RFC 4030
  9: 'vendor-specific', // RFC 4243
  10: 'relay-agent-flags', // RFC 5010
  11: 'server-id-override', // RFC 5107
  12: 'relay-id', // RFC 6925
  151: 'virtual-subnet-selection', // RFC 6607
  152: 'virtual-subnet-selection-control', // RFC 6607
}

/** Sub-options whose data is one IPv4 address. */
export const RELAY_SUBOPTION_IP: ReadonlySet<number> = new Set([5, 11])

/** Sub-option code for a name ('circuit-id') or number ('1'), undefined when neither. */
export function relaySubOptionCode(nameOrCode: string): number | undefined {
  const text = nameOrCode.trim().toLowerCase()
  if (/^\d{1,3}$/.test(text)) {
    const code = Number(text)
    return code <= 255 ? code : undefined
  }
  for (const [code, name] of Object.entries(RELAY_SUBOPTION_NAMES)) {
    if (name === text) return Number(code)
  }
  return undefined
}
