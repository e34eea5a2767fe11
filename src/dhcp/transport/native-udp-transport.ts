// Relay-only transport on the native socket addon, bound to an address and
// port like the dgram one and indistinguishable from it to the server (same
// PacketMeta, same send rules, send errors reported the same way), but cheaper
// per datagram under load: one recvmmsg takes up to 32 datagrams and the whole
// batch is handled in one callback scope, so promise jobs (and with them the
// lease store's group commit) run once per batch instead of once per datagram,
// and a send is one sendmsg without dgram's per-send lookup and tick.
import type {PacketMeta, SendTarget} from '../engine-types.js'
import type {NativeBinding, NativeSocket} from './native-binding.js'
import {assertUnicastTarget, DhcpTransportError} from './transport-error.js'
import type {UdpTransport, UdpTransportOptions} from './udp-transport.js'

export class NativeUdpTransport implements UdpTransport {
  private socket: NativeSocket | undefined
  private boundPort: number
  private readonly reportSendError: (error: Error) => void

  constructor(
    private readonly native: NativeBinding,
    private readonly options: UdpTransportOptions,
    /** Sends nothing (see rehearsal()). */
    private readonly discard = false,
  ) {
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
    // As with dgram: the datagram's destination is reported only when the
    // socket is bound to one unicast address (relays never broadcast to us).
    const dstAddress = this.options.address === '0.0.0.0' ? '' : this.options.address
    try {
      this.socket = new this.native.DhcpSocket(
        {port: this.options.port, address: this.options.address, receiveBufferSize: this.options.receiveBufferSize, discard: this.discard},
        (data, _ifindex, srcAddress, srcPort) => onPacket(data, {ifindex: 0, ifname: '', srcAddress, srcPort, dstAddress}),
      )
    } catch (error) {
      return Promise.reject(error)
    }
    this.boundPort = this.socket.localPort
    return Promise.resolve()
  }

  send(data: Buffer, target: SendTarget): void {
    if (!this.socket) throw new DhcpTransportError('ERR_DHCP_TRANSPORT_NOT_STARTED', 'the transport is not started')
    assertUnicastTarget(target)
    try {
      this.socket.send(data, target.address, target.port)
    } catch (error) {
      this.reportSendError(error as Error)
    }
  }

  /**
   * This very class on an addon socket that sends nothing (bound to a free
   * loopback port, receiving nothing): the warm-up replies through it, and
   * the reply path V8 optimises then meets the same hidden classes as with
   * real clients. A warm-up on another transport class had that code thrown
   * away at the first real reply.
   */
  rehearsal(): NativeUdpTransport {
    return new NativeUdpTransport(this.native, {address: '127.0.0.1', port: 0, onSendError: this.reportSendError}, true)
  }

  close(): Promise<void> {
    this.socket?.close()
    this.socket = undefined
    return Promise.resolve()
  }
}
