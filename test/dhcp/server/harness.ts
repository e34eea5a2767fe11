// A scripted fake client against a real DhcpServer, in the style of Kea's
// Dhcp4Client: no sockets (a transport that records what is sent), a memory
// lease store and a clock the test moves. Each client call encodes a real
// packet, feeds its bytes to the server, waits until the server is done with
// it (commit included) and decodes whatever the server sent back.

import {decodePacket, encodePacket} from '../../../src/dhcp/codec/index.js'
import {ip4FromString, ip4ToString} from '../../../src/dhcp/codec/ip4.js'
import {ip4Value} from '../../../src/dhcp/codec/packet-options.js'
import {BROADCAST_FLAG, Opt} from '../../../src/dhcp/codec/packet-constants.js'
import {parseDhcpConfig} from '../../../src/dhcp/config/parse-config.js'
import type {DhcpConfig} from '../../../src/dhcp/config/schema.js'
import {
  type DhcpPacket,
  type DhcpTransport,
  type LeaseStore,
  MessageType,
  type PacketMeta,
  type SendTarget,
} from '../../../src/dhcp/engine-types.js'
import {createMemoryLeaseStore} from '../../../src/dhcp/lease-store/index.js'
import {DhcpServer, type DhcpServerOptions} from '../../../src/dhcp/server/dhcp-server.js'
import type {DhcpLogger} from '../../../src/dhcp/server/server-log.js'

export const SERVER_ADDRESS = '198.18.10.1'
export const RELAY_ADDRESS = '198.18.20.1'
export const ip = ip4FromString
export const text = ip4ToString

/** office on eth1 (direct), branch behind a relay at 198.18.20.1, 8 day leases. */
export function defaultConfig(): unknown {
  return {
    interfaces: ['eth1'],
    scopes: [
      {
        name: 'office',
        subnet: '198.18.10.0/24',
        ranges: ['198.18.10.50-198.18.10.59'],
        options: {router: '198.18.10.1', 'domain-name-server': '198.18.10.1, 198.18.10.2', 'domain-name': 'office.test'},
      },
      {
        name: 'branch',
        subnet: '198.18.20.0/24',
        ranges: ['198.18.20.100-198.18.20.109'],
        options: {router: '198.18.20.1', 'domain-name-server': '198.18.10.1'},
      },
    ],
  }
}

export class RecordingTransport implements DhcpTransport {
  readonly sent: {data: Buffer; target: SendTarget}[] = []
  started = false

  start(): Promise<void> {
    this.started = true
    return Promise.resolve()
  }

  send(data: Buffer, target: SendTarget): void {
    this.sent.push({data: Buffer.from(data), target})
  }

  close(): Promise<void> {
    this.started = false
    return Promise.resolve()
  }
}

/** A memory store whose commits wait until the test opens the gate: for "nothing before the commit" checks. */
export function createGatedStore(): {store: LeaseStore; pending: () => number; open: () => Promise<void>} {
  const memory = createMemoryLeaseStore()
  let waiting: (() => void)[] = []
  const store: LeaseStore = {
    open: () => memory.open(),
    close: () => memory.close(),
    all: () => memory.all(),
    getByAddress: (address) => memory.getByAddress(address),
    getByClient: (key) => memory.getByClient(key),
    get size() {
      return memory.size
    },
    commit: (lease) => new Promise<void>((resolve, reject) => waiting.push(() => memory.commit(lease).then(resolve, reject))),
    remove: (address) => memory.remove(address),
    compact: () => memory.compact(),
  }
  return {
    store,
    pending: () => waiting.length,
    open: async () => {
      const gate = waiting
      waiting = []
      for (const finish of gate) finish()
      await new Promise((resolve) => setImmediate(resolve))
    },
  }
}

export class FakeClock {
  ms = Date.UTC(2026, 0, 1)
  readonly now = (): number => this.ms
  advance(seconds: number): void {
    this.ms += seconds * 1000
  }
}

export interface Reply {
  packet: DhcpPacket
  type: MessageType
  target: SendTarget
  yiaddr: string
  option(code: number): Buffer | undefined
  /** Option value as a 32-bit number (lease times, addresses). */
  u32(code: number): number | undefined
  ip(code: number): string | undefined
}

export interface Harness {
  server: DhcpServer
  store: LeaseStore
  transport: RecordingTransport
  clock: FakeClock
  config: DhcpConfig
  logs: string[]
  client(options?: ClientOptions): TestClient
  /** Feeds raw bytes as if they arrived on eth1. */
  receiveRaw(data: Buffer, meta?: Partial<PacketMeta>): Promise<Reply[]>
  /** Stops the server (store closed); a new harness can reopen the same store. */
  stop(): Promise<void>
}

