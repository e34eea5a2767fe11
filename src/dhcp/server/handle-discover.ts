import type {Ip4} from '../engine-types.js'
import type {Exchange, ServerContext} from './exchange.js'
import {requestedAddress, scopeOf} from './packet-fields.js'
import {reservationFor, type ScopeRuntime} from './scope-runtime.js'

/**
 * DISCOVER → OFFER. The address, in order of preference: the one already
 * offered to this client, its current or previous lease, its reservation, the
 * address it asks for (option 50), then any free one. The offer holds the
 * address for `offerHold` so no other client is offered it meanwhile.
 */
export function handleDiscover(ctx: ServerContext, ex: Exchange): void {
  if (ex.scopes.length === 0) {
    ctx.drop(ex, 'noScope', 'no active scope serves this network')
    return
  }
  let scope: ScopeRuntime | undefined
  let address: Ip4 | undefined
  let hostname = ''

  const held = ctx.book.holds.ofClient(ex.clientKey, ex.now)
  if (held !== undefined) {
    scope = scopeOf(ex.scopes, held.address)
    if (scope !== undefined) address = held.address
  }
  if (address === undefined) {
    const lease = ctx.store.getByClient(ex.clientKey)
    if (lease !== undefined && lease.clientKey === ex.clientKey && lease.state !== 'declined') {
      scope = scopeOf(ex.scopes, lease.address)
      if (scope !== undefined && usable(ctx, ex, scope, lease.address)) address = lease.address
    }
  }
  if (address === undefined) {
    for (const candidate of ex.scopes) {
      const reservation = reservationFor(candidate, ex.clientKey, ex.hwaddr)
      if (reservation !== undefined && ctx.book.usableBy(candidate, reservation.address, ex.clientKey, reservation, ex.now)) {
        scope = candidate
        address = reservation.address
        hostname = reservation.hostname
        break
      }
    }
  }
  if (address === undefined) {
    const requested = requestedAddress(ex.packet)
    scope = requested === 0 ? undefined : scopeOf(ex.scopes, requested)
    if (scope !== undefined && usable(ctx, ex, scope, requested)) address = requested
  }
  if (address === undefined) {
    for (const candidate of ex.scopes) {
      address = ctx.book.allocate(candidate, ex.now)
      if (address !== undefined) {
        scope = candidate
        break
      }
    }
  }
  if (address === undefined || scope === undefined) {
    ctx.drop(ex, 'poolExhausted', `no free address in ${ex.scopes.map((s) => s.name).join(', ')}`)
    return
  }
  if (hostname === '') hostname = reservationFor(scope, ex.clientKey, ex.hwaddr)?.hostname ?? ''
  ctx.book.hold(scope, address, ex.clientKey, ex.now + ctx.config.offerHold * 1000)
  ctx.offer(ex, scope, address, hostname)
}

function usable(ctx: ServerContext, ex: Exchange, scope: ScopeRuntime, address: Ip4): boolean {
  return ctx.book.usableBy(scope, address, ex.clientKey, reservationFor(scope, ex.clientKey, ex.hwaddr), ex.now)
}
