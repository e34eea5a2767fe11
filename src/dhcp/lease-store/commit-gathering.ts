/**
 * When a group-commit batch is written. A durable write costs about the same
 * (tens of µs of CPU, a thread-pool round trip) whether it carries one lease
 * or a hundred, and on a fast disk it finishes before the next commit comes,
 * so without help every batch holds a single lease. Writing at once is right
 * while commits are rare; while they keep coming faster than one per
 * `delayMs`, a new batch waits up to `delayMs` (or until it holds `maxCount`
 * records) and the commits of that time share its write: at most `delayMs`
 * more latency for a commit, never less durability.
 */
/** One function for every instance: a closure made per instance would be a new call target for V8 each time. */
const performanceNow = (): number => performance.now()

export class CommitGathering {
  private lastCommitAt = Number.NEGATIVE_INFINITY

  constructor(
    /** 0 writes every batch at once. */
    readonly delayMs: number,
    readonly maxCount: number,
    /** Monotonic milliseconds. */
    readonly now: () => number = performanceNow,
  ) {}

  /**
   * Notes a commit; returns until when (in `now()` time) a batch this commit
   * opens should gather more, or 0 to write it at once.
   */
  commit(): number {
    const now = this.now()
    const busy = now - this.lastCommitAt < this.delayMs
    this.lastCommitAt = now
    return busy ? now + this.delayMs : 0
  }
}
