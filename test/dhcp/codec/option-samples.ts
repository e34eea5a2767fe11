import {OPTION_TABLE, type OptionDef, type OptionType} from '../../../src/dhcp/codec/option-table.js'

// One admin-style text value for every option in the table, used to check
// parse/format round trips and to show tshark every option type.

const BY_TYPE: Record<OptionType, string | undefined> = {
  none: undefined,
  flag: '',
  ip: '198.18.0.1',
  ips: '198.18.0.1, 198.18.0.2',
  'ip-pairs': '198.18.0.0 255.255.255.0, 198.19.0.0 255.255.0.0',
  u8: '64',
  u16: '1500',
  u32: '3600',
  i32: '-3600',
  bool: 'true',
  string: 'example.test',
  bytes: '01:02:aa:bb',
  u8s: '1, 2, 3',
  u16s: '576, 1500',
  'option-codes': 'router, domain-name-server, 15, 121',
  routes: '10.0.0.0/8 198.18.0.1, 0.0.0.0/0 198.18.0.1',
  'domain-list': 'example.test, corp.example.test',
  'client-id': '01:02:00:5e:10:00:01',
  'relay-agent-info': 'circuit-id=eth0/1, remote-id=0x020000000001, link-selection=198.18.1.0',
  'client-fqdn': 'flags=0x05 host.example.test.',
}

/** Values whose option has more structure than its table type says. */
const BY_NAME: Record<string, string> = {
  // Vendor-specific data is a list of sub-options (code, length, data).
  'vendor-encapsulated-options': '01:02:aa:bb',
  // NetWare/IP sub-option 1 (NWIP does not exist), no data: RFC 2242 §3.
  'netware-ip-information': '01:00',
  // RFC 3004: length-prefixed class data.
  'user-class': '03:61:62:63',
  // RFC 3118: protocol 0 (configuration token), algorithm 0, RDM 0, 8 replay bytes, token.
  authentication: '00:00:00:00:00:00:00:00:00:00:01:74:6f:6b',
  // RFC 4578: type 1 (UNDI), version 2.1.
  'client-network-interface-id': '01:02:01',
  // RFC 4578: type 0 then a 16-byte GUID.
  'client-machine-id': '00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00',
  // RFC 3925: enterprise 99, then length-prefixed data.
  'vendor-identifying-vendor-class': '00:00:00:63:04:03:61:62:63',
  'vendor-identifying-vendor-options': '00:00:00:63:03:01:01:2a',
  'netbios-node-type': 'h-node',
  'auto-configure': 'auto-configure',
  'dhcp-message-type': 'offer',
  'option-overload': 'both',
  'client-system-architecture': '0, 7',
  'posix-timezone': 'EST5EDT4,M3.2.0/02:00,M11.1.0/02:00',
  'tzdb-timezone': 'Europe/Zurich',
  'captive-portal': 'https://portal.example.test/api',
  wpad: 'http://wpad.example.test/wpad.dat',
  'host-name': 'ws-01',
  message: 'address in use',
  'vendor-class-identifier': 'MSFT 5.0',
  'mobile-ip-home-agent': '198.18.0.1',
  'path-mtu-plateau-table': '576, 1500',
  'max-message-size': '1500',
  'max-datagram-reassembly-size': '1500',
}

export interface OptionSample {
  entry: OptionDef
  text: string
}

/** A sample for every option that carries a value. */
export const OPTION_SAMPLES: readonly OptionSample[] = OPTION_TABLE.flatMap((entry) => {
  const text = BY_NAME[entry.name] ?? BY_TYPE[entry.type]
  return text === undefined ? [] : [{entry, text}]
})
