import type { AppDeps } from '../deps.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open.js';
import { refreshAggregates } from './aggregates.js';
import { RescoreJobs } from './jobs.js';
import { loadRules } from './rules.js';
import { rescoreCompanies } from './rescore.js';

export type ScoringOptions = {
  /** How long traffic is gathered before aggregates and scores are refreshed (live, not nightly). */
  flushMs: number;
  /** Companies refreshed per slice of work; a backlog (a bulk move of 50,000) goes slice by slice, the event loop free in between. */
  flushMax: number;
  /** Companies per chunk of a rescoring pass. */
  chunkSize: number;
  /** Interval of the decay pass that ages every score (reads also apply decay to what they show). */
  decayEveryMs: number;
};

export const DEFAULT_SCORING_OPTIONS: ScoringOptions = { flushMs: 1000, flushMax: 250, chunkSize: 500, decayEveryMs: 3_600_000 };

/**
 * While the collector absorbs a burst, live refreshes are gathered this long instead of flushMs:
 * a company whose visitors keep browsing is refreshed once rather than every second, and the
 * event loop goes to the intake.
 */
export const FLUSH_UNDER_LOAD_MS = 10_000;

type Pending = { aggregate: Set<string>; rescore: Set<string> };

/**
 * The live side of scoring: listens to the bus, refreshes the aggregates and scores of the
 * companies that just had traffic, runs rescoring passes (rules changed, decay, resume after a
 * restart). What the database triggers noted (new companies, list moves, renames) is picked up too.
 */
export class ScoringService {
  readonly jobs: RescoreJobs;
  private readonly pending = new Map<string, Pending>();
  /** Sessions with committed traffic since the last drain, by organisation. */
  private readonly trafficSessions = new Map<string, Set<number>>();
  private companiesOfSessions: Statement | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly unsubscribe: Array<() => void> = [];
  private draining = false;
  private lastDrainAt = 0;
  private stopped = false;

  constructor(private readonly deps: Pick<AppDeps, 'db' | 'clock' | 'bus'>, private readonly opts: ScoringOptions = DEFAULT_SCORING_OPTIONS) {
    this.jobs = new RescoreJobs(deps.db, deps.clock, opts.chunkSize);
  }

  start(): void {
    const { bus } = this.deps;
    this.unsubscribe.push(
      // Only noted here: this runs on the collector's thread after every batch, while the
      // companies behind the sessions are looked up once per drain (see takeTrafficSessions).
      bus.on('traffic-committed', (e) => {
        let ids = this.trafficSessions.get(e.orgId);
        if (!ids) this.trafficSessions.set(e.orgId, (ids = new Set()));
        for (const id of e.sessionIds) ids.add(id);
      }),
      bus.on('session-identified', (e) => this.queue(e.orgId, e.companyId, 'aggregate')),
      // A list move or an edit changes the fit only; traffic aggregates stay as they are.
      bus.on('company-changed', (e) => this.queue(e.orgId, e.companyId, 'rescore')),
      bus.on('lead-stored', (e) => {
        if (e.companyId) this.queue(e.orgId, e.companyId, 'rescore');
      }),
    );
    const tick = setInterval(() => {
      const now = performance.now();
      if (this.deps.bus.intakeBusy() && now - this.lastDrainAt < Math.max(FLUSH_UNDER_LOAD_MS, this.opts.flushMs)) return;
      this.lastDrainAt = now;
      this.drain();
    }, this.opts.flushMs);
    const decay = setInterval(() => this.safely(() => this.startDecayPasses()), this.opts.decayEveryMs);
    tick.unref();
    decay.unref();
    this.timers.push(tick, decay);
    this.safely(() => this.resumeOutdated());
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    for (const u of this.unsubscribe) u();
    this.jobs.stop();
  }

  queue(orgId: string, companyId: string, what: keyof Pending): void {
    let p = this.pending.get(orgId);
    if (!p) this.pending.set(orgId, (p = { aggregate: new Set(), rescore: new Set() }));
    p[what].add(companyId);
  }

