import type { Db } from './open.js';
import type { Health } from '../http/health.js';

/** How often a degraded database is probed until it takes writes again. */
export const DATABASE_PROBE_MS = 1_000;

/**
 * Keeps the 'database' line of /health honest. A request that fails because the database is
 * locked, full or read-only marks it degraded; a one-row write is then tried every second
 * (never waiting for a lock: that would stall the event loop) and marks it ok once it commits.
 */
export class DatabaseWatch {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly health: Health,
    private readonly probeMs = DATABASE_PROBE_MS,
  ) {}

  failed(err: unknown): void {
    this.health.degraded('database', `cannot write: ${err instanceof Error ? err.message : String(err)}`);
    this.timer ??= setInterval(() => this.probe(), this.probeMs).unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private probe(): void {
    const timeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    try {
      this.db.pragma('busy_timeout = 0');
      this.db
        .prepare(`INSERT INTO collector_state (key, value) VALUES ('health_probe', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
        .run(Date.now());
      this.stop();
      this.health.ok('database');
    } catch (err) {
      this.health.degraded('database', `cannot write: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      if (this.db.open) this.db.pragma(`busy_timeout = ${timeout}`);
    }
  }
}
