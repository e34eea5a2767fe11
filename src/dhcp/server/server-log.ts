import {ip4ToString} from '../codec/ip4.js'
import {MessageType} from '../engine-types.js'
import type {Exchange} from './exchange.js'
import {clientHostname, requestedAddress} from './packet-fields.js'

/**
 * Where log lines go. Without `info` (quiet) or without a logger at all the
 * server does not even build the per-message lines.
 */
export interface DhcpLogger {
  /** One line per message in and out; left out when quiet. */
  info?(line: string): void
  /** Start, reload and stop: shown even when quiet. */
  notice(line: string): void
  warn(line: string): void
  error(line: string): void
}

const TYPE_NAMES: readonly string[] = ['', 'DISCOVER', 'OFFER', 'REQUEST', 'DECLINE', 'ACK', 'NAK', 'RELEASE', 'INFORM']

export function typeName(type: MessageType): string {
  return TYPE_NAMES[type] ?? `TYPE-${type}`
}

/** "eth1", or "198.18.1.1 (relay)" for a relayed packet. */
export function via(ex: Exchange): string {
  if (ex.packet.giaddr !== 0) return `${ip4ToString(ex.packet.giaddr)} (relay)`
  return ex.meta.ifname || ex.meta.srcAddress
}

/** The client as logs name it: its MAC, and its host name when it sent one. */
export function clientName(ex: Exchange): string {
  const hostname = clientHostname(ex.packet)
  return hostname === '' ? ex.hwaddr : `${ex.hwaddr} (${hostname})`
}

/** "REQUEST for 192.168.10.56 from 08:00:27:aa:bb:cc via eth1". */
export function incomingLine(ex: Exchange): string {
  let subject = ''
  if (ex.type === MessageType.Request || ex.type === MessageType.Decline) {
    const address = requestedAddress(ex.packet) || ex.packet.ciaddr
    if (address !== 0) subject = ` for ${ip4ToString(address)}`
  } else if (ex.type === MessageType.Release || ex.type === MessageType.Inform) {
    if (ex.packet.ciaddr !== 0) subject = ` of ${ip4ToString(ex.packet.ciaddr)}`
  }
  return `${typeName(ex.type)}${subject} from ${clientName(ex)} via ${via(ex)}`
}
