import {ip4ToString} from '../codec/ip4.js'
import {Opt} from '../codec/packet-constants.js'
import type {Ip4, Lease} from '../engine-types.js'
import {QUARANTINE} from './address-book.js'
import type {Exchange, ServerContext} from './exchange.js'
import {clientHostname, requestedAddress, scopeOf, serverIdentifier} from './packet-fields.js'
import {reservationFor, type ScopeReservation, type ScopeRuntime} from './scope-runtime.js'

/** The client state a REQUEST is sent from (RFC 2131 §4.3.2). */
export type RequestState = 'selecting' | 'init-reboot' | 'renewing' | 'rebinding'

/**
 * REQUEST → ACK, NAK or silence. SELECTING names a server: another server's
 * name withdraws our offer. INIT-REBOOT, RENEWING and REBINDING confirm an
 * address the client believes it has. The ACK goes out only once the lease is
 * durable.
 */
export async function handleRequest(ctx: ServerContext, ex: Exchange): Promise<void> {
  const packet = ex.packet
  if (packet.options.has(Opt.serverId)) {
    const serverId = serverIdentifier(packet)
    if (!ctx.selector.isOwnAddress(serverId)) {
      const withdrawn = ctx.book.holds.releaseClient(ex.clientKey)
      ctx.drop(ex, 'otherServer', `client chose server ${ip4ToString(serverId)}${withdrawn === undefined ? '' : `; offer of ${ip4ToString(withdrawn)} withdrawn`}`)
      return
    }
    const address = requestedAddress(packet) || packet.ciaddr
    if (address === 0) return ctx.drop(ex, 'incomplete', 'REQUEST names our server but no address')
    return confirm(ctx, ex, address, 'selecting')
  }
  if (packet.ciaddr === 0) {
    const address = requestedAddress(packet)
    if (address === 0) return ctx.drop(ex, 'incomplete', 'REQUEST without server identifier, requested address or ciaddr')
    return confirm(ctx, ex, address, 'init-reboot')
  }
  const rebinding = packet.giaddr !== 0 || ex.meta.dstAddress === '255.255.255.255'
  return confirm(ctx, ex, packet.ciaddr, rebinding ? 'rebinding' : 'renewing')
}

async function confirm(ctx: ServerContext, ex: Exchange, address: Ip4, state: RequestState): Promise<void> {
  const authoritative = ctx.config.authoritative || state === 'selecting'
  const scope = scopeOf(ex.scopes, address)
  if (scope === undefined) {
    return refuse(ctx, ex, address, authoritative, `${ip4ToString(address)} is not on the client's network`)
  }
  const reservation = reservationFor(scope, ex.clientKey, ex.hwaddr)
  const owner = ctx.book.ownerOf(address, ex.now)
  if (owner !== undefined && owner !== ex.clientKey) {
    // We know for certain the address is not the client's: NAK even when not authoritative.
    ctx.nak(ex, address, owner === QUARANTINE ? `${ip4ToString(address)} is quarantined after a DECLINE` : `${ip4ToString(address)} is leased to another client`)
    return
  }
  if (!scope.allocator.inPool(address) && reservation?.address !== address) {
    return refuse(ctx, ex, address, authoritative, `${ip4ToString(address)} is not in the pool of scope ${scope.name}`)
  }
  if (state !== 'selecting' && owner === undefined && !hasRecord(ctx, ex, address, reservation)) {
    return refuse(ctx, ex, address, authoritative, `no lease of ${ip4ToString(address)} on record for this client`)
  }
  await grant(ctx, ex, scope, address, reservation)
}

/** A lease of this address for this client that has ended, or a reservation of it: enough to confirm it again. */
function hasRecord(ctx: ServerContext, ex: Exchange, address: Ip4, reservation: ScopeReservation | undefined): boolean {
  if (reservation?.address === address) return true
  const lease = ctx.store.getByAddress(address)
  return lease !== undefined && lease.clientKey === ex.clientKey && lease.state !== 'declined'
}

function refuse(ctx: ServerContext, ex: Exchange, address: Ip4, authoritative: boolean, reason: string): void {
  if (authoritative) ctx.nak(ex, address, reason)
  else ctx.drop(ex, 'notAuthoritative', reason)
}

async function grant(ctx: ServerContext, ex: Exchange, scope: ScopeRuntime, address: Ip4, reservation: ScopeReservation | undefined): Promise<void> {
  const seconds = Math.floor(ex.now / 1000)
  const lease: Lease = {
    address,
    clientKey: ex.clientKey,
    hwaddr: ex.hwaddr,
    hostname: reservation?.hostname || clientHostname(ex.packet),
    scope: scope.name,
    state: 'active',
    start: seconds,
    expiry: seconds + scope.leaseTime,
  }
  const queued = ctx.book.beginCommit(scope, address, ex.clientKey)
  try {
    await ctx.commit(lease)
  } catch (error) {
    ctx.book.endCommit(address, undefined)
    ctx.drop(ex, 'storeFailed', `lease of ${ip4ToString(address)} not stored: ${(error as Error).message}`)
    return
  }
  ctx.book.endCommit(address, lease, queued)
  ctx.ack(ex, scope, address, reservation?.hostname ?? '')
}
