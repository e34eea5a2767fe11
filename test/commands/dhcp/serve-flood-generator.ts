// Traffic for serve-rate-limit.test.ts, speaking DHCP the way a relay agent
// does (it binds the relay address and puts it in giaddr). Two modes, run
// with node inside the test's network namespace:
//
//   flood  --bind A --server B --port P --count N --rate R --seconds S
//     N DISCOVERs, each from a MAC of its own, at about R a second; stops
//     after N packets or S seconds, whichever comes first, prints "SENT n".
//   renew  --bind A --server B --port P --clients K --interval MS
//     K clients get a lease (prints "BOUND i address" each, then "READY"),
//     then each renews every MS ms (REQUEST with ciaddr, as a rebinding
//     client through its relay), retransmitting every 500 ms, up to 6 times.
//     Prints "RENEWED i address tries", "NAK i" or "LOST i"; on SIGTERM
//     "DONE renewed=R lost=L nak=N" and exits.
// Without arguments it does nothing (the test runner may load it as a file).

import {createSocket, type Socket} from 'node:dgram'

import {decodePacket, encodePacket} from '../../../src/dhcp/codec/index.js'
import {ip4FromString, ip4ToString} from '../../../src/dhcp/codec/ip4.js'
import {Opt} from '../../../src/dhcp/codec/packet-constants.js'
import {type DhcpPacket, MessageType} from '../../../src/dhcp/engine-types.js'

const RETRY_MS = 500
const MAX_TRIES = 6

type Args = Map<string, string>

function parseArgs(argv: string[]): Args {
  const args = new Map<string, string>()
  for (let i = 1; i + 1 < argv.length; i += 2) args.set(argv[i].replace(/^--/, ''), argv[i + 1])
  return args
}

function required(args: Args, name: string): string {
  const value = args.get(name)
  if (value === undefined) throw new Error(`--${name} is required`)
  return value
}

function requestPacket(type: MessageType, chaddr: Buffer, xid: number, giaddr: number, fields: {ciaddr?: number; requested?: number; serverId?: Buffer} = {}): Buffer {
  const options = new Map<number, Buffer>([[Opt.messageType, Buffer.from([type])]])
  if (fields.requested !== undefined) {
    const requested = Buffer.alloc(4)
    requested.writeUInt32BE(fields.requested)
    options.set(Opt.requestedAddress, requested)
  }
  if (fields.serverId !== undefined) options.set(Opt.serverId, fields.serverId)
  options.set(Opt.parameterRequestList, Buffer.from([1, 3, 6]))
  const packet: DhcpPacket = {
    op: 1, htype: 1, hlen: 6, hops: 1, xid, secs: 0, flags: 0,
    ciaddr: fields.ciaddr ?? 0, yiaddr: 0, siaddr: 0, giaddr, chaddr, sname: '', file: '', options,
  }
  return encodePacket(packet)
}

function bind(args: Args): Promise<Socket> {
  const socket = createSocket({type: 'udp4', reuseAddr: true})
  return new Promise((resolve) => socket.bind({address: required(args, 'bind'), port: Number(required(args, 'port'))}, () => resolve(socket)))
}

async function flood(args: Args): Promise<void> {
  const socket = await bind(args)
  const server = required(args, 'server')
  const port = Number(required(args, 'port'))
  const count = Number(required(args, 'count'))
  const perMs = Number(required(args, 'rate')) / 1000
  const deadline = Date.now() + Number(required(args, 'seconds')) * 1000
  const giaddr = ip4FromString(required(args, 'bind'))
  const chaddr = Buffer.alloc(16)
  chaddr[0] = 0x02
  chaddr[1] = 0xee
  const template = requestPacket(MessageType.Discover, chaddr, 0, giaddr)
  // Replies (OFFERs to the flood) are read and thrown away.
  socket.on('message', () => undefined)
  const started = Date.now()
  let sent = 0
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const due = Math.min(count, Math.ceil((Date.now() - started) * perMs))
      for (; sent < due; sent++) {
        const data = Buffer.from(template)
        data.writeUInt32BE(sent, 4)
        data.writeUInt32BE(sent, 28 + 2)
        socket.send(data, port, server)
      }
      if (sent >= count || Date.now() > deadline) resolve()
      else setTimeout(tick, 1)
    }
    tick()
  })
  process.stdout.write(`SENT ${sent}\n`)
  socket.close()
}

