import {hwaddrToString} from '../codec/ip4.js'
import {Opt} from '../codec/packet-constants.js'
import type {DhcpPacket} from '../engine-types.js'

/**
 * The stable key a client's lease is filed under (see Lease.clientKey): its
 * client identifier (option 61) when it sends one, since RFC 2131 §4.2 makes
 * that the identity, else its hardware address.
 */
export function clientKeyOf(packet: DhcpPacket): string {
  const clientId = packet.options.get(Opt.clientId)
  if (clientId !== undefined && clientId.length > 0) return 'id:' + clientId.toString('hex')
  return 'hw:' + hwaddrToString(packet.chaddr, packet.hlen)
}
