import {ip4ToString} from '../codec/ip4.js'
import type {Lease} from '../engine-types.js'
import type {Exchange, ServerContext} from './exchange.js'
import {requestedAddress} from './packet-fields.js'

/**
 * DECLINE: the client found the address (option 50) already in use on the
 * wire. It is quarantined as a 'declined' lease for `declineQuarantine`
 * seconds and then returns to the pool by itself. Only the client the address
 * was offered or leased to can decline it.
 */
export async function handleDecline(ctx: ServerContext, ex: Exchange): Promise<void> {
  const address = requestedAddress(ex.packet)
  if (address === 0) return ctx.drop(ex, 'incomplete', 'DECLINE without requested address')
  const scope = ctx.selector.containing(address)
  if (scope === undefined || ctx.book.ownerOf(address, ex.now) !== ex.clientKey) {
    return ctx.drop(ex, 'notClientsAddress', `${ip4ToString(address)} was not offered or leased to this client`)
  }
  const seconds = Math.floor(ex.now / 1000)
  const quarantine: Lease = {
    address,
    clientKey: ex.clientKey,
    hwaddr: ex.hwaddr,
    hostname: '',
    scope: scope.name,
    state: 'declined',
    start: seconds,
    expiry: seconds + ctx.config.declineQuarantine,
  }
  const queued = ctx.book.beginCommit(scope, address, ex.clientKey)
  try {
    await ctx.commit(quarantine)
  } catch (error) {
    ctx.book.endCommit(address, undefined)
    return ctx.drop(ex, 'storeFailed', `quarantine of ${ip4ToString(address)} not stored: ${(error as Error).message}`)
  }
  ctx.book.endCommit(address, quarantine, queued)
  ctx.warn(`DECLINE of ${ip4ToString(address)} by ${ex.hwaddr}: another host uses it; quarantined for ${ctx.config.declineQuarantine} s`)
}
