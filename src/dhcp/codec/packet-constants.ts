// Wire constants of BOOTP/DHCPv4 (RFC 951, RFC 2131, RFC 2132).

export const SERVER_PORT = 67
export const CLIENT_PORT = 68

export const BOOTREQUEST = 1
export const BOOTREPLY = 2

/** `flags` bit asking the server to broadcast its reply (RFC 2131 §2). */
export const BROADCAST_FLAG = 0x8000

/** 99.130.83.99, the first four bytes of the options field (RFC 2131 §3). */
export const MAGIC_COOKIE = 0x63825363

/** Byte offsets of the fixed BOOTP header (RFC 2131 §2, figure 1). */
export const Offset = {
  op: 0,
  htype: 1,
  hlen: 2,
  hops: 3,
  xid: 4,
  secs: 8,
  flags: 10,
  ciaddr: 12,
  yiaddr: 16,
  siaddr: 20,
  giaddr: 24,
  chaddr: 28,
  sname: 44,
  file: 108,
  cookie: 236,
  options: 240,
} as const

export const CHADDR_SIZE = 16
export const SNAME_SIZE = 64
export const FILE_SIZE = 128
/** Fixed header without the cookie. */
export const FIXED_HEADER_SIZE = 236
/** Fixed header plus magic cookie: the smallest DHCP message. */
export const MIN_DHCP_SIZE = 240
/** BOOTP relays and old clients drop anything shorter (RFC 1542 §2.1). */
export const MIN_BOOTP_SIZE = 300

/**
 * Every client must accept an IP datagram of 576 bytes (RFC 2131 §2), which
 * is also the smallest legal option 57 value (RFC 2132 §9.10).
 */
export const MIN_MAX_MESSAGE_SIZE = 576
/** IPv4 header (no options) plus UDP header, counted in option 57 sizes. */
export const IP_UDP_OVERHEAD = 28

/** Option overload (52) values, RFC 2132 §9.3. */
export const Overload = {
  file: 1,
  sname: 2,
  both: 3,
} as const

/** Option codes the server reads or writes by number. */
export const Opt = {
  pad: 0,
  subnetMask: 1,
  timeOffset: 2,
  router: 3,
  domainNameServer: 6,
  hostName: 12,
  domainName: 15,
  interfaceMtu: 26,
  broadcastAddress: 28,
  staticRoutes: 33,
  vendorEncapsulated: 43,
  ntpServers: 42,
  requestedAddress: 50,
  leaseTime: 51,
  overload: 52,
  messageType: 53,
  serverId: 54,
  parameterRequestList: 55,
  message: 56,
  maxMessageSize: 57,
  renewalTime: 58,
  rebindingTime: 59,
  vendorClassId: 60,
  clientId: 61,
  tftpServerName: 66,
  bootfileName: 67,
  userClass: 77,
  rapidCommit: 80,
  clientFqdn: 81,
  relayAgentInfo: 82,
  subnetSelection: 118,
  domainSearch: 119,
  classlessStaticRoutes: 121,
  end: 255,
} as const

/** Relay agent information sub-option codes (RFC 3046 and later). */
export const RelaySubOpt = {
  circuitId: 1,
  remoteId: 2,
  linkSelection: 5,
  subscriberId: 6,
  serverIdOverride: 11,
} as const
