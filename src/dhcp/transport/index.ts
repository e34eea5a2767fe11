export {
  createInterfaceTransport,
  DHCP_CLIENT_PORT,
  DHCP_SERVER_PORT,
  type InterfaceTransport,
  type InterfaceTransportOptions,
  type ServedInterface,
} from './interface-transport.js'
export {
  addonPath,
  loadNativeBinding,
  NativeAddonMissingError,
  type NativeBinding,
  type NativeMessageHandler,
  type NativeSocket,
  type NativeSocketOptions,
  type NativeSocketStats,
  type NativeSystemError,
} from './native-binding.js'
export {DhcpTransportError} from './transport-error.js'
export {createUdpTransport, type UdpTransport, type UdpTransportOptions} from './udp-transport.js'
