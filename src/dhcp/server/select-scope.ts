import {parseIp4} from '../codec/ip4.js'
import type {DhcpPacket, Ip4, PacketMeta} from '../engine-types.js'
import {subnetContains} from '../config/subnet.js'
import type {ScopeRuntime} from './scope-runtime.js'

/** IPv4 addresses of the host's interfaces by interface name. */
export type InterfaceAddresses = ReadonlyMap<string, readonly Ip4[]>

const NONE: readonly ScopeRuntime[] = []
const BROADCAST = '255.255.255.255'

/**
 * Picks the scopes a packet is served from, the way RFC 2131 §4.3.1 and
 * RFC 3046 imply: by giaddr for relayed packets, by ciaddr for unicast
 * renewals (which reach us directly, from any subnet), else by the interface
 * the packet came in on. An interface may carry several scopes (several
 * subnets on one link), so the result is a list, usually of one. Built once
 * per configuration or address change; every lookup is a map access or a
 * binary search, and the lists returned are shared, never allocated per packet.
 */
export class ScopeSelector {
  /** Every scope, active or not, sorted by network address: an address belongs to at most one. */
  private readonly sorted: ScopeRuntime[]
  private readonly single = new Map<ScopeRuntime, readonly ScopeRuntime[]>()
  private readonly byInterface = new Map<string, readonly ScopeRuntime[]>()
  private readonly local = new Map<ScopeRuntime, Ip4>()
  private readonly own = new Set<Ip4>()
  private readonly firstAddress = new Map<string, Ip4>()
  private readonly preferred: Ip4 | undefined
  private fallback: Ip4 | undefined

  constructor(
    scopes: readonly ScopeRuntime[],
    interfaces: InterfaceAddresses,
    /** Addresses we answer from besides the interfaces' (a --listen address). */
    extraOwn: readonly Ip4[] = [],
  ) {
    this.sorted = [...scopes].sort((a, b) => a.subnet.network - b.subnet.network)
    for (const scope of scopes) this.single.set(scope, [scope])
    for (const address of extraOwn) this.own.add(address)
    this.preferred = extraOwn[0]
    for (const [name, addresses] of interfaces) {
      if (addresses.length > 0) this.firstAddress.set(name, addresses[0])
      const served: ScopeRuntime[] = []
      for (const scope of scopes) {
        const inside = addresses.find((address) => subnetContains(scope.subnet, address))
        if (inside !== undefined && !this.local.has(scope)) this.local.set(scope, inside)
        const bound = scope.interfaceName === undefined ? inside !== undefined : scope.interfaceName === name
        if (bound && scope.active) served.push(scope)
      }
      for (const address of addresses) {
        this.own.add(address)
        if (this.fallback === undefined && address >>> 24 !== 127) this.fallback = address
      }
      this.byInterface.set(name, served)
    }
    // A scope bound by name to an interface that has no address yet still serves it.
    for (const scope of scopes) {
      if (scope.active && scope.interfaceName !== undefined && !this.byInterface.has(scope.interfaceName)) {
        this.byInterface.set(scope.interfaceName, [...(this.byInterface.get(scope.interfaceName) ?? []), scope])
      }
    }
  }

  /** Does the selector know the interface (false means: refresh the interface addresses)? */
  knowsInterface(name: string): boolean {
    return this.byInterface.has(name)
  }

  /** The scopes that may serve this packet, in configuration order; empty when none does. */
  select(packet: DhcpPacket, meta: PacketMeta): readonly ScopeRuntime[] {
    if (packet.giaddr !== 0) return this.activeContaining(packet.giaddr)
    if (packet.ciaddr !== 0 && meta.dstAddress !== BROADCAST) {
      const byAddress = this.activeContaining(packet.ciaddr)
      if (byAddress.length > 0) return byAddress
    }
    return this.byInterface.get(meta.ifname) ?? NONE
  }

  /** The scope (active or not) whose subnet holds the address. */
  containing(address: Ip4): ScopeRuntime | undefined {
    const sorted = this.sorted
    let low = 0
    let high = sorted.length - 1
    while (low <= high) {
      const mid = (low + high) >>> 1
      const scope = sorted[mid]
      if (scope.subnet.network > address) high = mid - 1
      else if (scope.subnet.broadcast < address) low = mid + 1
      else return scope
    }
    return undefined
  }

  /** Is this one of our own addresses (for option 54 in a client's REQUEST)? */
  isOwnAddress(address: Ip4): boolean {
    return this.own.has(address)
  }

  /**
   * The server identifier (option 54) to answer with: our address in the
   * scope's subnet when we have one; else the address the packet was sent to;
   * else the address we were told to listen on; else the arriving interface's
   * first address; else any address of ours that is not loopback.
   */
  serverIdFor(scope: ScopeRuntime, meta: PacketMeta): Ip4 | undefined {
    const local = this.local.get(scope)
    if (local !== undefined) return local
    if (meta.dstAddress !== '' && meta.dstAddress !== BROADCAST) {
      const destination = parseIp4(meta.dstAddress)
      if (destination !== undefined && this.own.has(destination)) return destination
    }
    if (this.preferred !== undefined) return this.preferred
    return this.firstAddress.get(meta.ifname) ?? this.fallback
  }

  private activeContaining(address: Ip4): readonly ScopeRuntime[] {
    const scope = this.containing(address)
    return scope !== undefined && scope.active ? this.single.get(scope)! : NONE
  }
}
