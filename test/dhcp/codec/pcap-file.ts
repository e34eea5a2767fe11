// A minimal pcap writer for handing packets to tshark: classic pcap format
// (not pcapng), Ethernet link type, IPv4 + UDP headers with real checksums.

export interface UdpDatagram {
  payload: Buffer
  srcIp: number
  dstIp: number
  srcPort: number
  dstPort: number
  srcMac: Buffer
  dstMac: Buffer
}

const LINKTYPE_ETHERNET = 1

export function pcapFile(datagrams: readonly UdpDatagram[]): Buffer {
  const header = Buffer.alloc(24)
  header.writeUInt32LE(0xa1b2c3d4, 0) // magic: microsecond timestamps, little endian
  header.writeUInt16LE(2, 4) // version 2.4
  header.writeUInt16LE(4, 6)
  header.writeInt32LE(0, 8) // thiszone
  header.writeUInt32LE(0, 12) // sigfigs
  header.writeUInt32LE(65535, 16) // snaplen
  header.writeUInt32LE(LINKTYPE_ETHERNET, 20)
  const parts: Buffer[] = [header]
  datagrams.forEach((datagram, i) => {
    const frame = ethernetFrame(datagram)
    const record = Buffer.alloc(16)
    record.writeUInt32LE(1_700_000_000 + i, 0) // ts_sec
    record.writeUInt32LE(0, 4) // ts_usec
    record.writeUInt32LE(frame.length, 8) // incl_len
    record.writeUInt32LE(frame.length, 12) // orig_len
    parts.push(record, frame)
  })
  return Buffer.concat(parts)
}

function ethernetFrame(d: UdpDatagram): Buffer {
  const udpLength = 8 + d.payload.length
  const ipLength = 20 + udpLength
  const frame = Buffer.alloc(14 + ipLength)
  d.dstMac.copy(frame, 0, 0, 6)
  d.srcMac.copy(frame, 6, 0, 6)
  frame.writeUInt16BE(0x0800, 12)

  const ip = frame.subarray(14, 34)
  ip[0] = 0x45 // version 4, 5-word header
  ip[1] = 0x10 // DSCP as DHCP servers commonly send
  ip.writeUInt16BE(ipLength, 2)
  ip.writeUInt16BE(0x1234, 4) // identification
  ip.writeUInt16BE(0, 6) // flags, fragment offset
  ip[8] = 64 // TTL
  ip[9] = 17 // UDP
  ip.writeUInt32BE(d.srcIp >>> 0, 12)
  ip.writeUInt32BE(d.dstIp >>> 0, 16)
  ip.writeUInt16BE(onesComplement(sum16(ip, 0)), 10)

  const udp = frame.subarray(34)
  udp.writeUInt16BE(d.srcPort, 0)
  udp.writeUInt16BE(d.dstPort, 2)
  udp.writeUInt16BE(udpLength, 4)
  udp.set(d.payload, 8)
  const pseudo = Buffer.alloc(12)
  pseudo.writeUInt32BE(d.srcIp >>> 0, 0)
  pseudo.writeUInt32BE(d.dstIp >>> 0, 4)
  pseudo[9] = 17
  pseudo.writeUInt16BE(udpLength, 10)
  const checksum = onesComplement(sum16(udp, sum16(pseudo, 0)))
  // 0 means "no checksum" in UDP over IPv4, so a computed 0 is sent as 0xffff.
  udp.writeUInt16BE(checksum === 0 ? 0xffff : checksum, 6)
  return frame
}

/** Internet checksum accumulation (RFC 1071) over 16-bit big-endian words. */
export function sum16(data: Buffer, initial: number): number {
  let sum = initial
  for (let i = 0; i + 1 < data.length; i += 2) sum += data.readUInt16BE(i)
  if (data.length % 2 === 1) sum += data[data.length - 1] << 8
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16)
  return sum
}

function onesComplement(sum: number): number {
  return ~sum & 0xffff
}
