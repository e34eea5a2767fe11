import type {DhcpPacket} from '../../../src/dhcp/engine-types.js'

// The packets the hand-built fixtures in test/fixtures/dhcp/codec encode,
// written independently of the codec: header fields as numbers, options as
// the hex of their values.

export interface GoldenPacket {
  fixture: string
  /** What the fixture is, for test names. */
  what: string
  packet: DhcpPacket
  /** maxSize to encode with (default 576). */
  maxSize?: number
}

const CLIENT_MAC = '02005e100001'
const CLIENT_ID = `01${CLIENT_MAC}`

function chaddr(hex: string): Buffer {
  const out = Buffer.alloc(16)
  Buffer.from(hex, 'hex').copy(out)
  return out
}

function options(entries: Array<[number, string]>): Map<number, Buffer> {
  return new Map(entries.map(([code, hex]) => [code, Buffer.from(hex.replace(/\s+/g, ''), 'hex')]))
}

function ascii(text: string): string {
  return Buffer.from(text, 'latin1').toString('hex')
}

function packet(fields: Partial<DhcpPacket> & {options: Map<number, Buffer>}): DhcpPacket {
  return {
    op: 1,
    htype: 1,
    hlen: 6,
    hops: 0,
    xid: 0x3903f326,
    secs: 0,
    flags: 0,
    ciaddr: 0,
    yiaddr: 0,
    siaddr: 0,
    giaddr: 0,
    chaddr: chaddr(CLIENT_MAC),
    sname: '',
    file: '',
    ...fields,
  }
}

const PRL = '01 03 06 0f 1c 33 3a 3b 77 79'
const OFFER_PARAMETERS: Array<[number, string]> = [
  [54, 'c6120001'],
  [51, '00000e10'],
  [58, '00000708'],
  [59, '00000c4e'],
  [1, 'ffffff00'],
  [3, 'c6120001'],
  [6, 'c6120001 c6120002'],
  [15, ascii('example.test')],
]

function longSearchList(): string {
  let hex = `06${ascii('host00')}07${ascii('example')}04${ascii('test')}00`
  for (let n = 1; n <= 27; n++) hex += `06${ascii(`host${String(n).padStart(2, '0')}`)}c007`
  return hex
}

function longRoutes(): string {
  let hex = ''
  for (let n = 0; n <= 32; n++) hex += `18c613${n.toString(16).padStart(2, '0')}c6120001`
  return hex
}

export const GOLDEN_PACKETS: readonly GoldenPacket[] = [
  {
    fixture: 'discover.hex',
    what: 'DISCOVER with client id, host name, PRL and max size',
    packet: packet({
      flags: 0x8000,
      options: options([
        [53, '01'],
        [61, CLIENT_ID],
        [12, ascii('ws-01')],
        [55, PRL],
        [57, '05dc'],
      ]),
    }),
  },
  {
    fixture: 'offer.hex',
    what: 'OFFER with lease, T1, T2, mask, router, DNS, domain, broadcast',
    packet: packet({
      op: 2,
      flags: 0x8000,
      yiaddr: 0xc612000a,
      options: options([[53, '02'], ...OFFER_PARAMETERS, [28, 'c61200ff']]),
    }),
  },
  {
    fixture: 'request-selecting.hex',
    what: 'REQUEST (selecting) with requested address, server id and client FQDN',
    packet: packet({
      secs: 3,
      options: options([
        [53, '03'],
        [61, CLIENT_ID],
        [50, 'c612000a'],
        [54, 'c6120001'],
        [12, ascii('ws-01')],
        [81, `050000 05${ascii('ws-01')} 07${ascii('example')} 04${ascii('test')} 00`],
        [55, PRL],
      ]),
    }),
  },
  {
    fixture: 'ack.hex',
    what: 'ACK with domain search and classless static routes',
    packet: packet({
      op: 2,
      yiaddr: 0xc612000a,
      options: options([
        [53, '05'],
        ...OFFER_PARAMETERS,
        [119, `03${ascii('eng')} 07${ascii('example')} 04${ascii('test')} 00 04${ascii('labs')} c004`],
        [121, '00 c6120001  08 0a c6120002  19 0ae50080 c6120003  10 c613 c6120004'],
      ]),
    }),
  },
  {
    fixture: 'nak.hex',
    what: 'NAK with a message',
    packet: packet({
      op: 2,
      options: options([
        [53, '06'],
        [54, 'c6120001'],
        [56, ascii('requested address not available')],
      ]),
    }),
  },
  {
    fixture: 'release.hex',
    what: 'RELEASE with ciaddr, server id and client id',
    packet: packet({
      xid: 0x0badf00d,
      ciaddr: 0xc612000a,
      options: options([
        [53, '07'],
        [54, 'c6120001'],
        [61, CLIENT_ID],
      ]),
    }),
  },
  {
    fixture: 'inform.hex',
    what: 'INFORM with ciaddr and vendor class',
    packet: packet({
      xid: 0x1234abcd,
      ciaddr: 0xc6120032,
      chaddr: chaddr('02005e100002'),
      options: options([
        [53, '08'],
        [61, '0102005e100002'],
        [60, ascii('MSFT 5.0')],
        [55, '01 03 06 0f'],
      ]),
    }),
  },
  {
    fixture: 'relayed-discover.hex',
    what: 'relayed DISCOVER with giaddr and relay agent information',
    packet: packet({
      hops: 1,
      xid: 0x77665544,
      giaddr: 0xc6120101,
      chaddr: chaddr('02005e100003'),
      options: options([
        [53, '01'],
        [61, '0102005e100003'],
        [55, '01 03 06'],
        [82, `0106${ascii('eth0/1')} 0206 02005e0000fe 0504 c6120100`],
      ]),
    }),
  },
  {
    fixture: 'overload-offer.hex',
    what: 'OFFER that overflows into file and sname (option overload)',
    packet: packet({
      op: 2,
      yiaddr: 0xc612000a,
      // In the order a decoder meets them: options field, file, sname.
      options: options([
        [53, '02'],
        [54, 'c6120001'],
        [51, '00000e10'],
        [17, ascii(`/srv/${'a'.repeat(245)}`)],
        [3, 'c6120001'],
        [15, ascii('a-rather-long-domain-name.example.test')],
        [66, ascii('boot-server-with-a-long-name.example.test')],
        [67, ascii('pxelinux/images/x86_64/a-long-kernel-image-name.efi')],
      ]),
    }),
  },
  {
    fixture: 'long-option.hex',
    what: 'ACK with a 264-byte option 121 split in two (RFC 3396)',
    packet: packet({
      op: 2,
      yiaddr: 0xc612000a,
      options: options([
        [53, '05'],
        [54, 'c6120001'],
        [121, longRoutes()],
      ]),
    }),
  },
  {
    fixture: 'long-domain-search.hex',
    what: 'ACK with a 264-byte domain search list split in two (RFC 3396)',
    packet: packet({
      op: 2,
      yiaddr: 0xc612000a,
      options: options([
        [53, '05'],
        [54, 'c6120001'],
        [119, longSearchList()],
      ]),
    }),
  },
]