export interface HarnessOptions {
  config?: unknown
  store?: LeaseStore
  clock?: FakeClock
  server?: Partial<DhcpServerOptions>
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const config = parseDhcpConfig(options.config ?? defaultConfig())
  const store = options.store ?? createMemoryLeaseStore()
  const transport = new RecordingTransport()
  const clock = options.clock ?? new FakeClock()
  const logs: string[] = []
  const logger: DhcpLogger = {
    info: (line) => logs.push(line),
    notice: (line) => logs.push(line),
    warn: (line) => logs.push(`warning: ${line}`),
    error: (line) => logs.push(`error: ${line}`),
  }
  const server = new DhcpServer({
    config,
    store,
    transport,
    logger,
    now: clock.now,
    interfaceAddresses: () => new Map([['eth1', [ip(SERVER_ADDRESS)]], ['eth0', [ip('198.18.0.2')]], ['lo', [ip('127.0.0.1')]]]),
    ...options.server,
  })
  await server.start()
  let nextMac = 1
  const harness: Harness = {
    server,
    store,
    transport,
    clock,
    config,
    logs,
    client: (clientOptions = {}) => new TestClient(harness, {mac: macNumber(nextMac++), ...clientOptions}),
    receiveRaw: (data, meta = {}) => deliver(harness, data, {...directMeta('eth1', '255.255.255.255'), ...meta}),
    stop: () => server.stop(),
  }
  return harness
}

function macNumber(n: number): string {
  return `08:00:27:00:${((n >> 8) & 255).toString(16).padStart(2, '0')}:${(n & 255).toString(16).padStart(2, '0')}`
}

function directMeta(ifname: string, dstAddress: string, srcAddress = '0.0.0.0'): PacketMeta {
  return {ifindex: ifname === 'eth1' ? 3 : 2, ifname, srcAddress, srcPort: 68, dstAddress}
}

/** Replies are matched to the request by xid and chaddr, so concurrent clients each get their own. */
async function deliver(harness: Harness, data: Buffer, meta: PacketMeta): Promise<Reply[]> {
  const before = harness.transport.sent.length
  await harness.server.receive(data, meta)
  const xid = data.readUInt32BE(4)
  const chaddr = data.subarray(28, 44)
  return harness.transport.sent
    .slice(before)
    .filter(({data: bytes}) => bytes.length >= 44 && bytes.readUInt32BE(4) === xid && bytes.subarray(28, 44).equals(chaddr))
    .map(({data: bytes, target}) => toReply(bytes, target))
}

function toReply(bytes: Buffer, target: SendTarget): Reply {
  const packet = decodePacket(bytes)
  return {
    packet,
    type: packet.options.get(Opt.messageType)![0] as MessageType,
    target,
    yiaddr: text(packet.yiaddr),
    option: (code) => packet.options.get(code),
    u32: (code) => packet.options.get(code)?.readUInt32BE(0),
    ip: (code) => {
      const value = packet.options.get(code)
      return value === undefined ? undefined : text(value.readUInt32BE(0))
    },
  }
}

export interface ClientOptions {
  mac?: string
  /** Option 61 as hex (e.g. '01080027000001'). */
  clientId?: string
  hostname?: string
  /** Interface the client is on (direct clients). */
  iface?: string
  /** Relay agent address: the client sits behind a relay and every packet carries this giaddr. */
  relay?: string
  /** Option 82 the relay adds, as raw bytes. */
  relayInfo?: Buffer
}

export interface SendOptions {
  requested?: string
  serverId?: string
  ciaddr?: string
  broadcast?: boolean
  /** Option 55 codes. */
  prl?: number[]
  maxMessageSize?: number
  /** Where the datagram was addressed to (default: broadcast). */
  dstAddress?: string
  extraOptions?: [number, Buffer][]
}

export class TestClient {
  readonly mac: string
  /** The address the client holds after its last ACK ('' for none). */
  address = ''
  /** The server that gave it (option 54 of the last OFFER/ACK). */
  serverId = ''
  private xid = Math.floor(Math.random() * 0xffff_ffff)

  constructor(
    private readonly harness: Harness,
    readonly options: ClientOptions & {mac: string},
  ) {
    this.mac = options.mac
  }

  get clientKey(): string {
    return this.options.clientId !== undefined ? `id:${this.options.clientId}` : `hw:${this.mac}`
  }

  /** Sends one message and returns the single reply, or undefined when the server stays silent. */
  async send(type: MessageType, options: SendOptions = {}): Promise<Reply | undefined> {
    const replies = await this.sendAll(type, options)
    if (replies.length > 1) throw new Error(`expected at most one reply, got ${replies.length}`)
    return replies[0]
  }

  async sendAll(type: MessageType, options: SendOptions = {}): Promise<Reply[]> {
    const packet = this.packet(type, options)
    return deliver(this.harness, encodePacket(packet), this.meta(options))
  }

  async discover(options: SendOptions = {}): Promise<Reply | undefined> {
    return this.send(MessageType.Discover, options)
  }

