import {ip4ToString} from '../codec/ip4.js'
import {BROADCAST_FLAG} from '../codec/packet-constants.js'
import type {DhcpPacket, Ip4, PacketMeta, SendTarget} from '../engine-types.js'

const BROADCAST = '255.255.255.255'

/**
 * Where a reply goes (RFC 2131 §4.1): to the relay's giaddr on the server
 * port; a NAK to a direct client is broadcast; to ciaddr when the client has
 * an address; broadcast when the client asked for it or has no hardware
 * address to unicast to; otherwise unicast to the new address at the client's
 * MAC (the transport installs the neighbour entry).
 */
export function replyTarget(request: DhcpPacket, meta: PacketMeta, yiaddr: Ip4, isNak: boolean, serverPort: number, clientPort: number): SendTarget {
  if (request.giaddr !== 0) return {address: ip4ToString(request.giaddr), port: serverPort}
  if (isNak) return {address: BROADCAST, port: clientPort, ifindex: meta.ifindex}
  if (request.ciaddr !== 0) return {address: ip4ToString(request.ciaddr), port: clientPort}
  if ((request.flags & BROADCAST_FLAG) !== 0 || request.hlen === 0 || yiaddr === 0) {
    return {address: BROADCAST, port: clientPort, ifindex: meta.ifindex}
  }
  return {address: ip4ToString(yiaddr), port: clientPort, ifindex: meta.ifindex, hwaddr: request.chaddr.subarray(0, request.hlen)}
}
