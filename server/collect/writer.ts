import type { BatchResult, Hit, HitOutcome } from './hit.js';

/** Most hits written by one transaction; the rest wait for the next one. */
export const MAX_BATCH = 4_000;

/**
 * Commits one batch; rejects when nothing of it was written. In-process or on a worker thread.
 * `idle`: no other hit is waiting, so deferred work (session counters) may as well be done now.
 */
export type CommitBatch = (hits: Hit[], idle: boolean) => Promise<BatchResult>;

type Pending = { hit: Hit; resolve: (outcome: HitOutcome) => void; reject: (err: Error) => void };

export type WriterEvents = {
  /** After a batch committed and its requests were released. */
  committed: (hits: readonly Hit[], result: BatchResult) => void;
  /** A batch failed: its requests get 503. */
  failed: (err: unknown) => void;
};

/**
 * Group commit. Hits queue up while a transaction is in progress; as soon as it ends, everything
 * queued meanwhile goes into the next one (up to MAX_BATCH). Each caller's promise settles only
 * once the transaction holding its hit has committed (or failed), so an acknowledged hit is on
 * disk whatever happens to the process afterwards, and throughput follows the batch rate rather
 * than the per-transaction cost.
 */
export class GroupCommitWriter {
  private queue: Pending[] = [];
  private writing = false;
  private scheduled = false;
  private idle: Array<() => void> = [];
  /** Committed batches and hits since start (batch size = hits / batches). */
  readonly stats = { batches: 0, hits: 0 };
  private retryAt = 0;
  private lastError: Error | null = null;

  /**
   * `coolDownMs`: after a failed commit, hits are refused at once (503) for this long instead of
   * each batch waiting out the database's busy timeout again on the event loop.
   */
  constructor(
    private readonly commitBatch: CommitBatch,
    private readonly on: WriterEvents,
    private readonly coolDownMs = 1_000,
  ) {}

  /** Queues a hit; resolves once committed (session id 0 for a bot), rejects if its batch failed. */
  write(hit: Hit): Promise<HitOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ hit, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when the queue is empty and no transaction is running (shutdown drain). */
  flush(): Promise<void> {
    if (!this.writing && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  get queued(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.writing || this.scheduled) return;
    this.scheduled = true;
    // setImmediate, not a microtask: lets the event loop read every request already on the sockets first.
    setImmediate(() => {
      this.scheduled = false;
      void this.run();
    });
  }

  private async run(): Promise<void> {
    if (this.writing || this.queue.length === 0) return this.settleIdle();
    this.writing = true;
    const batch = this.queue.length <= MAX_BATCH ? this.queue : this.queue.slice(0, MAX_BATCH);
    this.queue = this.queue.length <= MAX_BATCH ? [] : this.queue.slice(MAX_BATCH);
    const hits = batch.map((p) => p.hit);
    let result: BatchResult | null = null;
    if (this.lastError && performance.now() < this.retryAt) {
      for (const p of batch) p.reject(this.lastError);
    } else {
      try {
        result = await this.commitBatch(hits, this.queue.length === 0);
        this.lastError = null;
        this.stats.batches++;
        this.stats.hits += hits.length;
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        this.lastError = error;
        this.retryAt = performance.now() + this.coolDownMs;
        for (const p of batch) p.reject(error);
        this.notify(() => this.on.failed(error));
      }
    }
    if (result) {
      const { sessionIds, startedVisitorIds } = result;
      for (let i = 0; i < batch.length; i++) batch[i]!.resolve({ sessionId: sessionIds[i] ?? 0, startedVisitorId: startedVisitorIds[i] ?? 0 });
      const committed = result;
      this.notify(() => this.on.committed(hits, committed));
    }
    this.writing = false;
    if (this.queue.length > 0) this.schedule();
    else this.settleIdle();
  }

  /** Listeners must never wedge the writer. */
  private notify(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      console.error('[vigie] collector writer listener failed', err);
    }
  }

  private settleIdle(): void {
    if (this.writing || this.queue.length > 0) return;
    for (const resolve of this.idle.splice(0)) resolve();
  }
}
