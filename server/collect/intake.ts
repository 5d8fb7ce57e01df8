import type { BatchResult, Hit } from './hit.js';
import type { HitLogStatements } from './hit-log.js';
import type { TrafficStore } from './store.js';

/** Intake is measured over windows of this length: above `logAbovePerSecond`, hits go to the log. */
const WINDOW_MS = 500;
/**
 * Hits expanded per transaction while serving: big enough to write the index pages they share
 * once rather than slice after slice, short enough (≈ 10 ms) not to stall requests for long.
 */
export const EXPAND_SLICE = 1_000;
/** At start and shutdown nothing waits on the event loop: bigger slices, cheaper per hit. */
const DRAIN_SLICE = 5_000;
/**
 * Under load, expansion's own slices take at most this share of the event loop: a trickle that
 * keeps the dashboard moving while a burst is absorbed at the log's rate rather than the full
 * write's. The work each slice sets off (identifying the sessions it opens) about doubles it, so
 * background work stays near 5 % of the loop during a burst (scoring waits: Bus.intakeBusy).
 * What bounds how far the dashboard falls behind is MAX_EXPANSION_LAG_MS, not this share.
 */
export const EXPAND_SHARE_UNDER_LOAD = 0.03;
/** ...unless the oldest hit has waited this long: then expansion comes first until it catches up. */
export const MAX_EXPANSION_LAG_MS = 30_000;
const RETRY_MS = 1_000;

export type IntakeEvents = {
  /** Hits written to their tables (straight away or from the log), with what the store made of them. */
  stored: (hits: readonly Hit[], result: BatchResult) => void;
  /** Expanding the log failed (`first`: after a success); the hits stay in the log and expansion is retried. */
  expandFailed: (err: unknown, first: boolean) => void;
  /**
   * True while what expansion sets off cannot keep up (identification's queue is filling): the
   * next slice waits, whatever the lag, since a dropped identification is worse than a late one.
   */
  holdBack?: () => boolean;
};
const HOLD_BACK_MS = 50;

const nothingYet = (n: number): BatchResult => ({ sessionIds: new Array<number>(n).fill(0), startedVisitorIds: new Array<number>(n).fill(0), synced: null });

/**
 * Where acknowledged hits are committed. Under light traffic, straight into events, sessions and
 * visitors (the dashboard is exact as soon as the 202 leaves). Under load, into the intake log,
 * one row per batch, which is about half the cost of the full write: the log is expanded into the
 * tables in large slices, at a bounded share of the event loop while the load lasts and freely
 * after it, in the same transaction that deletes the expanded rows. Either way the hit is on disk before
 * the 202. Hits stay in order: none is written straight while older ones wait in the log.
 */
export class Intake {
  private backlog: number;
  /** When each batch still in the log was appended (monotonic ms), oldest first. */
  private readonly waiting: Array<{ at: number; n: number }> = [];
  private windowStart = 0;
  private windowHits = 0;
  private previousWindowHits = 0;
  private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  /** Under load, no expansion before this time (monotonic ms): it keeps to its share of the loop. */
  private notBefore = 0;
  private failures = 0;
  private readonly busyHitsPerWindow: number;
  /** Why the last expansion failed, until one succeeds. */
  lastError: string | null = null;
  /** Since start: hits committed straight, through the log, and slices expanded. */
  readonly stats = { direct: 0, logged: 0, expanded: 0, slices: 0 };

  constructor(
    private readonly store: TrafficStore,
    private readonly log: HitLogStatements,
    private readonly on: IntakeEvents,
    /** Hits per second above which the collector counts as under load (VIGIE_INTAKE_LOG_ABOVE; 0: always). */
    logAbovePerSecond: number,
    private readonly monotonic: () => number = () => performance.now(),
  ) {
    this.busyHitsPerWindow = (logAbovePerSecond * WINDOW_MS) / 1000;
    this.backlog = log.count();
    if (this.backlog) this.waiting.push({ at: monotonic(), n: this.backlog });
  }

  /** The writer's commit: throws (nothing kept) when the batch cannot be committed. */
  commit(hits: readonly Hit[], idle: boolean): BatchResult {
    const busy = this.countIntake(hits.length);
    if (this.backlog === 0 && !busy) {
      const result = this.store.commit(hits, idle);
      this.stats.direct += hits.length;
      this.tell(hits, result);
      return result;
    }
    this.log.append(hits);
    this.stats.logged += hits.length;
    this.backlog += hits.length;
    this.waiting.push({ at: this.monotonic(), n: hits.length });
    this.schedule();
    return nothingYet(hits.length);
  }

  /** True while the intake is above its threshold (hits go to the log). */
  get busy(): boolean {
    return this.isBusy();
  }

  /** Hits acknowledged but not yet in their tables, and how long the oldest has waited. */
  get pending(): { hits: number; lagMs: number } {
    return { hits: this.backlog, lagMs: this.waiting.length ? Math.round(this.monotonic() - this.waiting[0]!.at) : 0 };
  }

