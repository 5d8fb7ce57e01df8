import type { Db } from '../db/open.js';
import { newId } from '../db/ids.js';
import type { RescoreJob } from '../schemas/scoring.js';
import { loadRules } from './rules.js';
import { rescoreChunk } from './rescore.js';

type Running = { job: RescoreJob; orgId: string; cursor: string };

/**
 * Rescoring passes over every company of an organisation, in chunks with the event loop free
 * between them (the collector keeps answering). One pass per organisation at a time. A pass
 * reads the rules at every chunk: if they change mid-pass it starts over, so that when it ends
 * every company carries the newest rules version.
 */
export class RescoreJobs {
  private readonly byId = new Map<string, { orgId: string; job: RescoreJob }>();
  private readonly latest = new Map<string, RescoreJob>();
  private readonly running = new Map<string, Running>();
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly clock: () => number,
    private readonly chunkSize = 500,
    private readonly onError: (err: unknown) => void = (err) => console.error('[vigie] rescoring failed', err),
  ) {}

  /** Starts a pass (or restarts the running one when the rules changed); returns its status. */
  start(orgId: string, reason: RescoreJob['reason']): RescoreJob {
    const current = this.running.get(orgId);
    if (current) {
      if (reason === 'rules') this.restart(current);
      return current.job;
    }
    const job: RescoreJob = {
      id: newId('job'),
      reason,
      state: 'running',
      rulesVersion: loadRules(this.db, orgId).version,
      done: 0,
      total: this.count(orgId),
      startedAt: this.clock(),
      finishedAt: null,
    };
    if (this.byId.size > 1000) for (const [id, j] of this.byId) if (j.job.state !== 'running') this.byId.delete(id);
    this.byId.set(job.id, { orgId, job });
    this.latest.set(orgId, job);
    this.running.set(orgId, { job, orgId, cursor: '' });
    setImmediate(() => this.step(orgId));
    return job;
  }

  get(orgId: string, id: string): RescoreJob | undefined {
    const found = this.byId.get(id);
    return found && found.orgId === orgId ? { ...found.job } : undefined;
  }

  latestFor(orgId: string): RescoreJob | null {
    const j = this.latest.get(orgId);
    return j ? { ...j } : null;
  }

  isRunning(orgId: string): boolean {
    return this.running.has(orgId);
  }

  /** Resolves when the organisation has no pass running (tests, shutdown). */
  async idle(orgId: string): Promise<void> {
    while (this.running.has(orgId)) await new Promise((r) => setTimeout(r, 5));
  }

  stop(): void {
    this.stopped = true;
  }

  private count(orgId: string): number {
    return this.db.prepare('SELECT count(*) FROM company_stats WHERE org_id = ?').pluck().get(orgId) as number;
  }

  private restart(r: Running): void {
    r.cursor = '';
    r.job.done = 0;
    r.job.total = this.count(r.orgId);
    r.job.rulesVersion = loadRules(this.db, r.orgId).version;
  }

  private step(orgId: string): void {
    const r = this.running.get(orgId);
    if (!r || this.stopped) return;
    try {
      if (loadRules(this.db, orgId).version !== r.job.rulesVersion) this.restart(r);
      const { lastId, count } = rescoreChunk(this.db, orgId, r.cursor, this.chunkSize, this.clock());
      if (lastId === null) return this.finish(r, 'done');
      r.cursor = lastId;
      r.job.done += count;
      r.job.total = Math.max(r.job.total, r.job.done);
      setImmediate(() => this.step(orgId));
    } catch (err) {
      this.onError(err);
      this.finish(r, 'failed');
    }
  }

  private finish(r: Running, state: 'done' | 'failed'): void {
    r.job.state = state;
    r.job.finishedAt = this.clock();
    if (state === 'done') r.job.total = r.job.done;
    this.running.delete(r.orgId);
  }
}
