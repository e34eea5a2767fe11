// DHCP transport for relay-only service: every client sits behind a relay
// agent, which talks to the server in plain unicast UDP, so no interface
// information is needed (PacketMeta.ifindex is 0). It runs on the native
// socket addon when that is built (cheaper per datagram, see
// native-udp-transport.ts) and on Node's dgram otherwise; the server cannot
// tell the two apart.
import {createSocket, type Socket} from 'node:dgram'
import type {DhcpTransport, PacketMeta, SendTarget} from '../engine-types.js'
import {loadNativeBinding, NativeAddonMissingError, type NativeBinding} from './native-binding.js'
import {NativeUdpTransport} from './native-udp-transport.js'
import {assertUnicastTarget, DhcpTransportError} from './transport-error.js'

export interface UdpTransportOptions {
  /** Local address to bind; 0.0.0.0 for all. */
  address: string
  /** 0 picks a free port (see `port` after start). */
  port: number
  receiveBufferSize?: number
  /** Failed sends are reported here (dgram reports them asynchronously); default: a process warning. */
  onSendError?: (error: Error) => void
  /** 'auto' (default): the native addon when it is built, else dgram. */
  socket?: 'auto' | 'native' | 'dgram'
}

export interface UdpTransport extends DhcpTransport {
  /** The bound port, once started. */
  readonly port: number
  /**
   * Sends unicast only: throws a DhcpTransportError for a broadcast or a
   * target with hwaddr or ifindex, which need the interface transport.
   */
  send(data: Buffer, target: SendTarget): void
}

class DgramTransport implements UdpTransport {
  private socket: Socket | undefined
  private boundPort: number
  private readonly reportSendError: (error: Error) => void
  // One callback for every send, rather than a closure per datagram.
  private readonly afterSend = (error: Error | null): void => {
    if (error) this.reportSendError(error)
  }

  constructor(private readonly options: UdpTransportOptions) {
    this.boundPort = options.port
    this.reportSendError = options.onSendError ?? ((error) => process.emitWarning(error))
  }

  get port(): number {
    return this.boundPort
  }

  start(onPacket: (data: Buffer, meta: PacketMeta) => void): Promise<void> {
    if (this.socket) {
      return Promise.reject(new DhcpTransportError('ERR_DHCP_TRANSPORT_STARTED', 'this transport was already started'))
    }
    // A socket bound to one unicast address only receives datagrams sent to
    // it, so that address is their destination; on 0.0.0.0 it is unknown.
    const dstAddress = this.options.address === '0.0.0.0' ? '' : this.options.address
    const socket = createSocket({type: 'udp4', reuseAddr: true, recvBufferSize: this.options.receiveBufferSize})
    this.socket = socket
    socket.on('message', (data, remote) => {
      onPacket(data, {ifindex: 0, ifname: '', srcAddress: remote.address, srcPort: remote.port, dstAddress})
    })
    return new Promise((resolve, reject) => {
      const failBind = (error: Error): void => {
        this.socket = undefined
        socket.close()
        reject(error)
      }
      socket.once('error', failBind)
      socket.bind({address: this.options.address, port: this.options.port}, () => {
        socket.off('error', failBind)
        // After binding, socket errors concern sends: report, never crash.
        socket.on('error', this.reportSendError)
        this.boundPort = socket.address().port
        resolve()
      })
    })
  }

  send(data: Buffer, target: SendTarget): void {
    if (!this.socket) throw new DhcpTransportError('ERR_DHCP_TRANSPORT_NOT_STARTED', 'the transport is not started')
    assertUnicastTarget(target)
    this.socket.send(data, target.port, target.address, this.afterSend)
  }

  close(): Promise<void> {
    const socket = this.socket
    this.socket = undefined
    if (!socket) return Promise.resolve()
    return new Promise((resolve) => socket.close(() => resolve()))
  }
}

/** With socket 'native', throws NativeAddonMissingError when the addon is not built. */
export function createUdpTransport(options: UdpTransportOptions): UdpTransport {
  const socket = options.socket ?? 'auto'
  if (socket === 'dgram') return new DgramTransport(options)
  let native: NativeBinding
  try {
    native = loadNativeBinding()
  } catch (error) {
    if (socket === 'auto' && error instanceof NativeAddonMissingError) return new DgramTransport(options)
    throw error
  }
  return new NativeUdpTransport(native, options)
}
