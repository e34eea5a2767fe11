// DHCP transport for clients on directly attached links (and relays reached
// through them), built on the native socket addon.
//
// One socket per served interface, bound to it with SO_BINDTODEVICE, rather
// than one socket filtered on IP_PKTINFO: the kernel then never queues a
// datagram from another interface for us, so a flood on an unserved link
// costs no CPU here and cannot fill the receive queue the served links
// depend on; each link also gets its own queue, and a broadcast sent on an
// interface's socket can only leave through that interface.
//
// Replies without an interface (to a relay's giaddr, to a renewing client's
// ciaddr) must follow the routing table, which a device-bound socket cannot
// do when the route points elsewhere. They go out of one more socket bound to
// the same port on no device, carrying a drop-all kernel filter so it never
// receives anything.
import type {DhcpTransport, PacketMeta, SendTarget} from '../engine-types.js'
import {loadNativeBinding, type NativeBinding, type NativeSocket, type NativeSocketStats} from './native-binding.js'
import {DhcpTransportError, LIMITED_BROADCAST} from './transport-error.js'

export interface InterfaceTransportOptions {
  /** Interface names to serve; datagrams arriving on any other interface are never seen. */
  interfaces: string[]
  /** Server port to bind on every interface, default 67 (0: a free port, the same on all). */
  port?: number
  /** Port DHCP clients listen on, default 68. Not used to send: exposed for the server to address replies. */
  clientPort?: number
  /** Receive buffer per interface socket in bytes; absorbs bursts (default: the kernel's). */
  receiveBufferSize?: number
}

export interface ServedInterface {
  readonly name: string
  readonly ifindex: number
}

export interface InterfaceTransport extends DhcpTransport {
  /** The bound server port (known once started when 0 was asked for). */
  readonly port: number
  readonly clientPort: number
  /** The served interfaces, resolved by start(). */
  readonly interfaces: readonly ServedInterface[]
  /** Receive counters summed over the interface sockets. */
  stats(): NativeSocketStats
  /**
   * send() throws a DhcpTransportError for a target it cannot honour (unknown
   * ifindex, broadcast or hwaddr without ifindex, not started) and the
   * addon's system error (code 'ENETUNREACH', 'EAGAIN'...) when sendmsg or the
   * neighbour entry fails.
   */
  send(data: Buffer, target: SendTarget): void
}

export const DHCP_SERVER_PORT = 67
export const DHCP_CLIENT_PORT = 68

interface Served extends ServedInterface {
  socket: NativeSocket
}

class DeviceSocketTransport implements InterfaceTransport {
  readonly clientPort: number
  private boundPort: number
  private served: Served[] = []
  private readonly byIndex = new Map<number, Served>()
  private routed: NativeSocket | undefined
  private state: 'new' | 'started' | 'closed' = 'new'

  constructor(
    private readonly native: NativeBinding,
    private readonly options: InterfaceTransportOptions,
  ) {
    this.boundPort = options.port ?? DHCP_SERVER_PORT
    this.clientPort = options.clientPort ?? DHCP_CLIENT_PORT
  }

  get port(): number {
    return this.boundPort
  }

  get interfaces(): readonly ServedInterface[] {
    return this.served.map(({name, ifindex}) => ({name, ifindex}))
  }

  async start(onPacket: (data: Buffer, meta: PacketMeta) => void): Promise<void> {
    if (this.state !== 'new') {
      throw new DhcpTransportError('ERR_DHCP_TRANSPORT_STARTED', 'this transport was already started')
    }
    this.state = 'started'
    try {
      for (const name of new Set(this.options.interfaces)) this.openInterface(name, onPacket)
      this.routed = new this.native.DhcpSocket({port: this.boundPort})
    } catch (error) {
      this.closeSockets()
      this.state = 'closed'
      throw error
    }
  }

  private openInterface(name: string, onPacket: (data: Buffer, meta: PacketMeta) => void): void {
    const ifindex = this.native.ifNameToIndex(name)
    const socket = new this.native.DhcpSocket(
      {port: this.boundPort, device: name, receiveBufferSize: this.options.receiveBufferSize},
      (data, packetIfindex, srcAddress, srcPort, dstAddress) => {
        onPacket(data, {ifindex: packetIfindex, ifname: name, srcAddress, srcPort, dstAddress})
      },
    )
    // With port 0 the first socket picks the port every other one must share.
    this.boundPort = socket.localPort
    const served = {name, ifindex, socket}
    this.served.push(served)
    this.byIndex.set(ifindex, served)
  }

  send(data: Buffer, target: SendTarget): void {
    if (this.state !== 'started' || !this.routed) {
      throw new DhcpTransportError('ERR_DHCP_TRANSPORT_NOT_STARTED', 'the transport is not started')
    }
    const {address, port, ifindex, hwaddr} = target
    if (ifindex) {
      const served = this.byIndex.get(ifindex)
      if (!served) {
        throw new DhcpTransportError(
          'ERR_DHCP_INTERFACE_NOT_SERVED',
          `cannot send through ifindex ${ifindex}: not one of the served interfaces (${this.describeServed()})`,
        )
      }
      served.socket.send(data, address, port, ifindex, hwaddr)
      return
    }
    if (hwaddr) {
      throw new DhcpTransportError('ERR_DHCP_TARGET_UNSUPPORTED', 'a send with hwaddr needs the ifindex of the client link')
    }
    if (address === LIMITED_BROADCAST) {
      throw new DhcpTransportError('ERR_DHCP_TARGET_UNSUPPORTED', 'a broadcast needs the ifindex of the link to send it on')
    }
    this.routed.send(data, address, port)
  }

  stats(): NativeSocketStats {
    const total = {received: 0, truncated: 0, kernelDrops: 0, receiveErrors: 0}
    for (const {socket} of this.served) {
      const stats = socket.stats()
      total.received += stats.received
      total.truncated += stats.truncated
      total.kernelDrops += stats.kernelDrops
      total.receiveErrors += stats.receiveErrors
    }
    return total
  }

  async close(): Promise<void> {
    this.state = 'closed'
    this.closeSockets()
  }

  private closeSockets(): void {
    for (const {socket} of this.served) socket.close()
    this.routed?.close()
    this.routed = undefined
  }

  private describeServed(): string {
    return this.served.map(({name, ifindex}) => `${name}=${ifindex}`).join(', ')
  }
}

/**
 * Creates a transport serving the given interfaces. Throws
 * NativeAddonMissingError (with the command that fixes it) when the addon is
 * not built; start() rejects with the system error of the first socket that
 * cannot be opened (ENODEV for an unknown interface, EACCES without
 * CAP_NET_BIND_SERVICE, ...).
 */
export function createInterfaceTransport(options: InterfaceTransportOptions): InterfaceTransport {
  if (options.interfaces.length === 0) throw new TypeError('interfaces: serve at least one interface')
  return new DeviceSocketTransport(loadNativeBinding(), options)
}
