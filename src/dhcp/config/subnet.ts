import type {Ip4} from '../engine-types.js'

// TEMPORARY until the codec's ip4 helpers land: text ↔ Ip4.
const IP4_TEXT = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/
export function isIp4Text(text: string): boolean {
  return IP4_TEXT.test(text)
}
export function ip4FromText(text: string): Ip4 {
  const [a, b, c, d] = text.split('.').map(Number)
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0
}
export function ip4ToText(address: Ip4): string {
  return `${address >>> 24}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}`
}

export const DEFAULT_PREFIX = 24
const MIN_PREFIX = 8
const MAX_PREFIX = 30

/** An IPv4 subnet as numbers; `contains` is two integer operations. */
export interface Subnet {
  readonly network: Ip4
  readonly prefix: number
  readonly mask: Ip4
  readonly broadcast: Ip4
}

export function maskOf(prefix: number): Ip4 {
  return prefix === 0 ? 0 : (0xffff_ffff << (32 - prefix)) >>> 0
}

/** "192.168.10.7/24" → the subnet 192.168.10.0/24; a missing prefix means /24. Undefined when malformed. */
export function parseSubnet(text: string): Subnet | undefined {
  const [addressText, prefixText, extra] = text.trim().split('/')
  if (extra !== undefined || !isIp4Text(addressText)) return undefined
  if (prefixText !== undefined && !/^\d{1,2}$/.test(prefixText)) return undefined
  const prefix = prefixText === undefined ? DEFAULT_PREFIX : Number(prefixText)
  if (prefix < MIN_PREFIX || prefix > MAX_PREFIX) return undefined
  const mask = maskOf(prefix)
  const network = (ip4FromText(addressText) & mask) >>> 0
  return {network, prefix, mask, broadcast: (network | ~mask) >>> 0}
}

/** The canonical spelling "network/prefix", or undefined when the text is not a subnet. */
export function normalizeSubnet(text: string): string | undefined {
  const subnet = parseSubnet(text)
  return subnet && formatSubnet(subnet)
}

export function formatSubnet(subnet: Subnet): string {
  return `${ip4ToText(subnet.network)}/${subnet.prefix}`
}

export function subnetContains(subnet: Subnet, address: Ip4): boolean {
  return ((address & subnet.mask) >>> 0) === subnet.network
}
