import type {Exchange, ServerContext} from './exchange.js'

/** INFORM: a client with a configured address asks for options only; no lease, no yiaddr. */
export function handleInform(ctx: ServerContext, ex: Exchange): void {
  const scope = ex.scopes[0]
  if (scope === undefined) return ctx.drop(ex, 'noScope', 'no active scope serves this network')
  ctx.informAck(ex, scope)
}
