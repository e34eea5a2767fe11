import {ip4FromString, ip4ToString, parseIp4, prefixToMask} from '../codec/ip4.js'
import type {Ip4} from '../engine-types.js'

export function isIp4Text(text: string): boolean {
  return parseIp4(text) !== undefined
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

/** "192.168.10.7/24" → the subnet 192.168.10.0/24; a missing prefix means /24. Undefined when malformed. */
export function parseSubnet(text: string): Subnet | undefined {
  const [addressText, prefixText, extra] = text.trim().split('/')
  if (extra !== undefined || !isIp4Text(addressText)) return undefined
  if (prefixText !== undefined && !/^\d{1,2}$/.test(prefixText)) return undefined
  const prefix = prefixText === undefined ? DEFAULT_PREFIX : Number(prefixText)
  if (prefix < MIN_PREFIX || prefix > MAX_PREFIX) return undefined
  const mask = prefixToMask(prefix)
  const network = (ip4FromString(addressText) & mask) >>> 0
  return {network, prefix, mask, broadcast: (network | ~mask) >>> 0}
}

/** The canonical spelling "network/prefix", or undefined when the text is not a subnet. */
export function normalizeSubnet(text: string): string | undefined {
  const subnet = parseSubnet(text)
  return subnet && formatSubnet(subnet)
}

export function formatSubnet(subnet: Subnet): string {
  return `${ip4ToString(subnet.network)}/${subnet.prefix}`
}

export function subnetContains(subnet: Subnet, address: Ip4): boolean {
  return ((address & subnet.mask) >>> 0) === subnet.network
}