interface RenewingClient {
  index: number
  chaddr: Buffer
  xid: number
  address: number
  serverId: Buffer | undefined
  /** 'discover' | 'request' while getting the lease, then 'bound', or 'renewing'. */
  phase: 'discover' | 'request' | 'bound' | 'renewing'
  tries: number
  sentAt: number
}

async function renew(args: Args): Promise<void> {
  const socket = await bind(args)
  const server = required(args, 'server')
  const port = Number(required(args, 'port'))
  const interval = Number(required(args, 'interval'))
  const giaddr = ip4FromString(required(args, 'bind'))
  const clients: RenewingClient[] = Array.from({length: Number(required(args, 'clients'))}, (_, index) => {
    const chaddr = Buffer.alloc(16)
    chaddr[0] = 0x02
    chaddr[1] = 0xcc
    chaddr.writeUInt32BE(index, 2)
    return {index, chaddr, xid: 0x5000_0000 + index * 0x1000, address: 0, serverId: undefined, phase: 'discover', tries: 0, sentAt: 0}
  })
  const byXid = new Map<number, RenewingClient>()
  let renewed = 0
  let lost = 0
  let naks = 0
  let ready = false

  const transmit = (client: RenewingClient): void => {
    client.tries++
    client.sentAt = Date.now()
    const data =
      client.phase === 'discover'
        ? requestPacket(MessageType.Discover, client.chaddr, client.xid, giaddr)
        : client.phase === 'request'
          ? requestPacket(MessageType.Request, client.chaddr, client.xid, giaddr, {requested: client.address, serverId: client.serverId})
          : requestPacket(MessageType.Request, client.chaddr, client.xid, giaddr, {ciaddr: client.address})
    socket.send(data, port, server)
  }
  const start = (client: RenewingClient, phase: RenewingClient['phase']): void => {
    byXid.delete(client.xid)
    client.xid = (client.xid + 1) >>> 0
    byXid.set(client.xid, client)
    client.phase = phase
    client.tries = 0
    transmit(client)
  }

  socket.on('message', (data) => {
    let reply: DhcpPacket
    try {
      reply = decodePacket(data)
    } catch {
      return
    }
    const client = byXid.get(reply.xid)
    if (client === undefined) return
    const type = reply.options.get(Opt.messageType)?.[0]
    if (client.phase === 'discover' && type === MessageType.Offer) {
      client.address = reply.yiaddr
      client.serverId = reply.options.get(Opt.serverId)
      start(client, 'request')
    } else if (client.phase === 'request' && type === MessageType.Ack) {
      byXid.delete(client.xid)
      client.phase = 'bound'
      process.stdout.write(`BOUND ${client.index} ${ip4ToString(client.address)}\n`)
      if (!ready && clients.every((each) => each.phase === 'bound')) {
        ready = true
        process.stdout.write('READY\n')
      }
    } else if (client.phase === 'renewing' && type === MessageType.Ack) {
      byXid.delete(client.xid)
      client.phase = 'bound'
      renewed++
      process.stdout.write(`RENEWED ${client.index} ${ip4ToString(reply.yiaddr)} ${client.tries}\n`)
    } else if (type === MessageType.Nak) {
      byXid.delete(client.xid)
      naks++
      process.stdout.write(`NAK ${client.index}\n`)
      start(client, 'discover')
    }
  })

  for (const client of clients) start(client, 'discover')
  const retries = setInterval(() => {
    const now = Date.now()
    for (const client of byXid.values()) {
      if (now - client.sentAt < RETRY_MS) continue
      if (client.phase === 'renewing' && client.tries >= MAX_TRIES) {
        byXid.delete(client.xid)
        client.phase = 'bound'
        lost++
        process.stdout.write(`LOST ${client.index}\n`)
      } else {
        transmit(client)
      }
    }
  }, 50)
  // Clients renew one after another, spread over the interval, as real leases fall due.
  let next = 0
  const renewals = setInterval(() => {
    if (!ready) return
    const client = clients[next++ % clients.length]
    if (client.phase === 'bound') start(client, 'renewing')
  }, Math.max(1, Math.floor(interval / clients.length)))
  process.on('SIGTERM', () => {
    clearInterval(retries)
    clearInterval(renewals)
    process.stdout.write(`DONE renewed=${renewed} lost=${lost} nak=${naks}\n`, () => process.exit(0))
  })
}

const argv = process.argv.slice(2)
if (argv[0] === 'flood') await flood(parseArgs(argv))
else if (argv[0] === 'renew') await renew(parseArgs(argv))