  /**
   * Expands the log synchronously until it is empty or `budgetMs` has passed (start-up recovery,
   * shutdown); returns the hits left. Throws if a slice cannot be written.
   */
  drain(budgetMs = Infinity): number {
    this.cancel();
    const deadline = this.monotonic() + budgetMs;
    while (this.backlog > 0 && this.monotonic() < deadline) this.expandSlice(DRAIN_SLICE);
    return this.backlog;
  }

  /**
   * `drain` for shutdown, while the other slices still run: between slices it lets them work, and
   * waits while `holdBack` says they cannot take more. Returns the hits left; throws like `drain`.
   */
  async drainPaced(budgetMs: number): Promise<number> {
    this.cancel();
    const deadline = this.monotonic() + budgetMs;
    while (this.backlog > 0 && this.monotonic() < deadline) {
      if (this.on.holdBack?.()) await new Promise((resolve) => setTimeout(resolve, HOLD_BACK_MS / 5));
      else {
        this.expandSlice(DRAIN_SLICE);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return this.backlog;
  }

  /** Expands what the log holds as soon as the event loop allows (after a failed `drain`). */
  kick(): void {
    this.schedule();
  }

  /** Stops the scheduled expansion (shutdown); what is left stays in the log for the next start. */
  cancel(): void {
    if (!this.timer) return;
    clearTimeout(this.timer as NodeJS.Timeout);
    clearImmediate(this.timer as NodeJS.Immediate);
    this.timer = null;
  }

  /** True when more than `busyHitsPerWindow` hits came in the current or the previous window. */
  private countIntake(n: number): boolean {
    const now = this.monotonic();
    if (now - this.windowStart >= WINDOW_MS) {
      this.previousWindowHits = now - this.windowStart < 2 * WINDOW_MS ? this.windowHits : 0;
      this.windowStart = now;
      this.windowHits = 0;
    }
    this.windowHits += n;
    return this.isBusy();
  }

  private isBusy(): boolean {
    if (this.monotonic() - this.windowStart >= 2 * WINDOW_MS) return false;
    return this.windowHits > this.busyHitsPerWindow || this.previousWindowHits > this.busyHitsPerWindow;
  }

  private schedule(): void {
    if (this.timer || this.backlog === 0) return;
    const delayMs = this.notBefore - this.monotonic();
    const run = () => {
      this.timer = null;
      this.expandScheduled();
    };
    this.timer = delayMs > 0 ? setTimeout(run, delayMs) : setImmediate(run);
  }

  private expandScheduled(): void {
    if (this.on.holdBack?.()) {
      this.notBefore = this.monotonic() + HOLD_BACK_MS;
      this.schedule();
      return;
    }
    const started = this.monotonic();
    try {
      this.expandSlice();
      this.failures = 0;
      this.lastError = null;
    } catch (err) {
      this.failures++;
      const first = this.lastError === null;
      this.lastError = err instanceof Error ? err.message : String(err);
      this.on.expandFailed(err, first);
      this.notBefore = this.monotonic() + RETRY_MS * Math.min(this.failures, 10);
      this.schedule();
      return;
    }
    const now = this.monotonic();
    const yieldToIntake = this.isBusy() && this.pending.lagMs < MAX_EXPANSION_LAG_MS;
    this.notBefore = yieldToIntake ? now + (now - started) * (1 / EXPAND_SHARE_UNDER_LOAD - 1) : now;
    this.schedule();
  }

  /** Writes the oldest slice of the log to its tables and removes it from the log, in one transaction. */
  private expandSlice(size = EXPAND_SLICE): void {
    const rows = this.log.oldest(size);
    if (rows.length === 0) {
      this.backlog = 0;
      this.waiting.length = 0;
      return;
    }
    const hits: Hit[] = [];
    for (const row of rows) {
      if (row.unreadable) console.error(`[vigie] collector: intake log row ${row.id} is unreadable; dropped`);
      for (const hit of row.hits) hits.push(hit);
    }
    const lastId = rows[rows.length - 1]!.id;
    const left = Math.max(0, this.backlog - hits.length);
    const result = this.store.commit(hits, left === 0 && !this.isBusy(), () => this.log.removeThrough(lastId));
    this.backlog = left;
    this.consumeWaiting(hits.length);
    this.stats.expanded += hits.length;
    this.stats.slices++;
    this.tell(hits, result);
  }

  /** The hits are committed whatever a listener does: its failure must not turn into a 503. */
  private tell(hits: readonly Hit[], result: BatchResult): void {
    try {
      this.on.stored(hits, result);
    } catch (err) {
      console.error('[vigie] collector intake listener failed', err);
    }
  }

  private consumeWaiting(n: number): void {
    while (n > 0 && this.waiting.length) {
      const first = this.waiting[0]!;
      const used = Math.min(n, first.n);
      first.n -= used;
      n -= used;
      if (first.n === 0) this.waiting.shift();
    }
    if (this.backlog === 0) this.waiting.length = 0;
  }
}
