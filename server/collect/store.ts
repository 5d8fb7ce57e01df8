import type { Transaction } from 'better-sqlite3';
import type { Db } from '../db/open.js';
import type { BatchResult, BotHit, Hit, TrafficHit } from './hit.js';
import { recountUnsyncedSessions } from './recover.js';
import { trafficStatements, type TrafficStatements } from './repo.js';
import { utcDay } from './visitor-key.js';

/** A session ends after 30 minutes without a hit. */
export const SESSION_IDLE_MS = 30 * 60_000;
/** Under sustained load, session counters reach the database at least this often. */
export const COUNTER_SYNC_MS = 1_000;
/**
 * A batch this small with nothing queued behind it is light traffic: its session counters are
 * written with it, so the sessions table is exact as soon as the 202 leaves. A bigger batch means
 * load, and the counters wait for COUNTER_SYNC_MS (the collector's timer writes them if the load stops).
 */
export const SYNC_NOW_MAX_BATCH = 8;
const DAY_MS = 86_400_000;
const SWEEP_EVERY_MS = 60_000;

/** `pending*`: committed events not yet added to the session row. */
type SessionState = { id: number; orgId: string; lastSeen: number; pageviews: number; pendingPageviews: number; pendingEngagedMs: number };
/** `session` undefined: not looked up yet (visitor reloaded from the database after a restart). */
type VisitorState = { id: number; orgId: string; lastSeen: number; session: SessionState | null | undefined };
/**
 * What a batch changes in memory, kept only once it committed: visitors by `site\nkey`, and the
 * cookieless keys that consent turned into aliases of a consented visitor (`site\nhash` → `c:…`).
 */
type Staged = { visitors: Map<string, VisitorState>; aliases: Map<string, string> };

/**
 * Writes batches of hits, one transaction each, resolving visitors and sessions from memory so the
 * hot path never reads the database (which stays the truth: visitors are reloaded at start,
 * sessions looked up on first use). In-memory changes are staged per batch and kept only once the
 * transaction has committed, so a failed batch leaves no trace anywhere.
 *
 * Session rows are updated in place by events arriving in random order, which costs one page write
 * per session per transaction (under load, most of the WAL a batch writes). So their counters are
 * batched: written with a small batch when the writer is idle, and at most every COUNTER_SYNC_MS
 * under load (`syncCounters` when the load stops). The events themselves are always
 * committed before the 202; after a crash, `recountUnsyncedSessions` rebuilds the counters from them.
 */
export class TrafficStore {
  private readonly sql: TrafficStatements;
  private readonly visitors = new Map<string, VisitorState>();
  /** Today's cookieless keys of browsers that gave consent, to their consented visitor key. */
  private readonly aliases = new Map<string, string>();
  private aliasDay = 0;
  private readonly unsynced = new Map<number, SessionState>();
  private lastEventId: number;
  private lastSyncAt = 0;
  private lastSweep: number;
  private readonly writeBatch: Transaction<
    (hits: readonly Hit[], result: BatchResult, staged: Staged, touched: Map<number, SessionState>, sync: boolean, also?: () => void) => number
  >;

  constructor(
    private readonly db: Db,
    now: number,
    private readonly monotonic: () => number = () => performance.now(),
  ) {
    this.sql = trafficStatements(db);
    this.lastEventId = recountUnsyncedSessions(db);
    const todayStart = Math.floor(now / DAY_MS) * DAY_MS;
    for (const v of this.sql.hashedVisitorsSince(todayStart)) {
      this.visitors.set(`${v.site_id}\n${v.key}`, { id: v.id, orgId: v.org_id, lastSeen: v.last_seen, session: undefined });
    }
    this.lastSweep = now;
    this.aliasDay = todayStart;
    this.writeBatch = db.transaction(this.writeAll.bind(this));
  }

