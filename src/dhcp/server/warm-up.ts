import {randomBytes} from 'node:crypto'
import {rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {encodePacket} from '../codec/encode-packet.js'
import {clientKeyOf} from '../codec/packet-options.js'
import {Opt} from '../codec/packet-constants.js'
import {parseDhcpConfig} from '../config/parse-config.js'
import type {DhcpConfig} from '../config/schema.js'
import {parseSubnet} from '../config/subnet.js'
import {type DhcpPacket, type DhcpTransport, MessageType, type PacketMeta} from '../engine-types.js'
import {type AppendLog, openFileAppendLog} from '../lease-store/append-log.js'
import {createFileLeaseStore} from '../lease-store/index.js'
import {DhcpServer} from './dhcp-server.js'
import {createScopeRuntime} from './scope-runtime.js'
import type {DhcpLogger} from './server-log.js'

// A fresh process runs its first few thousand exchanges in V8's interpreter
// and baseline code while the optimising compiler works on the same CPU:
// measured under perfdhcp at 4000/s, the first second had event-loop stalls
// of 20-170 ms and a REQUEST->ACK p99 of 94 ms, later seconds 2-5 ms. So the
// server plays some exchanges against a throwaway engine before it opens its
// sockets: the real codec, handlers and file lease store (its log a
// temporary file, removed afterwards), relayed clients whose replies go
// through a transport that sends nothing, so nothing leaves the process.
// What the warm-up runs must look like the real thing to V8, or the code it
// optimised is thrown away at the first real datagram (seen with
// --trace-deopt): the same classes and shapes of objects (the real
// configuration object, a real file log, the real transport's class,
// Node-API-like datagrams), clients arriving in batches, as recvmmsg hands
// them over, so that several commits share a write, and one batch large
// enough to grow the tables of offers and commits, whose first growth would
// otherwise invalidate the code that read them.

const RELAY = 0xc6_12_00_01 // 198.18.0.1
const SERVER = 0xc6_12_00_02 // 198.18.0.2
/** Used when there is no real configuration to play against. */
const WARM_UP_SCOPE = {name: 'warm-up', subnet: '198.18.0.0/16', ranges: ['198.18.1.0-198.18.255.250'], leaseTime: '1h', options: {router: '198.18.0.1'}}
// Like the relay transport's: addresses are strings made at run time (a
// literal is an internalized string, another instance type to V8's
// comparisons), the interface name is the literal ''.
const META: PacketMeta = {ifindex: 0, ifname: '', srcAddress: runtimeString('198.18.0.1'), srcPort: 67, dstAddress: runtimeString('198.18.0.2')}

export interface WarmUpOptions {
  /** How many exchanges at most. */
  exchanges: number
  /** Stop early (after `minimum` exchanges) once performance.now() reaches this: start-up must stay short. */
  deadline?: number
  minimum?: number
  /**
   * Made like the real server's logger (same factory, same options) with its
   * output discarded: code optimised for another logger shape would be
   * thrown away at the first real packet.
   */
  logger?: DhcpLogger
  /**
   * The real server's configuration: the warm-up serves its scopes (no
   * client can see it), relayed through the first address of the first
   * active scope's subnet.
   */
  config?: DhcpConfig
  /** The real server's transport: the warm-up replies through its rehearsal() when it has one. */
  transport?: DhcpTransport
}

const discardedLog: AppendLog = {
  syncsEachWrite: true,
  writeNow: () => undefined,
  write: () => Promise.resolve(),
  datasync: () => Promise.resolve(),
  close: () => Promise.resolve(),
}

/** Clients handled per batch, like a batch of datagrams from one recvmmsg. */
const BATCH = 16
/** The first batch: more offers and commits at once than the tables start with room for (AddressIndex: 128). */
const GROWTH_BATCH = 600

/** Used when the real transport has no rehearsal(): sends go nowhere. */
class NowhereTransport implements DhcpTransport {
  start(): Promise<void> {
    return Promise.resolve()
  }

  send(): void {}

  close(): Promise<void> {
    return Promise.resolve()
  }
}

/** Runs `exchanges` DISCOVER/REQUEST pairs (half of the clients with option 61) through a throwaway server. */
export async function warmUpEngine({exchanges, deadline = Number.POSITIVE_INFINITY, minimum = 0, logger, config: real, transport: realTransport}: WarmUpOptions): Promise<{offers: number; acks: number}> {
  const own = parseDhcpConfig({
    // A name nobody has: the store reads the file first. Removed afterwards.
    leaseFile: join(tmpdir(), `.srvctl-warm-up-${process.pid}-${randomBytes(6).toString('hex')}`),
    scopes: [WARM_UP_SCOPE],
    rateLimit: false,
  })
  const relayScope = real?.scopes.find((scope) => scope.active)
  // The real configuration object itself, not a copy: a copy made with a
  // spread has another hidden class, and the handlers' code optimised for it
  // was thrown away at the first real packet. The server reads neither its
  // interfaces nor its lease file (the store and the transport are the warm-up's own).
  const config: DhcpConfig = relayScope === undefined ? own : real!
  const relay = relayScope === undefined ? RELAY : parseSubnet(relayScope.subnet)!.network + 1
  // A real file log in the temporary directory; where none can be made, one that writes nothing.
  const openLog = (path: string, mode: 'append' | 'replace'): Promise<AppendLog> => openFileAppendLog(path, mode).catch(() => discardedLog)
  const store = createFileLeaseStore({path: own.leaseFile, onWarning: () => undefined, openLog})
  const transport = realTransport?.rehearsal?.() ?? new NowhereTransport()
  const server = new DhcpServer({config, store, transport, logger, ownAddresses: [SERVER], interfaceAddresses: () => new Map(), rateLimit: own.rateLimit})
  await server.start()
  try {
    // Clients come back (renewing what they hold) as well as arriving new.
    // No more of them than half the pool holds: a small pool would otherwise
    // be exhausted in the first batch and the warm-up would rehearse little
    // but refusals (and leave a smaller heap than a large pool's, which the
    // benchmark's /8-against-/24 memory comparison took for the pool's cost).
    const poolSize = createScopeRuntime(relayScope ?? own.scopes[0]).allocator.capacity
    const clients = Math.max(1, Math.min(Math.max(BATCH, Math.floor(exchanges / 4)), Math.floor(poolSize / 2)))
    const growthBatch = Math.min(GROWTH_BATCH, clients)
    const offered: number[] = []
    // As under load, a batch's DISCOVERs arrive while the commits of the
    // batch before are still in flight (the paths that meet an address being
    // committed run too).
    let previous: Promise<unknown> = Promise.resolve()
    for (let first = 0, batch = growthBatch; first < exchanges; first += batch, batch = BATCH) {
      if (first >= minimum && performance.now() >= deadline) break
      const last = Math.min(exchanges, first + batch)
      for (let i = first; i < last; i++) {
        // A DISCOVER is answered before receive() returns; the REQUEST asks for the address offered.
        const discover = packet(i % clients, i, MessageType.Discover, relay, 0)
        void server.receive(asReceived(encodePacket(discover)), META)
        offered[i - first] = server.book.holds.addressOf(clientKeyOf(discover), Date.now()) ?? 0
      }
      const committed: (Promise<void> | undefined)[] = []
      for (let i = first; i < last; i++) {
        committed.push(server.receive(asReceived(encodePacket(packet(i % clients, i, MessageType.Request, relay, offered[i - first]))), META))
      }
      await previous
      previous = Promise.all(committed)
    }
    await previous
  } finally {
    await server.stop()
    await rm(own.leaseFile, {force: true})
  }
  const {sent} = server.stats()
  return {offers: sent.offer, acks: sent.ack}
}

function packet(client: number, xid: number, type: MessageType, relay: number, offered: number): DhcpPacket {
  const chaddr = Buffer.alloc(16)
  chaddr.writeUInt16BE(0x0200, 0)
  chaddr.writeUInt32BE(client, 2)
  const options = new Map<number, Buffer>([[Opt.messageType, Buffer.from([type])]])
  if (client % 2 === 0) options.set(Opt.clientId, Buffer.concat([Buffer.from([1]), chaddr.subarray(0, 6)]))
  if (type === MessageType.Request) {
    options.set(Opt.serverId, u32(SERVER))
    options.set(Opt.requestedAddress, u32(offered))
  }
  options.set(Opt.parameterRequestList, Buffer.from([Opt.subnetMask, Opt.router, Opt.domainNameServer, Opt.domainName]))
  return {op: 1, htype: 1, hlen: 6, hops: 1, xid, secs: 0, flags: 0, ciaddr: 0, yiaddr: 0, siaddr: 0, giaddr: relay, chaddr, sname: '', file: '', options}
}

/**
 * The native transport hands datagrams over as Node-API buffers: Uint8Arrays
 * whose prototype was set to Buffer.prototype, a different hidden class from
 * a Buffer made in JavaScript. Code optimised only for the latter is thrown
 * away at the first real datagram, so the warm-up's datagrams are made alike.
 */
function asReceived(data: Buffer): Buffer {
  return Object.setPrototypeOf(new Uint8Array(data), Buffer.prototype) as Buffer
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4)
  buffer.writeUInt32BE(value >>> 0)
  return buffer
}

function runtimeString(text: string): string {
  return Buffer.from(text).toString('latin1')
}
