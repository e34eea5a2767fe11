/**
 * Says when a warning about a recurring problem may be written: the first
 * time it happens, then at most once per interval, so a flood or a full pool
 * gives the operator a steady trickle of lines rather than one per packet.
 * Whoever uses it counts what happened in between and puts that in the line.
 */
export class ThrottledWarning {
  private lastAt = Number.NEGATIVE_INFINITY

  /** @param intervalMs shortest time between two warnings */
  constructor(public intervalMs: number) {}

  /** True (and the interval starts again) when a warning may be written at `now` (ms). */
  due(now: number): boolean {
    if (now - this.lastAt < this.intervalMs) return false
    this.lastAt = now
    return true
  }
}
