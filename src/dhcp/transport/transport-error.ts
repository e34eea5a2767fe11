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
