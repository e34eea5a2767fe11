import type {Counters} from './counters.js'
import type {RateLimitRate} from './rate-limit-bucket.js'
import {RateLimiter, type RateLimitSettings} from './rate-limit.js'
import {ThrottledWarning} from './throttled-warning.js'

/** Does the server know this client (a lease on record or an offer held)? */
export type KnownClientCheck = (clientKey: string, now: number) => boolean

/**
 * The rate limiter as the server uses it: refused packets are counted by
 * reason and summed up in one warning at most once per interval, never one
 * line per packet (that would turn a flood into a flood of log lines).
 */
export class RateLimitGate {
  private readonly limiter: RateLimiter
  private readonly warning: ThrottledWarning
  private clientDrops = 0
  private newClientDrops = 0

  constructor(
    private readonly settings: RateLimitSettings,
    warningIntervalMs: number,
    now: number,
    private readonly isKnown: KnownClientCheck,
    private readonly counters: Counters,
    private readonly warn: (line: string) => void,
  ) {
    this.limiter = new RateLimiter(settings, now)
    this.warning = new ThrottledWarning(warningIntervalMs)
  }

  /** Does this gate apply these settings? A reload keeps the gate (and what it has counted) when they did not change. */
  uses(settings: RateLimitSettings, warningIntervalMs: number): boolean {
    return warningIntervalMs === this.warning.intervalMs && JSON.stringify(settings) === JSON.stringify(this.settings)
  }

  get trackedClients(): number {
    return this.limiter.trackedClients
  }

  /** True when the packet may be served; false when it is to be dropped (counted, and warned about when due). */
  admit(clientKey: string, now: number): boolean {
    const known = this.limiter.needsKnown && this.isKnown(clientKey, now)
    const drop = this.limiter.admit(clientKey, known, now)
    if (drop === undefined) return true
    this.counters.dropped[drop]++
    if (drop === 'rateLimitedClient') this.clientDrops++
    else this.newClientDrops++
    if (this.warning.due(now)) {
      this.warn(this.summary())
      this.clientDrops = 0
      this.newClientDrops = 0
    }
    return false
  }

  private summary(): string {
    const parts: string[] = []
    if (this.newClientDrops > 0) parts.push(`${this.newClientDrops} from new clients over rateLimit.newClients (${describeRate(this.settings.newClients)})`)
    if (this.clientDrops > 0) parts.push(`${this.clientDrops} from clients over rateLimit.perClient (${describeRate(this.settings.perClient)} each)`)
    const total = this.newClientDrops + this.clientDrops
    const seconds = Math.round(this.warning.intervalMs / 1000)
    return `rate limit: dropped ${total} packet${total === 1 ? '' : 's'}: ${parts.join(', ')}; reported at most once every ${seconds} s`
  }
}

function describeRate(rate: RateLimitRate | false): string {
  return rate === false ? 'off' : `${rate.packets} per ${rate.perSeconds} s`
}
