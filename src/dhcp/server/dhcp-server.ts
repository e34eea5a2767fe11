import {decodePacket, MalformedPacketError} from '../codec/decode-packet.js'
import {encodePacket} from '../codec/encode-packet.js'
import {ip4ToString} from '../codec/ip4.js'
import {BOOTREQUEST, MIN_MAX_MESSAGE_SIZE, SERVER_PORT} from '../codec/packet-constants.js'
import {clientKeyOf, hwaddrOf, messageTypeOf} from '../codec/packet-options.js'
import type {DhcpConfig} from '../config/schema.js'
import {
  type DhcpPacket,
  type DhcpTransport,
  type Ip4,
  type Lease,
  type LeaseStore,
  MessageType,
  type PacketMeta,
} from '../engine-types.js'
import {AddressBook} from './address-book.js'
import {buildReply, type ReplyContent} from './build-reply.js'
import {Counters, type DhcpServerStats, type DropReason} from './counters.js'
import type {Exchange, ServerContext} from './exchange.js'
import {handleDecline} from './handle-decline.js'
import {handleDiscover} from './handle-discover.js'
import {handleInform} from './handle-inform.js'
import {handleRelease} from './handle-release.js'
import {handleRequest} from './handle-request.js'
import {readInterfaceAddresses} from './interface-addresses.js'
import {maxMessageSize} from './packet-fields.js'
import {PoolExhaustionWarnings} from './pool-exhaustion.js'
import {RateLimitGate} from './rate-limit-gate.js'
import {replyTarget} from './reply-target.js'
import {createScopeRuntime, type ScopeRuntime} from './scope-runtime.js'
import {type InterfaceAddresses, ScopeSelector} from './select-scope.js'
import {clientName, type DhcpLogger, incomingLine, typeName} from './server-log.js'

export interface DhcpServerOptions {
  config: DhcpConfig
  store: LeaseStore
  transport: DhcpTransport
  /** Without one the server is silent and builds no log lines (benchmarks). */
  logger?: DhcpLogger
  /** Milliseconds since the epoch; tests pass a fake clock. */
  now?: () => number
  /** The host's addresses per interface; read from the OS by default and again when a packet arrives on an unknown interface. */
  interfaceAddresses?: () => InterfaceAddresses
  /** Further addresses this server answers as (the --listen address of a relay-only server). */
  ownAddresses?: readonly Ip4[]
  /** UDP port the server listens on and relays are answered on (67). */
  serverPort?: number
  /** UDP port direct clients are answered on (68, or serverPort + 1 when serverPort is given). */
  clientPort?: number
  /** How often idle holds and leases are expired without traffic (ms). */
  sweepIntervalMs?: number
  /** Rate limits used instead of the configuration's (the warm-up's throwaway clients are not limited). */
  rateLimit?: DhcpConfig['rateLimit']
}

const INTERFACE_REFRESH_MS = 2000

/**
 * The DHCPv4 server: decodes each datagram, hands it to the handler for its
 * message type and sends what the handler decides. It never throws out of
 * receive(): malformed or foreign packets are counted and dropped, handler
 * failures are logged and counted. Replies that promise a lease (ACK) go out
 * only after the lease store has made the lease durable.
 */
export class DhcpServer implements ServerContext {
  config: DhcpConfig
  readonly store: LeaseStore
  readonly counters = new Counters()
  readonly book: AddressBook
  selector: ScopeSelector

  private readonly transport: DhcpTransport
  private readonly logger: DhcpLogger | undefined
  private readonly clock: () => number
  private readonly readInterfaces: () => InterfaceAddresses
  private readonly ownAddresses: readonly Ip4[]
  private readonly serverPort: number
  private readonly clientPort: number
  private readonly sweepIntervalMs: number
  private scopes: ScopeRuntime[]
  private interfacesReadAt = 0
  private receiving = false
  private loaded = false
  private sweepTimer: NodeJS.Timeout | undefined
  private inFlight = 0
  private pendingCommits = 0
  private idleWaiters: (() => void)[] = []
  private rateGate: RateLimitGate
  private readonly exhaustion: PoolExhaustionWarnings
  private readonly rateLimit: DhcpConfig['rateLimit'] | undefined

  constructor(options: DhcpServerOptions) {
    this.config = options.config
    this.store = options.store
    this.transport = options.transport
    this.logger = options.logger
    this.clock = options.now ?? Date.now
    this.readInterfaces = options.interfaceAddresses ?? readInterfaceAddresses
    this.ownAddresses = options.ownAddresses ?? []
    this.serverPort = options.serverPort ?? SERVER_PORT
    this.clientPort = options.clientPort ?? this.serverPort + 1
    this.sweepIntervalMs = options.sweepIntervalMs ?? 5000
    this.scopes = options.config.scopes.map(createScopeRuntime)
    this.selector = this.buildSelector()
    this.book = new AddressBook(this.store, this.selector)
    this.isKnownClient = this.isKnownClient.bind(this)
    this.rateLimit = options.rateLimit
    this.rateGate = this.createRateGate(options.config)
    this.exhaustion = new PoolExhaustionWarnings(options.config.warningInterval * 1000, (line) => this.warn(line))
    this.onPacket = this.onPacket.bind(this)
    this.settled = this.settled.bind(this)
    this.failed = this.failed.bind(this)
  }

