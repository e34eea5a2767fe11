import {createPoolAllocator} from '../allocator/index.js'
import {ip4FromString} from '../codec/ip4.js'
import {u32Value} from '../codec/packet-options.js'
import type {DhcpScope} from '../config/schema.js'
import {parseSubnet, subnetContains, type Subnet} from '../config/subnet.js'
import type {AddressAllocator, Ip4, Ip4Range} from '../engine-types.js'
import {encodeScopeOptions} from './scope-options.js'

/** A fixed address for one client. */
export interface ScopeReservation {
  readonly address: Ip4
  readonly hostname: string
}

/** Everything the server needs about one scope, computed once per configuration. */
export interface ScopeRuntime {
  readonly name: string
  readonly subnet: Subnet
  readonly active: boolean
  readonly interfaceName: string | undefined
  /** The dynamic pool: ranges minus exclusions minus reserved addresses. */
  readonly allocator: AddressAllocator
  readonly leaseTime: number
  /** Encoded option 51, 58 (T1 = 50 %) and 59 (T2 = 87.5 %), shared by every reply. */
  readonly leaseTimeOption: Buffer
  readonly renewalTimeOption: Buffer
  readonly rebindingTimeOption: Buffer
  /** Option 1 and the configured options, encoded, by code in configuration order. */
  readonly options: ReadonlyMap<number, Buffer>
  /** Reservations keyed like client keys: `hw:<mac>` and `id:<hex>`. */
  readonly reservations: ReadonlyMap<string, ScopeReservation>
}

export function createScopeRuntime(scope: DhcpScope): ScopeRuntime {
  const subnet = parseSubnet(scope.subnet)!
  const reservations = new Map<string, ScopeReservation>()
  const reserved: Ip4Range[] = []
  for (const reservation of scope.reservations) {
    const key = reservation.hwaddr !== undefined ? `hw:${reservation.hwaddr}` : `id:${reservation.clientId}`
    const address = ip4FromString(reservation.address)
    reservations.set(key, {address, hostname: reservation.hostname ?? ''})
    reserved.push({start: address, end: address})
  }
  const ranges = scope.ranges.map(toRange)
  // Reserved addresses inside a range are never handed out dynamically.
  const excluded = [...scope.exclusions.map(toRange), ...reserved]
  return {
    name: scope.name,
    subnet,
    active: scope.active,
    interfaceName: scope.interface,
    allocator: createPoolAllocator(ranges, excluded),
    leaseTime: scope.leaseTime,
    leaseTimeOption: u32Value(scope.leaseTime),
    renewalTimeOption: u32Value(Math.floor(scope.leaseTime * 0.5)),
    rebindingTimeOption: u32Value(Math.floor(scope.leaseTime * 0.875)),
    options: encodeScopeOptions(scope.options, subnet),
    reservations,
  }
}

/** The client's reservation in this scope, by client identifier first, then by MAC. */
export function reservationFor(scope: ScopeRuntime, clientKey: string, hwaddr: string): ScopeReservation | undefined {
  if (scope.reservations.size === 0) return undefined
  return scope.reservations.get(clientKey) ?? (clientKey.charCodeAt(0) === 105 /* 'i' */ ? scope.reservations.get('hw:' + hwaddr) : undefined)
}

export function scopeContains(scope: ScopeRuntime, address: Ip4): boolean {
  return subnetContains(scope.subnet, address)
}

function toRange(range: {start: string; end: string}): Ip4Range {
  return {start: ip4FromString(range.start), end: ip4FromString(range.end)}
}