  /** Works through the queue slice by slice, yielding to the event loop between slices. */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    const step = () => {
      let more = false;
      this.safely(() => {
        more = this.flush(this.opts.flushMax) > 0 && this.hasWork();
      });
      if (more && !this.stopped) setImmediate(step);
      else this.draining = false;
    };
    step();
  }

  private hasWork(): boolean {
    return this.pending.size > 0 || this.trafficSessions.size > 0 || this.orgsWithWork().length > 0 || this.deps.db.prepare('SELECT 1 FROM company_rescore_queue LIMIT 1').get() !== undefined;
  }

  /**
   * Refreshes what is queued or marked dirty: aggregates of companies with new traffic, then
   * their scores, at most `max` companies per organisation. The timer drains the queue with it;
   * tests call it directly instead of waiting.
   */
  flush(max = Number.MAX_SAFE_INTEGER): number {
    const { db, clock } = this.deps;
    let n = 0;
    this.takeTrafficSessions();
    this.takeRescoreQueue(Math.min(max, 100_000));
    for (const orgId of this.orgsWithWork()) {
      // New companies (dirty) have no aggregates yet.
      const fresh = db.prepare('SELECT company_id FROM company_stats WHERE org_id = ? AND dirty > 0 LIMIT ?').pluck().all(orgId, Math.min(max, 100_000)) as string[];
      for (const id of fresh) this.queue(orgId, id, 'aggregate');
      const p = this.pending.get(orgId)!;
      const aggregate = take(p.aggregate, max);
      refreshAggregates(db, orgId, aggregate);
      for (const id of aggregate) p.rescore.add(id);
      const rescore = take(p.rescore, max);
      if (p.aggregate.size === 0 && p.rescore.size === 0) this.pending.delete(orgId);
      // Count what was actually scored, so that an id that cannot be loaded never keeps the drain spinning.
      n += rescoreCompanies(db, orgId, rescore, clock()).size;
    }
    return n;
  }

  /** Queues the companies of the sessions that had traffic since the last drain. */
  private takeTrafficSessions(): void {
    if (this.trafficSessions.size === 0) return;
    // `+org_id`: the ids are looked up by primary key, not by walking the organisation's sessions_org_time range.
    this.companiesOfSessions ??= this.deps.db
      .prepare(`SELECT DISTINCT company_id FROM sessions WHERE +org_id = ? AND id IN (SELECT value FROM json_each(?)) AND company_id IS NOT NULL`)
      .pluck();
    const byOrg = [...this.trafficSessions];
    this.trafficSessions.clear();
    for (const [orgId, ids] of byOrg) {
      const all = [...ids];
      for (let i = 0; i < all.length; i += 10_000) {
        for (const id of this.companiesOfSessions.all(orgId, JSON.stringify(all.slice(i, i + 10_000))) as string[]) this.queue(orgId, id, 'aggregate');
      }
    }
  }

  /** Moves what the triggers queued (list moves, renames, fit fields) into memory, oldest first. */
  private takeRescoreQueue(max: number): void {
    const { db } = this.deps;
    const rows = db.prepare('SELECT id, org_id, company_id FROM company_rescore_queue ORDER BY id LIMIT ?').all(max) as Array<{ id: number; org_id: string; company_id: string }>;
    if (rows.length === 0) return;
    for (const r of rows) this.queue(r.org_id, r.company_id, 'rescore');
    db.prepare('DELETE FROM company_rescore_queue WHERE id <= ?').run(rows[rows.length - 1]!.id);
  }

  private orgsWithWork(): string[] {
    const fromDb = this.deps.db.prepare('SELECT DISTINCT org_id FROM company_stats WHERE dirty > 0').pluck().all() as string[];
    return [...new Set([...this.pending.keys(), ...fromDb])];
  }

  /** After a restart: organisations whose scores predate their rules get a pass. */
  private resumeOutdated(): void {
    for (const orgId of orgIds(this.deps.db)) {
      const { version } = loadRules(this.deps.db, orgId);
      const outdated = this.deps.db.prepare('SELECT 1 FROM company_scores WHERE org_id = ? AND rules_version <> ? LIMIT 1').get(orgId, version);
      if (outdated) this.jobs.start(orgId, 'resume');
    }
  }

  private startDecayPasses(): void {
    for (const orgId of orgIds(this.deps.db)) if (!this.jobs.isRunning(orgId)) this.jobs.start(orgId, 'decay');
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      console.error('[vigie] scoring refresh failed', err);
    }
  }
}

/** Removes and returns up to `max` ids of the set (insertion order). */
function take(ids: Set<string>, max: number): string[] {
  const out: string[] = [];
  for (const id of ids) {
    if (out.length >= max) break;
    out.push(id);
  }
  for (const id of out) ids.delete(id);
  return out;
}

function orgIds(db: Db): string[] {
  return db.prepare('SELECT id FROM organisations').pluck().all() as string[];
}

const services = new WeakMap<object, ScoringService>();

/** The scoring service of an app (created and started once per deps, stopped on close). */
export function scoringFor(deps: AppDeps, opts?: Partial<ScoringOptions>): ScoringService {
  let s = services.get(deps);
  if (!s) {
    s = new ScoringService(deps, { ...DEFAULT_SCORING_OPTIONS, ...opts });
    services.set(deps, s);
    s.start();
    const service = s;
    deps.onClose(() => service.stop());
  }
  return s;
}
