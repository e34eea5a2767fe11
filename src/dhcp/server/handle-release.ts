import {ip4ToString} from '../codec/ip4.js'
import type {Exchange, ServerContext} from './exchange.js'

/**
 * RELEASE: the client gives its address back (ciaddr). The lease ends as
 * 'released', which keeps the client filed under it so its next DISCOVER is
 * offered the same address if still free. No reply is sent.
 */
export async function handleRelease(ctx: ServerContext, ex: Exchange): Promise<void> {
  const address = ex.packet.ciaddr
  if (address === 0) return ctx.drop(ex, 'incomplete', 'RELEASE without ciaddr')
  const lease = ctx.store.getByAddress(address)
  if (lease === undefined || lease.clientKey !== ex.clientKey || lease.state !== 'active') {
    return ctx.drop(ex, 'notClientsAddress', `${ip4ToString(address)} is not leased to this client`)
  }
  const released = {...lease, state: 'released' as const, expiry: Math.floor(ex.now / 1000)}
  try {
    await ctx.commit(released)
  } catch (error) {
    return ctx.drop(ex, 'storeFailed', `release of ${ip4ToString(address)} not stored: ${(error as Error).message}`)
  }
  ctx.book.leased(released)
  ctx.note(ex, `lease of ${ip4ToString(address)} released`)
}