  /**
   * Writes a batch in one IMMEDIATE transaction; throws (and keeps nothing) when it cannot commit.
   * `idle`: nothing else is waiting, so session counters are written now rather than later.
   * `also`: more writes that must commit or fail with this batch (removing it from the intake log).
   */
  commit(hits: readonly Hit[], idle: boolean, also?: () => void): BatchResult {
    const staged: Staged = { visitors: new Map(), aliases: new Map() };
    const touched = new Map<number, SessionState>();
    const n = hits.length;
    const result: BatchResult = { sessionIds: new Array<number>(n).fill(0), startedVisitorIds: new Array<number>(n).fill(0), synced: null };
    const sync = (idle && n <= 8) || this.monotonic() - this.lastSyncAt >= COUNTER_SYNC_MS;
    const lastEventId = this.writeBatch.immediate(hits, result, staged, touched, sync, also);

    // Committed: the staged state becomes the truth.
    this.lastEventId = lastEventId;
    for (const [key, v] of staged.visitors) this.visitors.set(key, v);
    for (const [hashKey, consentKey] of staged.aliases) {
      this.aliases.set(hashKey, consentKey);
      this.visitors.delete(hashKey);
    }
    if (sync) {
      for (const s of this.unsynced.values()) clearPending(s);
      for (const s of touched.values()) clearPending(s);
      this.unsynced.clear();
      this.lastSyncAt = this.monotonic();
    } else {
      for (const [id, s] of touched) this.unsynced.set(id, s);
    }
    const latest = n ? hits[n - 1]!.ts : 0;
    if (latest - this.lastSweep > SWEEP_EVERY_MS) this.sweep(latest);
    return result;
  }

  /** The body of the batch transaction; returns the id of the last event written. */
  private writeAll(
    hits: readonly Hit[],
    result: BatchResult,
    staged: Staged,
    touched: Map<number, SessionState>,
    sync: boolean,
    also?: () => void,
  ): number {
    let lastEventId = this.lastEventId;
    const bots = new Map<string, { hit: BotHit; n: number }>();
    for (let i = 0; i < hits.length; i++) {
      const hit = hits[i]!;
      if (hit.kind === 'bot') {
        const key = `${hit.siteId}\n${utcDay(hit.ts)}`;
        const b = bots.get(key);
        if (b) b.n++;
        else bots.set(key, { hit, n: 1 });
        continue;
      }
      const s = this.record(hit, i, staged, result);
      touched.set(s.id, s);
      lastEventId = Number(this.sql.insertEvent(hit, s.id).lastInsertRowid);
      result.sessionIds[i] = s.id;
    }
    for (const { hit, n } of bots.values()) this.sql.countBots(hit.orgId, hit.siteId, utcDay(hit.ts), n);
    if (sync) result.synced = this.writeCounters(touched, lastEventId);
    also?.();
    return lastEventId;
  }

  /** True while committed events are not yet counted in their session rows. */
  get hasUnsyncedCounters(): boolean {
    return this.unsynced.size > 0;
  }

  /** Writes the deferred session counters alone (load stopped, or shutdown); returns the sessions written. */
  syncCounters(): BatchResult['synced'] {
    return this.commit([], true).synced;
  }

  /** Visitors held in memory. */
  get size(): number {
    return this.visitors.size;
  }

  private record(hit: TrafficHit, index: number, staged: Staged, result: BatchResult): SessionState {
    const own = `${hit.siteId}\n${hit.visitorKey}`;
    // Consent withdrawn (the hit carries the cookieless key again): still the consented visitor, today.
    const visitorKey = staged.aliases.get(own) ?? this.aliases.get(own) ?? hit.visitorKey;
    const key = visitorKey === hit.visitorKey ? own : `${hit.siteId}\n${visitorKey}`;
    let v = staged.visitors.get(key);
    if (!v) {
      const known = this.visitors.get(key) ?? this.loadConsentVisitor(hit.orgId, hit.siteId, visitorKey);
      v = known
        ? { ...known, session: known.session && { ...known.session } }
        : (this.adoptForConsent(hit, staged) ??
          { id: this.sql.insertVisitor(hit.orgId, hit.siteId, hit.visitorKey, hit.ts), orgId: hit.orgId, lastSeen: hit.ts, session: null });
      staged.visitors.set(key, v);
    }
    if (v.session === undefined) {
      const row = this.sql.latestSession(hit.orgId, v.id);
      // Its counters may still be waiting to be written (the visitor was forgotten, not its session).
      const waiting = row && this.unsynced.get(row.id);
      v.session = waiting
        ? { ...waiting }
        : row && { id: row.id, orgId: hit.orgId, lastSeen: row.last_seen_at, pageviews: row.pageviews, pendingPageviews: 0, pendingEngagedMs: 0 };
    }
    let s = v.session;
    const idle = !!s && hit.ts - s.lastSeen > SESSION_IDLE_MS;
    // An engagement ping reports time spent on the page being left: it belongs to that page's
    // session even when it arrives after the session went idle, and it opens no session of its own.
    const late = idle && hit.type === 'engagement';
    if (!s || (idle && !late)) {
      if (s) this.sql.touchVisitor(hit.orgId, v.id, hit.ts); // a returning visitor: its last session starts now
      s = { id: this.sql.insertSession(hit, v.id), orgId: hit.orgId, lastSeen: hit.ts, pageviews: 0, pendingPageviews: 0, pendingEngagedMs: 0 };
      v.session = s;
      result.startedVisitorIds[index] = v.id;
    } else if (hit.type === 'pageview' && s.pageviews === 0) {
      // The session began with an event or engagement ping: its first pageview brings the campaign.
      this.sql.setSessionCampaign(hit, s.id);
    }
    if (!late && hit.ts > s.lastSeen) s.lastSeen = hit.ts;
    if (hit.ts > v.lastSeen) v.lastSeen = hit.ts;
    if (hit.type === 'pageview') {
      s.pageviews++;
      s.pendingPageviews++;
    }
    s.pendingEngagedMs += hit.engagedMs ?? 0;
    return s;
  }