  /** Opens the lease store and marks every live lease taken; start() does it when not done before. */
  async load(): Promise<void> {
    if (this.loaded) return
    await this.store.open()
    this.book.rebuild(this.selector, this.clock())
    this.loaded = true
  }

  /** Loads the leases (unless load() did), then starts receiving. */
  async start(): Promise<void> {
    await this.load()
    this.receiving = true
    await this.transport.start(this.onPacket)
    this.sweepTimer = setInterval(() => this.book.sweep(this.clock()), this.sweepIntervalMs)
    this.sweepTimer.unref()
    this.logger?.notice(`serving ${this.describeScopes()}; ${this.store.size} leases on record`)
  }

  /** Stops receiving, lets the messages in hand finish (their commits and replies), then closes the transport and the store. */
  async stop(): Promise<void> {
    this.receiving = false
    clearInterval(this.sweepTimer)
    await this.idle()
    await this.transport.close()
    await this.store.close()
  }

  /** Serves a new configuration; leases and held offers carry over to the scopes that still contain them. */
  reload(config: DhcpConfig): void {
    this.config = config
    this.scopes = config.scopes.map(createScopeRuntime)
    this.interfacesReadAt = 0
    this.selector = this.buildSelector()
    this.book.rebuild(this.selector, this.clock())
    if (!this.rateGate.uses(this.rateLimit ?? config.rateLimit, config.warningInterval * 1000)) this.rateGate = this.createRateGate(config)
    this.exhaustion.setInterval(config.warningInterval * 1000)
    this.logger?.notice(`configuration reloaded: serving ${this.describeScopes()}`)
  }

  stats(): DhcpServerStats {
    return {...this.counters.snapshot(), offersHeld: this.book.holds.size, pendingCommits: this.pendingCommits, rateTrackedClients: this.rateGate.trackedClients}
  }

  /** Resolves once no message is being handled (every commit done and its reply sent). */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /**
   * Handles one datagram. Returns a promise only for messages that wait on
   * the lease store (REQUEST, RELEASE, DECLINE); it never rejects.
   */
  receive(data: Buffer, meta: PacketMeta): Promise<void> | undefined {
    if (!this.receiving) return undefined
    const now = this.clock()
    this.book.sweep(now)
    let packet: DhcpPacket
    try {
      packet = decodePacket(data)
    } catch (error) {
      this.counters.countMalformed(error instanceof MalformedPacketError ? error.reason : 'unknown')
      return undefined
    }
    if (packet.op !== BOOTREQUEST) {
      this.counters.dropped.notRequest++
      return undefined
    }
    const type = messageTypeOf(packet) as MessageType | undefined
    if (type === undefined) {
      this.counters.dropped.noMessageType++
      return undefined
    }
    if (type !== MessageType.Discover && type !== MessageType.Request && type !== MessageType.Decline && type !== MessageType.Release && type !== MessageType.Inform) {
      this.counters.dropped.unknownMessageType++
      return undefined
    }
    const clientKey = clientKeyOf(packet)
    if (!this.admitted(clientKey, now)) return undefined
    if (packet.giaddr === 0 && !this.selector.knowsInterface(meta.ifname)) this.refreshInterfaces(now)
    const ex: Exchange = {
      packet,
      meta,
      type,
      clientKey,
      hwaddr: hwaddrOf(packet),
      scopes: this.selector.select(packet, meta),
      now,
    }
    this.logger?.info?.(incomingLine(ex))
    try {
      switch (type) {
        case MessageType.Discover:
          this.counters.received.discover++
          handleDiscover(this, ex)
          return undefined
        case MessageType.Inform:
          this.counters.received.inform++
          handleInform(this, ex)
          return undefined
        case MessageType.Request:
          this.counters.received.request++
          return this.track(handleRequest(this, ex))
        case MessageType.Release:
          this.counters.received.release++
          return this.track(handleRelease(this, ex))
        case MessageType.Decline:
          this.counters.received.decline++
          return this.track(handleDecline(this, ex))
      }
    } catch (error) {
      this.reportFailure(error)
    }
    return undefined
  }

  // ServerContext: what the handlers call back.

  async commit(lease: Lease): Promise<void> {
    this.pendingCommits++
    try {
      await this.store.commit(lease)
    } finally {
      this.pendingCommits--
    }
  }

  offer(ex: Exchange, scope: ScopeRuntime, address: Ip4, hostname: string): void {
    if (this.reply(ex, {type: MessageType.Offer, yiaddr: address, serverId: 0, scope, withLease: true, hostname, message: ''})) {
      this.counters.sent.offer++
      this.logger?.info?.(`OFFER ${ip4ToString(address)} to ${clientName(ex)}`)
    }
  }

