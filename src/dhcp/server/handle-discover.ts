import type {Ip4} from '../engine-types.js'
import type {Exchange, ServerContext} from './exchange.js'
import {requestedAddress, scopeOf} from './packet-fields.js'
import {reservationFor, type ScopeRuntime} from './scope-runtime.js'

interface Choice {
  scope: ScopeRuntime
  address: Ip4
}

/**
 * DISCOVER → OFFER. The offered address is held for `offerHold` so no other
 * client is offered it meanwhile.
 */
export function handleDiscover(ctx: ServerContext, ex: Exchange): void {
  if (ex.scopes.length === 0) return ctx.drop(ex, 'noScope', 'no active scope serves this network')
  const choice = chooseAddress(ctx, ex)
  if (choice === undefined) return ctx.drop(ex, 'poolExhausted', `no free address in ${ex.scopes.map((scope) => scope.name).join(', ')}`)
  ctx.book.hold(choice.scope, choice.address, ex.clientKey, ex.now + ctx.config.offerHold * 1000)
  ctx.offer(ex, choice.scope, choice.address, reservationFor(choice.scope, ex.clientKey, ex.hwaddr)?.hostname ?? '')
}

/**
 * In order of preference: the address already offered to this client, its
 * current or previous lease, its reservation, the address it asks for
 * (option 50), then any free one of its scopes.
 */
function chooseAddress(ctx: ServerContext, ex: Exchange): Choice | undefined {
  const held = ctx.book.holds.addressOf(ex.clientKey, ex.now)
  const fromHold = held !== undefined && usableChoice(ctx, ex, held)
  if (fromHold) return fromHold

  const lease = ctx.store.getByClient(ex.clientKey)
  const fromLease = lease !== undefined && lease.clientKey === ex.clientKey && lease.state !== 'declined' ? usableChoice(ctx, ex, lease.address) : undefined
  if (fromLease) return fromLease

  for (const scope of ex.scopes) {
    const reservation = reservationFor(scope, ex.clientKey, ex.hwaddr)
    if (reservation !== undefined && ctx.book.usableBy(scope, reservation.address, ex.clientKey, reservation, ex.now)) {
      return {scope, address: reservation.address}
    }
  }

  const requested = requestedAddress(ex.packet)
  const fromRequest = requested === 0 ? undefined : usableChoice(ctx, ex, requested)
  if (fromRequest) return fromRequest

  for (const scope of ex.scopes) {
    const address = ctx.book.allocate(scope, ex.now)
    if (address !== undefined) return {scope, address}
  }
  return undefined
}

/** The address in the client's scopes, when this client may have it. */
function usableChoice(ctx: ServerContext, ex: Exchange, address: Ip4): Choice | undefined {
  const scope = scopeOf(ex.scopes, address)
  if (scope === undefined) return undefined
  return ctx.book.usableBy(scope, address, ex.clientKey, reservationFor(scope, ex.clientKey, ex.hwaddr), ex.now) ? {scope, address} : undefined
}
