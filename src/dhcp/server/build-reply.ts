import {BOOTREPLY, BROADCAST_FLAG, Opt} from '../codec/packet-constants.js'
import {ip4Value} from '../codec/packet-options.js'
import {type DhcpPacket, type Ip4, MessageType} from '../engine-types.js'
import type {ScopeRuntime} from './scope-runtime.js'

/** Options sent whenever the scope has them, requested or not (clients that omit them from 55 still need them). */
const ALWAYS: readonly number[] = [Opt.subnetMask, Opt.router, Opt.domainNameServer, Opt.domainName]

const MESSAGE_TYPE_VALUES: readonly Buffer[] = Array.from({length: 9}, (_, type) => Buffer.from([type]))
/** Our few server identifiers, encoded once. */
const SERVER_IDS = new Map<Ip4, Buffer>()

export interface ReplyContent {
  type: MessageType.Offer | MessageType.Ack | MessageType.Nak
  /** Address given to the client (0 for NAK and for the ACK of an INFORM). */
  yiaddr: Ip4
  serverId: Ip4
  /** The scope whose options are sent; undefined for NAK. */
  scope: ScopeRuntime | undefined
  /** Whether to send lease time, T1 and T2 (not for INFORM). */
  withLease: boolean
  /** Host name to send as option 12, '' for none. */
  hostname: string
  /** Text for option 56 (NAK reason), '' for none. */
  message: string
}

/**
 * The reply to a client's message, fields per RFC 2131 table 3. Options: 53
 * and 54, lease times, then what the client asked for in option 55 in its
 * order, then subnet mask, router, DNS and domain when configured, and every
 * configured option when the client sent no list; option 61 echoed
 * (RFC 6842) and option 82 echoed last, unchanged (RFC 3046 §2.2).
 */
export function buildReply(request: DhcpPacket, content: ReplyContent): DhcpPacket {
  const {type, scope} = content
  const options = new Map<number, Buffer>()
  options.set(Opt.messageType, MESSAGE_TYPE_VALUES[type])
  options.set(Opt.serverId, serverIdValue(content.serverId))
  if (type === MessageType.Nak) {
    if (content.message !== '') options.set(Opt.message, Buffer.from(content.message, 'latin1'))
  } else if (scope !== undefined) {
    if (content.withLease) {
      options.set(Opt.leaseTime, scope.leaseTimeOption)
      options.set(Opt.renewalTime, scope.renewalTimeOption)
      options.set(Opt.rebindingTime, scope.rebindingTimeOption)
    }
    addScopeOptions(options, scope, request.options.get(Opt.parameterRequestList))
    if (content.hostname !== '') options.set(Opt.hostName, Buffer.from(content.hostname, 'latin1'))
  }
  const clientId = request.options.get(Opt.clientId)
  if (clientId !== undefined) options.set(Opt.clientId, clientId)
  const relayInfo = request.options.get(Opt.relayAgentInfo)
  if (relayInfo !== undefined && request.giaddr !== 0) options.set(Opt.relayAgentInfo, relayInfo)

  return {
    op: BOOTREPLY,
    htype: request.htype,
    hlen: request.hlen,
    hops: 0,
    xid: request.xid,
    secs: 0,
    // A relay cannot unicast a NAK to a client without an address (RFC 2131 §4.3.2).
    flags: type === MessageType.Nak && request.giaddr !== 0 ? request.flags | BROADCAST_FLAG : request.flags,
    ciaddr: type === MessageType.Ack ? request.ciaddr : 0,
    yiaddr: content.yiaddr,
    siaddr: 0,
    giaddr: request.giaddr,
    chaddr: request.chaddr,
    sname: '',
    file: '',
    options,
  }
}

function addScopeOptions(options: Map<number, Buffer>, scope: ScopeRuntime, requested: Buffer | undefined): void {
  const configured = scope.options
  if (requested === undefined) {
    for (const [code, value] of configured) if (!options.has(code)) options.set(code, value)
    return
  }
  for (let i = 0; i < requested.length; i++) {
    const code = requested[i]
    const value = configured.get(code)
    if (value !== undefined && !options.has(code)) options.set(code, value)
  }
  for (const code of ALWAYS) {
    const value = configured.get(code)
    if (value !== undefined && !options.has(code)) options.set(code, value)
  }
}

function serverIdValue(address: Ip4): Buffer {
  let value = SERVER_IDS.get(address)
  if (value === undefined) {
    value = ip4Value(address)
    SERVER_IDS.set(address, value)
  }
  return value
}
