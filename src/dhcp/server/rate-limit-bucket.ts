/** A rate as configured: at most `packets` at once, refilled at `packets` per `perSeconds`. */
export interface RateLimitRate {
  readonly packets: number
  readonly perSeconds: number
}

/**
 * One token bucket. It starts full, so a quiet sender may send a burst of
 * `packets` at once; after that it gets one packet per perSeconds / packets.
 * A clock that steps back refills nothing until it has caught up again.
 */
export class TokenBucket {
  private tokens: number
  private stamp: number
  private readonly capacity: number
  private readonly perMs: number

  constructor(rate: RateLimitRate, now: number) {
    this.capacity = rate.packets
    this.perMs = rate.packets / (rate.perSeconds * 1000)
    this.tokens = rate.packets
    this.stamp = now
  }

  /** Is a packet allowed at `now` (ms)? Takes nothing; follow with spend(). */
  hasToken(now: number): boolean {
    if (now > this.stamp) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.stamp) * this.perMs)
      this.stamp = now
    }
    return this.tokens >= 1
  }

  /** Uses the token hasToken() just found. */
  spend(): void {
    this.tokens -= 1
  }

  /** hasToken() and spend() in one: false when the packet is over the rate. */
  take(now: number): boolean {
    if (!this.hasToken(now)) return false
    this.tokens -= 1
    return true
  }
}
