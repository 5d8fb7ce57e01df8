/**
 * Fixed-window counters in memory: at most `limit` hits per key per `windowMs`. Enough for one
 * process; a restart forgets the counts, which only ever lets a few more submissions through.
 */
/** Most keys held at once; past it, expired windows go, then the oldest ones. */
const MAX_KEYS = 10_000;

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => number,
  ) {}

  /** Keys currently counted (bounded by MAX_KEYS). */
  get size(): number {
    return this.windows.size;
  }

  /** Counts a hit; returns 0 when allowed, else the seconds to wait (for Retry-After). */
  hit(key: string): number {
    const now = this.clock();
    if (this.windows.size >= MAX_KEYS) this.sweep(now);
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count >= this.limit) return Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
    w.count++;
    return 0;
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
    // Still crowded within one window (someone rotating through addresses): forget the oldest half.
    // That lets a few more submissions through, but memory stays bounded and the sweep stays rare
    // (it used to run on every request once 10,000 keys were live).
    let excess = this.windows.size - MAX_KEYS / 2;
    for (const key of this.windows.keys()) {
      if (excess-- <= 0) break;
      this.windows.delete(key);
    }
  }
}