  ack(ex: Exchange, scope: ScopeRuntime, address: Ip4, hostname: string): void {
    if (this.reply(ex, {type: MessageType.Ack, yiaddr: address, serverId: 0, scope, withLease: true, hostname, message: ''})) {
      this.counters.sent.ack++
      this.logger?.info?.(`ACK ${ip4ToString(address)} to ${clientName(ex)}`)
    }
  }

  informAck(ex: Exchange, scope: ScopeRuntime): void {
    if (this.reply(ex, {type: MessageType.Ack, yiaddr: 0, serverId: 0, scope, withLease: false, hostname: '', message: ''})) {
      this.counters.sent.ack++
      this.logger?.info?.(`ACK (options only) to ${clientName(ex)}`)
    }
  }

  nak(ex: Exchange, address: Ip4, reason: string): void {
    if (this.reply(ex, {type: MessageType.Nak, yiaddr: 0, serverId: 0, scope: undefined, withLease: false, hostname: '', message: reason})) {
      this.counters.sent.nak++
      this.logger?.info?.(`NAK ${ip4ToString(address)} to ${clientName(ex)}: ${reason}`)
    }
  }

  drop(ex: Exchange, reason: DropReason, detail: string): void {
    this.counters.dropped[reason]++
    if (reason === 'poolExhausted') this.exhaustion.exhausted(ex.scopes, ex.now)
    this.logger?.info?.(`no reply to ${typeName(ex.type)} from ${clientName(ex)}: ${detail}`)
  }

  note(ex: Exchange, line: string): void {
    this.logger?.info?.(`${typeName(ex.type)} from ${clientName(ex)}: ${line}`)
  }

  warn(line: string): void {
    this.logger?.warn(line)
  }

  private reply(ex: Exchange, content: ReplyContent): boolean {
    const scope = content.scope ?? ex.scopes[0]
    const serverId = scope === undefined ? undefined : this.selector.serverIdFor(scope, ex.meta)
    if (serverId === undefined) {
      this.drop(ex, 'noScope', `no address of ours to answer ${typeName(ex.type)} from`)
      return false
    }
    content.serverId = serverId
    const reply = buildReply(ex.packet, content)
    const data = encodePacket(reply, maxMessageSize(ex.packet) || MIN_MAX_MESSAGE_SIZE)
    const target = replyTarget(ex.packet, ex.meta, content.yiaddr, content.type === MessageType.Nak, this.serverPort, this.clientPort)
    try {
      this.transport.send(data, target)
    } catch (error) {
      this.drop(ex, 'sendFailed', `${typeName(content.type)} to ${target.address}:${target.port} not sent: ${(error as Error).message}`)
      return false
    }
    return true
  }

  private onPacket(data: Buffer, meta: PacketMeta): void {
    this.receive(data, meta)
  }

  private track(handling: Promise<void>): Promise<void> {
    this.inFlight++
    return handling.then(this.settled, this.failed)
  }

  private settled(): void {
    this.inFlight--
    if (this.inFlight === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters
      this.idleWaiters = []
      for (const resolve of waiters) resolve()
    }
  }

  private failed(error: unknown): void {
    this.reportFailure(error)
    this.settled()
  }

  private reportFailure(error: unknown): void {
    this.counters.dropped.internalError++
    this.logger?.error(`internal error while handling a message: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  }

  private refreshInterfaces(now: number): void {
    if (now - this.interfacesReadAt < INTERFACE_REFRESH_MS) return
    this.interfacesReadAt = now
    // Same scopes, so the allocators and their marks stay as they are.
    this.selector = this.buildSelector()
    this.book.useSelector(this.selector)
  }

  /** Within the rate limits? A failure while checking (the store's index) is reported like a handler's and drops the packet. */
  private admitted(clientKey: string, now: number): boolean {
    try {
      return this.rateGate.admit(clientKey, now)
    } catch (error) {
      this.reportFailure(error)
      return false
    }
  }

  /** Clients the rate limits put first: those with a lease on record or an offer held. */
  private isKnownClient(clientKey: string, now: number): boolean {
    return this.store.getByClient(clientKey) !== undefined || this.book.holds.addressOf(clientKey, now) !== undefined
  }

  private createRateGate(config: DhcpConfig): RateLimitGate {
    return new RateLimitGate(this.rateLimit ?? config.rateLimit, config.warningInterval * 1000, this.clock(), this.isKnownClient, this.counters, (line) => this.warn(line))
  }

  private buildSelector(): ScopeSelector {
    return new ScopeSelector(this.scopes, this.readInterfaces(), this.ownAddresses)
  }

  private describeScopes(): string {
    const active = this.scopes.filter((scope) => scope.active)
    if (active.length === 0) return 'no active scope'
    return active.map((scope) => `${scope.name} (${ip4ToString(scope.subnet.network)}/${scope.subnet.prefix}, ${scope.allocator.capacity} addresses)`).join(', ')
  }
}
