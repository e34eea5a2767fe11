import {Opt} from '../codec/packet-constants.js'
import {readIp4Option, readStringOption, readU16Option} from '../codec/packet-options.js'
import type {DhcpPacket, Ip4} from '../engine-types.js'
import {scopeContains, type ScopeRuntime} from './scope-runtime.js'

/** Option 50, or 0 when absent or not four bytes. */
export function requestedAddress(packet: DhcpPacket): Ip4 {
  return readIp4Option(packet, Opt.requestedAddress) ?? 0
}

/** Option 54, or 0 when absent or not four bytes. */
export function serverIdentifier(packet: DhcpPacket): Ip4 {
  return readIp4Option(packet, Opt.serverId) ?? 0
}

/** Option 57 (largest message the client accepts), or 0 when absent. */
export function maxMessageSize(packet: DhcpPacket): number {
  return readU16Option(packet, Opt.maxMessageSize) ?? 0
}

/** Option 12 reduced to a safe host name (letters, digits, '-', '.', '_'), '' when absent. */
export function clientHostname(packet: DhcpPacket): string {
  const value = readStringOption(packet, Opt.hostName)
  return value === undefined ? '' : value.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 63)
}

/** The scope among `scopes` whose subnet holds the address. */
export function scopeOf(scopes: readonly ScopeRuntime[], address: Ip4): ScopeRuntime | undefined {
  for (const scope of scopes) if (scopeContains(scope, address)) return scope
  return undefined
}
