/**
 * Slows password guessing: after `maxFailures` failed log-ins for one account within `windowMs`,
 * further attempts answer 429 until the window has passed. In memory: a restart forgets, which is
 * acceptable for a single-process server (the scrypt cost already bounds the guessing rate).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly clock: () => number,
    private readonly maxFailures = 10,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Seconds to wait before the next attempt, or 0 when allowed. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.maxFailures) return 0;
    return Math.ceil((recent[0]! + this.windowMs - this.clock()) / 1000);
  }

  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.clock());
    this.failures.set(key, recent);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.clock() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }
}