  /** REQUEST in SELECTING state for the offered address. */
  async select(offer: Reply, options: SendOptions = {}): Promise<Reply | undefined> {
    const reply = await this.send(MessageType.Request, {requested: offer.yiaddr, serverId: offer.ip(Opt.serverId), ...options})
    this.remember(reply)
    return reply
  }

  /** DISCOVER, OFFER, REQUEST, ACK; returns the ACK. */
  async dora(options: SendOptions = {}): Promise<Reply> {
    const offer = await this.discover(options)
    if (offer?.type !== MessageType.Offer) throw new Error(`no OFFER for ${this.mac}`)
    const ack = await this.select(offer)
    if (ack?.type !== MessageType.Ack) throw new Error(`no ACK for ${this.mac}`)
    return ack
  }

  /** RENEWING: unicast to the server with ciaddr. */
  async renew(options: SendOptions = {}): Promise<Reply | undefined> {
    const reply = await this.send(MessageType.Request, {ciaddr: this.address, dstAddress: this.serverId || SERVER_ADDRESS, ...options})
    this.remember(reply)
    return reply
  }

  /** REBINDING: broadcast with ciaddr. */
  async rebind(options: SendOptions = {}): Promise<Reply | undefined> {
    const reply = await this.send(MessageType.Request, {ciaddr: this.address, ...options})
    this.remember(reply)
    return reply
  }

  /** INIT-REBOOT: broadcast REQUEST for the remembered address, no server id, no ciaddr. */
  async reboot(address = this.address, options: SendOptions = {}): Promise<Reply | undefined> {
    const reply = await this.send(MessageType.Request, {requested: address, ...options})
    this.remember(reply)
    return reply
  }

  async release(options: SendOptions = {}): Promise<Reply | undefined> {
    const reply = await this.send(MessageType.Release, {ciaddr: this.address, serverId: this.serverId || SERVER_ADDRESS, dstAddress: this.serverId || SERVER_ADDRESS, ...options})
    this.address = ''
    return reply
  }

  async decline(address: string, options: SendOptions = {}): Promise<Reply | undefined> {
    return this.send(MessageType.Decline, {requested: address, serverId: this.serverId || SERVER_ADDRESS, ...options})
  }

  async inform(ciaddr: string, options: SendOptions = {}): Promise<Reply | undefined> {
    return this.send(MessageType.Inform, {ciaddr, ...options})
  }

  packet(type: MessageType, options: SendOptions = {}): DhcpPacket {
    const chaddr = Buffer.alloc(16)
    Buffer.from(this.mac.replace(/:/g, ''), 'hex').copy(chaddr)
    const opts = new Map<number, Buffer>([[Opt.messageType, Buffer.from([type])]])
    if (this.options.clientId !== undefined) opts.set(Opt.clientId, Buffer.from(this.options.clientId, 'hex'))
    if (options.requested !== undefined) opts.set(Opt.requestedAddress, ip4Value(ip(options.requested)))
    if (options.serverId !== undefined) opts.set(Opt.serverId, ip4Value(ip(options.serverId)))
    if (this.options.hostname !== undefined) opts.set(Opt.hostName, Buffer.from(this.options.hostname))
    opts.set(Opt.parameterRequestList, Buffer.from(options.prl ?? [1, 3, 6, 15, 51, 54]))
    if (options.maxMessageSize !== undefined) {
      const size = Buffer.alloc(2)
      size.writeUInt16BE(options.maxMessageSize)
      opts.set(Opt.maxMessageSize, size)
    }
    for (const [code, value] of options.extraOptions ?? []) opts.set(code, value)
    if (this.options.relay !== undefined && this.options.relayInfo !== undefined) opts.set(Opt.relayAgentInfo, this.options.relayInfo)
    this.xid = (this.xid + 1) >>> 0
    return {
      op: 1,
      htype: 1,
      hlen: 6,
      hops: this.options.relay === undefined ? 0 : 1,
      xid: this.xid,
      secs: 0,
      flags: options.broadcast ? BROADCAST_FLAG : 0,
      ciaddr: options.ciaddr ? ip(options.ciaddr) : 0,
      yiaddr: 0,
      siaddr: 0,
      giaddr: this.options.relay === undefined ? 0 : ip(this.options.relay),
      chaddr,
      sname: '',
      file: '',
      options: opts,
    }
  }

  private meta(options: SendOptions): PacketMeta {
    if (this.options.relay !== undefined) {
      return {ifindex: 2, ifname: 'eth0', srcAddress: this.options.relay, srcPort: 67, dstAddress: options.dstAddress ?? SERVER_ADDRESS}
    }
    return directMeta(this.options.iface ?? 'eth1', options.dstAddress ?? '255.255.255.255', options.ciaddr ?? '0.0.0.0')
  }

  private remember(reply: Reply | undefined): void {
    if (reply?.type === MessageType.Ack) {
      this.address = reply.yiaddr
      this.serverId = reply.ip(Opt.serverId) ?? ''
    } else if (reply?.type === MessageType.Nak) {
      this.address = ''
    }
  }
}
