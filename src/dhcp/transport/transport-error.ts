import type {SendTarget} from '../engine-types.js'

/** Misuse of a transport (as opposed to a failed system call, which carries an errno code). */
export class DhcpTransportError extends Error {
  override readonly name = 'DhcpTransportError'

  constructor(
    readonly code:
      | 'ERR_DHCP_TRANSPORT_NOT_STARTED'
      | 'ERR_DHCP_TRANSPORT_STARTED'
      | 'ERR_DHCP_INTERFACE_NOT_SERVED'
      | 'ERR_DHCP_TARGET_UNSUPPORTED',
    message: string,
  ) {
    super(message)
  }
}

export const LIMITED_BROADCAST = '255.255.255.255'

/** The UDP transports (dgram and native) send unicast only; a broadcast or a link-level target needs the interface transport. */
export function assertUnicastTarget(target: SendTarget): void {
  if (target.address === LIMITED_BROADCAST || target.hwaddr || target.ifindex) {
    throw new DhcpTransportError(
      'ERR_DHCP_TARGET_UNSUPPORTED',
      `the UDP transport sends unicast only (relay-only service); ${target.address} ` +
        'with a broadcast, hwaddr or ifindex needs the interface transport',
    )
  }
}