  /** Adds pending counters to their session rows and moves the recount marker; returns what it synced. */
  private writeCounters(touched: Map<number, SessionState>, lastEventId: number): Record<string, number[]> {
    const bySession = new Map(this.unsynced);
    for (const [id, s] of touched) bySession.set(id, s);
    const byOrg: Record<string, number[]> = {};
    for (const [id, s] of bySession) {
      this.sql.updateSession(s.orgId, id, s.lastSeen, s.pendingPageviews, s.pendingEngagedMs);
      (byOrg[s.orgId] ??= []).push(id);
    }
    this.sql.setSyncedEventId(lastEventId);
    return byOrg;
  }

  /**
   * Consent given halfway through a visit (a cookie banner clicked after the first page): the
   * browser's cookieless visitor of today becomes the consented one, its session going on, rather
   * than a second visitor whose session would start without the visit's campaign. Its hash key
   * becomes an alias in memory for today, so hits without the id (consent withdrawn) still find it.
   */
  private adoptForConsent(hit: TrafficHit, staged: Staged): VisitorState | undefined {
    if (!hit.hashKey || !hit.visitorKey.startsWith('c:')) return undefined;
    const hashKey = `${hit.siteId}\n${hit.hashKey}`;
    if (staged.aliases.has(hashKey) || this.aliases.has(hashKey)) return undefined; // already someone's: a new consent id
    let v = staged.visitors.get(hashKey);
    if (!v) {
      const known = this.visitors.get(hashKey);
      if (!known) return undefined;
      v = { ...known, session: known.session && { ...known.session } };
    }
    staged.visitors.delete(hashKey);
    staged.aliases.set(hashKey, hit.visitorKey);
    this.sql.giveConsent(hit.orgId, v.id, hit.visitorKey);
    return v;
  }

  /** Consented visitors come back across days: find them in the database when memory forgot them. */
  private loadConsentVisitor(orgId: string, siteId: string, visitorKey: string): VisitorState | undefined {
    if (!visitorKey.startsWith('c:')) return undefined;
    const row = this.sql.findConsentVisitor(orgId, siteId, visitorKey);
    return row && { id: row.id, orgId, lastSeen: row.last_seen, session: undefined };
  }

  /**
   * Forgets what can no longer match: hashed visitors of past days (their salt is gone) and
   * consented visitors idle past a session (reloaded from the database if they return).
   */
  private sweep(now: number): void {
    this.lastSweep = now;
    const todayStart = Math.floor(now / DAY_MS) * DAY_MS;
    if (todayStart !== this.aliasDay) {
      this.aliases.clear(); // cookieless keys change with the daily salt: yesterday's match nothing
      this.aliasDay = todayStart;
    }
    for (const [key, v] of this.visitors) {
      const consent = key.includes('\nc:');
      if (consent ? now - v.lastSeen > SESSION_IDLE_MS : v.lastSeen < todayStart) this.visitors.delete(key);
    }
  }
}

/** Pending counters were written: reset them on the objects that are canonical after the commit. */
function clearPending(s: SessionState): void {
  s.pendingPageviews = 0;
  s.pendingEngagedMs = 0;
}
