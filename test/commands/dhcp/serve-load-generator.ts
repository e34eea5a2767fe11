// A load generator that speaks DHCP the way a relay agent does: it binds the
// relay address, puts it in giaddr, and runs DISCOVER/OFFER/REQUEST/ACK for
// many clients at a steady pace. Every ACK is printed as soon as it arrives
// ("ACK <mac> <address>"), so a test that kills the server knows exactly
// which leases were promised. Used by serve-crash.test.ts, run with node in
// a network namespace:
//   node serve-load-generator.js --bind A --server B --port P --clients N --first K --rate R
// Without arguments it does nothing (the test runner may load it as a file).

import {createSocket} from 'node:dgram'

import {decodePacket, encodePacket} from '../../../src/dhcp/codec/index.js'
import {hwaddrToString, ip4FromString, ip4ToString} from '../../../src/dhcp/codec/ip4.js'
import {Opt} from '../../../src/dhcp/codec/packet-constants.js'
import {type DhcpPacket, MessageType} from '../../../src/dhcp/engine-types.js'

interface Options {
  bind: string
  server: string
  port: number
  clients: number
  first: number
  rate: number
}

interface Client {
  index: number
  chaddr: Buffer
  xid: number
  /** Offered address awaiting the ACK, 0 while discovering, -1 once bound. */
  requested: number
  serverId: Buffer | undefined
  sentAt: number
}

const RETRY_MS = 400

function parseArgs(argv: string[]): Options | undefined {
  if (argv.length === 0) return undefined
  const value = (name: string): string => {
    const at = argv.indexOf(`--${name}`)
    if (at < 0 || at + 1 >= argv.length) throw new Error(`--${name} is required`)
    return argv[at + 1]
  }
  return {bind: value('bind'), server: value('server'), port: Number(value('port')), clients: Number(value('clients')), first: Number(value('first')), rate: Number(value('rate'))}
}

function run(options: Options): void {
  const socket = createSocket({type: 'udp4', reuseAddr: true})
  const giaddr = ip4FromString(options.bind)
  const clients: Client[] = Array.from({length: options.clients}, (_, i) => {
    const chaddr = Buffer.alloc(16)
    chaddr[0] = 0x02
    chaddr.writeUInt32BE(options.first + i, 2)
    return {index: i, chaddr, xid: 0, requested: 0, serverId: undefined, sentAt: 0}
  })
  const byXid = new Map<number, Client>()
  let nextXid = (options.first * 7919) >>> 0

  const send = (client: Client, type: MessageType): void => {
    byXid.delete(client.xid)
    client.xid = nextXid = (nextXid + 1) >>> 0
    byXid.set(client.xid, client)
    client.sentAt = Date.now()
    const packetOptions = new Map<number, Buffer>([[Opt.messageType, Buffer.from([type])]])
    if (type === MessageType.Request) {
      const requested = Buffer.alloc(4)
      requested.writeUInt32BE(client.requested)
      packetOptions.set(Opt.requestedAddress, requested)
      if (client.serverId) packetOptions.set(Opt.serverId, client.serverId)
    }
    packetOptions.set(Opt.parameterRequestList, Buffer.from([1, 3, 6]))
    const packet: DhcpPacket = {
      op: 1, htype: 1, hlen: 6, hops: 1, xid: client.xid, secs: 0, flags: 0,
      ciaddr: 0, yiaddr: 0, siaddr: 0, giaddr, chaddr: client.chaddr, sname: '', file: '', options: packetOptions,
    }
    socket.send(encodePacket(packet), options.port, options.server)
  }

  socket.on('message', (data) => {
    let reply: DhcpPacket
    try {
      reply = decodePacket(data)
    } catch {
      return
    }
    const client = byXid.get(reply.xid)
    if (!client) return
    const type = reply.options.get(Opt.messageType)?.[0]
    if (type === MessageType.Offer && client.requested === 0) {
      client.requested = reply.yiaddr
      client.serverId = reply.options.get(Opt.serverId)
      send(client, MessageType.Request)
    } else if (type === MessageType.Ack && client.requested > 0) {
      byXid.delete(client.xid)
      client.requested = -1
      process.stdout.write(`ACK ${hwaddrToString(client.chaddr, 6)} ${ip4ToString(reply.yiaddr)}\n`)
    } else if (type === MessageType.Nak) {
      client.requested = 0
      send(client, MessageType.Discover)
    }
  })

  socket.bind({address: options.bind, port: options.port}, () => {
    let started = 0
    const tickMs = 10
    const perTick = Math.max(1, Math.round((options.rate * tickMs) / 1000))
    setInterval(() => {
      for (let i = 0; i < perTick && started < clients.length; i++) send(clients[started++], MessageType.Discover)
      // Retransmit, as real clients do, when the server did not answer in time.
      const now = Date.now()
      for (const client of byXid.values()) {
        if (now - client.sentAt < RETRY_MS) continue
        if (client.requested > 0) send(client, MessageType.Request)
        else if (client.requested === 0) send(client, MessageType.Discover)
      }
    }, tickMs)
    process.stdout.write('READY\n')
  })
  process.on('SIGTERM', () => {
    process.stdout.write('DONE\n', () => process.exit(0))
  })
}

const options = parseArgs(process.argv.slice(2))
if (options) run(options)
