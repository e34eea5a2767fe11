import {ThrottledWarning} from './throttled-warning.js'
import type {ScopeRuntime} from './scope-runtime.js'

interface ScopeShortage {
  readonly warning: ThrottledWarning
  /** DISCOVERs left without an OFFER since the last warning about the scope. */
  unanswered: number
}

/**
 * Warns that a scope's pool has run dry: the first DISCOVER that finds no
 * free address is reported at once, the following ones at most once per
 * interval per scope, with how many went unanswered in between. The server
 * never takes an address from a live lease to make room, so until leases
 * expire or are released new clients get no OFFER, and this is how the
 * operator learns the pool is too small.
 */
export class PoolExhaustionWarnings {
  /** By scope name: bounded by the scopes ever configured. */
  private readonly scopes = new Map<string, ScopeShortage>()

  constructor(
    private intervalMs: number,
    private readonly warn: (line: string) => void,
  ) {}

  /** A new interval for the warnings still to come (configuration reloaded). */
  setInterval(intervalMs: number): void {
    this.intervalMs = intervalMs
    for (const shortage of this.scopes.values()) shortage.warning.intervalMs = intervalMs
  }

  /** A DISCOVER found no free address in any of these scopes at `now` (ms). */
  exhausted(scopes: readonly ScopeRuntime[], now: number): void {
    for (const scope of scopes) {
      let shortage = this.scopes.get(scope.name)
      if (shortage === undefined) {
        shortage = {warning: new ThrottledWarning(this.intervalMs), unanswered: 0}
        this.scopes.set(scope.name, shortage)
      }
      shortage.unanswered++
      if (!shortage.warning.due(now)) continue
      const size = scope.allocator.capacity
      const count = shortage.unanswered
      shortage.unanswered = 0
      this.warn(
        `scope ${scope.name}: pool of ${size} address${size === 1 ? '' : 'es'} exhausted (all leased, offered or quarantined); ` +
          `${count} DISCOVER${count === 1 ? '' : 's'} got no OFFER; reported at most once every ${Math.round(this.intervalMs / 1000)} s`,
      )
    }
  }
}
