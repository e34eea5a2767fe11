import {Opt} from '../codec/packet-constants.js'
import type {DhcpPacket, Ip4} from '../engine-types.js'
import {scopeContains, type ScopeRuntime} from './scope-runtime.js'

/** Option 50, or 0 when absent or not four bytes. */
export function requestedAddress(packet: DhcpPacket): Ip4 {
  return addressOption(packet, Opt.requestedAddress)
}

/** Option 54, or 0 when absent or not four bytes. */
export function serverIdentifier(packet: DhcpPacket): Ip4 {
  return addressOption(packet, Opt.serverId)
}

/** Option 57 (largest message the client accepts), or 0 when absent. */
export function maxMessageSize(packet: DhcpPacket): number {
  const value = packet.options.get(Opt.maxMessageSize)
  return value !== undefined && value.length === 2 ? value.readUInt16BE(0) : 0
}

/** Option 12 reduced to a safe host name (letters, digits, '-', '.', '_'), '' when absent. */
export function clientHostname(packet: DhcpPacket): string {
  const value = packet.options.get(Opt.hostName)
  if (value === undefined) return ''
  return value.toString('latin1').replace(/[^A-Za-z0-9._-]/g, '').slice(0, 63)
}

/** The scope among `scopes` whose subnet holds the address. */
export function scopeOf(scopes: readonly ScopeRuntime[], address: Ip4): ScopeRuntime | undefined {
  for (const scope of scopes) if (scopeContains(scope, address)) return scope
  return undefined
}

function addressOption(packet: DhcpPacket, code: number): Ip4 {
  const value = packet.options.get(code)
  return value !== undefined && value.length === 4 ? value.readUInt32BE(0) : 0
}
