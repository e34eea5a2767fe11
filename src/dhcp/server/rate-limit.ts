import {TokenBucket, type RateLimitRate} from './rate-limit-bucket.js'
import {ClientRateTable} from './rate-limit-clients.js'

/** The rateLimit section of the configuration; `false` turns a limit off. */
export interface RateLimitSettings {
  readonly perClient: RateLimitRate | false
  readonly newClients: RateLimitRate | false
  readonly trackedClients: number
}

/** Why a packet is refused: the names of its drop counters. */
export type RateLimitDrop = 'rateLimitedClient' | 'rateLimitedNewClient'

/**
 * Who may be served right now. Every client has its own bucket (perClient).
 * Clients that are not known yet — no lease on record and no offer held,
 * which is what a flood of forged MACs looks like — also share one budget
 * (newClients). Known clients never touch that budget, so however many new
 * clients knock, clients renewing or completing their exchange get through.
 */
export class RateLimiter {
  /** Whether admit() reads its `known` argument; when false the caller may skip working it out. */
  readonly needsKnown: boolean
  private readonly perClient: ClientRateTable | undefined
  private readonly newClients: TokenBucket | undefined

  constructor(settings: RateLimitSettings, now: number) {
    this.perClient = settings.perClient === false ? undefined : new ClientRateTable(settings.perClient, settings.trackedClients)
    this.newClients = settings.newClients === false ? undefined : new TokenBucket(settings.newClients, now)
    this.needsKnown = this.newClients !== undefined
  }

  /** Clients whose rate is being tracked. */
  get trackedClients(): number {
    return this.perClient?.size ?? 0
  }

  /** Undefined when the packet may be served, else why not. Costs O(1) and allocates nothing for clients already tracked. */
  admit(clientKey: string, known: boolean, now: number): RateLimitDrop | undefined {
    if (known || this.newClients === undefined) {
      return this.perClient === undefined || this.perClient.take(clientKey, now) ? undefined : 'rateLimitedClient'
    }
    // Checked before the client's own bucket so a flood over the budget does not churn the client table.
    if (!this.newClients.hasToken(now)) return 'rateLimitedNewClient'
    if (this.perClient !== undefined && !this.perClient.take(clientKey, now)) return 'rateLimitedClient'
    this.newClients.spend()
    return undefined
  }
}
