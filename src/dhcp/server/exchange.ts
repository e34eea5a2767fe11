import type {DhcpConfig} from '../config/schema.js'
import type {DhcpPacket, Ip4, Lease, LeaseStore, MessageType, PacketMeta} from '../engine-types.js'
import type {AddressBook} from './address-book.js'
import type {Counters, DropReason} from './counters.js'
import type {ScopeRuntime} from './scope-runtime.js'
import type {ScopeSelector} from './select-scope.js'

/** One client message being handled, with what every handler needs to know about it. */
export interface Exchange {
  readonly packet: DhcpPacket
  readonly meta: PacketMeta
  readonly type: MessageType
  readonly clientKey: string
  /** Lowercase colon-separated hex, as in leases and logs. */
  readonly hwaddr: string
  /** Scopes that may serve the client (see ScopeSelector.select). */
  readonly scopes: readonly ScopeRuntime[]
  /** Milliseconds (the server's clock) when the message arrived. */
  readonly now: number
}

/** What the message handlers use from the server. */
export interface ServerContext {
  readonly config: DhcpConfig
  readonly store: LeaseStore
  readonly book: AddressBook
  readonly selector: ScopeSelector
  readonly counters: Counters
  /** Durably stores the lease; resolves once it is on disk. */
  commit(lease: Lease): Promise<void>
  offer(exchange: Exchange, scope: ScopeRuntime, address: Ip4, hostname: string): void
  ack(exchange: Exchange, scope: ScopeRuntime, address: Ip4, hostname: string): void
  /** ACK to an INFORM: options only. */
  informAck(exchange: Exchange, scope: ScopeRuntime): void
  nak(exchange: Exchange, address: Ip4, reason: string): void
  drop(exchange: Exchange, reason: DropReason, detail: string): void
  /** A line about something the operator should see that is not a reply (a decline, a release). */
  note(exchange: Exchange, line: string): void
  warn(line: string): void
}
