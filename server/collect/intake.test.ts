import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb, type Db } from '../db/open.js';
import { tempDir } from '../../test/helpers/temp.js';
import type { BatchResult, BotHit, Hit, TrafficHit } from './hit.js';
import { encodeBatch, hitLogStatements, type HitLogStatements } from './hit-log.js';
import { EXPAND_SLICE, Intake, MAX_EXPANSION_LAG_MS } from './intake.js';
import { SESSION_IDLE_MS, TrafficStore } from './store.js';

const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);
const MIN = 60_000;
/** Far above any test's rate: every batch is light traffic. */
const NEVER = 1_000_000_000;

const cleanups: Array<() => void> = [];
afterEach(() => {
  vi.restoreAllMocks();
  cleanups.splice(0).reverse().forEach((fn) => fn());
});

function tempFile(): string {
  const tmp = tempDir('vigie-intake-');
  cleanups.push(tmp.cleanup);
  return path.join(tmp.dir, 'vigie.db');
}

function open(file: string): Db {
  const db = openDb(file);
  cleanups.push(() => {
    if (db.open) db.close();
  });
  return db;
}

type World = {
  db: Db;
  file: string;
  store: TrafficStore;
  log: HitLogStatements;
  intake: Intake;
  /** Every `stored` call: the hits and what the store made of them. */
  stored: Array<{ hits: readonly Hit[]; result: BatchResult }>;
  failures: unknown[];
};

/** A TrafficStore and an Intake on a real SQLite file (a fresh one unless `file` is given). */
function world(opts: {
  logAbove: number;
  file?: string;
  monotonic?: () => number;
  onStored?: () => void;
  now?: number;
  /** The store's own clock (when its deferred session counters are due). */
  storeMonotonic?: () => number;
  holdBack?: () => boolean;
}): World {
  const file = opts.file ?? tempFile();
  const db = open(file);
  const store = new TrafficStore(db, opts.now ?? T0, opts.storeMonotonic);
  const log = hitLogStatements(db);
  const stored: World['stored'] = [];
  const failures: unknown[] = [];
  const intake = new Intake(
    store,
    log,
    {
      stored: (hits, result) => {
        stored.push({ hits, result });
        opts.onStored?.();
      },
      expandFailed: (err) => failures.push(err),
      holdBack: opts.holdBack,
    },
    opts.logAbove,
    opts.monotonic,
  );
  // Before the database closes (cleanups run in reverse): no expansion left scheduled on a closed handle.
  cleanups.push(() => intake.cancel());
  return { db, file, store, log, intake, stored, failures };
}

function hit(over: Partial<TrafficHit> = {}): TrafficHit {
  const url = over.url ?? 'https://example.com/';
  return {
    kind: 'traffic', orgId: 'org_a', siteId: 'site_a', visitorKey: 'h:visitor-1', hashKey: null, ts: T0, type: 'pageview', url, path: new URL(url).pathname,
    title: null, referrer: null, name: null, props: null, engagedMs: null,
    ipPrefix: '203.0.113.0/24', browser: 'Chrome', os: 'Windows', device: 'desktop', language: 'fr-FR', screen: 1440, ...over,
  };
}

const bot = (over: Partial<BotHit> = {}): BotHit => ({ kind: 'bot', orgId: 'org_a', siteId: 'site_a', ts: T0, ...over });

/** `n` numbered pageviews (`/n/<i>`) from `visitors` cookieless visitors, a second apart. */
function numbered(n: number, from = 0, visitors = 7): TrafficHit[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return hit({ url: `https://example.com/n/${i}`, visitorKey: `h:v${i % visitors}`, ts: T0 + i * 1_000 });
  });
}

const count = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;
const eventCount = (db: Db) => count(db, 'SELECT count(*) FROM events');
const logRows = (db: Db) => count(db, 'SELECT count(*) FROM hit_log');
/** Paths of the events, each with how many times it was written. */
const pathCounts = (db: Db) =>
  new Map((db.prepare('SELECT path, count(*) AS n FROM events GROUP BY path').all() as Array<{ path: string; n: number }>).map((r) => [r.path, r.n]));

function expectEachOnce(db: Db, hits: readonly TrafficHit[]): void {
  const counts = pathCounts(db);
  expect(counts.size).toBe(hits.length);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  for (const h of hits) expect(counts.get(h.path), h.path).toBe(1);
  expect(eventCount(db)).toBe(hits.length);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tick = () => new Promise((r) => setImmediate(r));

/** Everything the collector writes, ids included, in a comparable form. */
function snapshot(db: Db) {
  return {
    visitors: db.prepare('SELECT * FROM visitors ORDER BY id').all(),
    sessions: db.prepare('SELECT * FROM sessions ORDER BY id').all(),
    events: db.prepare('SELECT * FROM events ORDER BY id').all(),
    bots: db.prepare('SELECT org_id, site_id, day, hits FROM bot_counts ORDER BY org_id, site_id, day').all(),
  };
}

/** Per hit, in order: its session and, when it opened one, its visitor (what `session-started` is made of). */
const outcomes = (w: World) => w.stored.flatMap(({ result }) => result.sessionIds.map((s, i) => [s, result.startedVisitorIds[i]]));

describe('Intake under light traffic', () => {
  it('commits hits straight to their tables: visible as soon as commit returns, nothing in the log', () => {
    const w = world({ logAbove: NEVER });
    const r = w.intake.commit([hit(), hit({ ts: T0 + 5, type: 'engagement', engagedMs: 3_000 }), hit({ ts: T0 + 9, url: 'https://example.com/b' })], true);
    expect(r.sessionIds[0]).toBeGreaterThan(0);
    expect(r.sessionIds).toEqual([r.sessionIds[0], r.sessionIds[0], r.sessionIds[0]]);
    expect(r.startedVisitorIds[0]).toBeGreaterThan(0);
    expect(r.startedVisitorIds.slice(1)).toEqual([0, 0]);
    expect(eventCount(w.db)).toBe(3);
    expect(w.db.prepare('SELECT pageviews, engaged_ms, last_seen_at FROM sessions').all()).toEqual([{ pageviews: 2, engaged_ms: 3_000, last_seen_at: T0 + 9 }]);
    expect(logRows(w.db)).toBe(0);
    w.intake.commit([bot()], true);
    expect(count(w.db, 'SELECT hits FROM bot_counts')).toBe(1);
    expect(w.intake.stats).toEqual({ direct: 4, logged: 0, expanded: 0, slices: 0 });
    expect(w.intake.pending).toEqual({ hits: 0, lagMs: 0 });
    // The listener heard of each batch with the same result the caller got.
    expect(w.stored).toHaveLength(2);
    expect(w.stored[0]!.result).toBe(r);
  });
});

describe('Intake under load', () => {
  it('appends to the log, returns no session yet, and writes the events only when the log is expanded', () => {
    const w = world({ logAbove: 0 });
    const batches = [numbered(3, 0), numbered(4, 3), [bot(), ...numbered(2, 7)]];
    for (const b of batches) {
      const r = w.intake.commit(b, true);
      expect(r.sessionIds).toEqual(new Array(b.length).fill(0));
      expect(r.startedVisitorIds).toEqual(new Array(b.length).fill(0));
    }
    expect(eventCount(w.db)).toBe(0);
    expect(count(w.db, 'SELECT count(*) FROM sessions')).toBe(0);
    expect(count(w.db, 'SELECT count(*) FROM bot_counts')).toBe(0);
    expect(logRows(w.db)).toBe(3); // one row per batch
    expect(w.log.count()).toBe(10);
    expect(w.intake.pending.hits).toBe(10);
    expect(w.intake.stats).toEqual({ direct: 0, logged: 10, expanded: 0, slices: 0 });
    expect(w.stored).toHaveLength(0);

    expect(w.intake.drain()).toBe(0);
    expectEachOnce(w.db, numbered(9));
    expect(count(w.db, 'SELECT hits FROM bot_counts')).toBe(1);
    expect(count(w.db, 'SELECT count(*) FROM visitors')).toBe(7);
    expect(logRows(w.db)).toBe(0);
    expect(w.intake.pending).toEqual({ hits: 0, lagMs: 0 });
    expect(w.intake.stats).toMatchObject({ direct: 0, logged: 10, expanded: 10 });
    expect(w.intake.stats.slices).toBeGreaterThanOrEqual(1);
    // The expansion told the listener which hits opened sessions (for identification).
    const started = w.stored.flatMap(({ hits, result }) => hits.filter((_, i) => result.startedVisitorIds[i]).map((h) => (h as TrafficHit).visitorKey));
    expect(started.sort()).toEqual(['h:v0', 'h:v1', 'h:v2', 'h:v3', 'h:v4', 'h:v5', 'h:v6']);
  });

  it('goes to the log once a window holds more hits than the threshold, and expands it on its own', async () => {
    let now = 10_000;
    const w = world({ logAbove: 10, monotonic: () => now }); // 10 hits/s: 5 per half-second window
    w.intake.commit(numbered(5, 0), true); // 5 in the window: not above
    expect(w.intake.stats).toMatchObject({ direct: 5, logged: 0 });
    expect(eventCount(w.db)).toBe(5);
    w.intake.commit(numbered(2, 5), true); // 7 in the window: above
    expect(w.intake.stats).toMatchObject({ direct: 5, logged: 2 });
    expect(eventCount(w.db)).toBe(5);
    expect(w.intake.pending.hits).toBe(2);
    now += 250;
    expect(w.intake.pending.lagMs).toBe(250);
    // The scheduled expansion catches up without anyone calling drain.
    await vi.waitFor(() => expect(w.intake.pending.hits).toBe(0), { timeout: 10_000 });
    expectEachOnce(w.db, numbered(7));
    expect(logRows(w.db)).toBe(0);
    expect(w.intake.stats).toMatchObject({ expanded: 2 });
    // Quiet again (two windows later, nothing in the log): straight to the tables.
    now += 2_000;
    w.intake.commit(numbered(1, 7), true);
    expect(w.intake.stats).toMatchObject({ direct: 6, logged: 2 });
    expect(eventCount(w.db)).toBe(8);
  });

  it('stays under load for the window after a busy one', () => {
    let now = 10_000;
    const w = world({ logAbove: 10, monotonic: () => now });
    w.intake.commit(numbered(6, 0), true); // busy window
    expect(w.intake.drain()).toBe(0);
    now += 600; // the next window: the previous one was busy
    w.intake.commit(numbered(1, 6), true);
    expect(w.intake.stats).toMatchObject({ direct: 0, logged: 7 });
    expect(w.intake.drain()).toBe(0);
    now += 1_100; // more than two windows after the busy one
    w.intake.commit(numbered(1, 7), true);
    expect(w.intake.stats).toMatchObject({ direct: 1, logged: 7 });
    expectEachOnce(w.db, numbered(8));
  });
});

describe('Intake keeps hits in order', () => {
  it('sends light hits to the log while older ones wait there, so a later pageview joins the same session', () => {
    let now = 10_000;
    const w = world({ logAbove: 10, monotonic: () => now });
    const burst = Array.from({ length: 8 }, (_, i) => hit({ visitorKey: `h:burst-${i}`, url: `https://example.com/burst/${i}`, ts: T0 + i }));
    const landing = hit({ visitorKey: 'h:reader', url: 'https://example.com/?utm_source=linkedin', ts: T0 + 10 });
    w.intake.commit([...burst, landing], false);
    expect(w.intake.stats.logged).toBe(9);
    now += 5_000; // load is over: the window is quiet...
    const next = w.intake.commit([hit({ visitorKey: 'h:reader', url: 'https://example.com/pricing', ts: T0 + 20 * MIN })], true);
    // ...but the log still holds older hits: this one queues behind them instead of jumping ahead.
    expect(next.sessionIds).toEqual([0]);
    expect(w.intake.stats).toMatchObject({ direct: 0, logged: 10 });
    expect(count(w.db, `SELECT count(*) FROM events WHERE path = '/pricing'`)).toBe(0);
    expect(w.intake.drain()).toBe(0);
    w.store.syncCounters();
    const reader = w.db.prepare(
      `SELECT s.id, s.pageviews, s.entry_url, s.utm_source, s.started_at, s.last_seen_at FROM sessions s JOIN visitors v ON v.id = s.visitor_id WHERE v.key = 'h:reader'`,
    ).all();
    expect(reader).toEqual([
      { id: expect.any(Number), pageviews: 2, entry_url: 'https://example.com/?utm_source=linkedin', utm_source: 'linkedin', started_at: T0 + 10, last_seen_at: T0 + 20 * MIN },
    ]);
    const ids = w.db.prepare(`SELECT path FROM events ORDER BY id`).pluck().all();
    expect(ids).toEqual([...burst.map((h) => h.path), '/', '/pricing']);
    // The log is empty and the load gone: straight to the tables again.
    now += 5_000;
    const after = w.intake.commit([hit({ visitorKey: 'h:reader', url: 'https://example.com/contact', ts: T0 + 21 * MIN })], true);
    expect(after.sessionIds).toEqual([(reader[0] as { id: number }).id]);
    expect(w.intake.stats).toMatchObject({ direct: 1, logged: 10 });
  });
});

/** A seeded pseudo-random generator (mulberry32): the same traffic on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A morning of traffic on two organisations' sites, in arrival order: visitors coming back after
 * the 30-minute idle gap, engagement pings (some arriving after their session went idle), custom
 * events opening sessions, campaigns and click ids on landing URLs, consent given halfway through
 * a visit (with the browser's cookieless key), consented visitors, bots; then cut into batches of
 * 1 to 6 hits as the group-commit writer would.
 */
function morning(): Hit[][] {
  const rnd = random(20260115);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const hits: Hit[] = [];
  const sites = [
    { orgId: 'org_a', siteId: 'site_a', host: 'example.com' },
    { orgId: 'org_b', siteId: 'site_b', host: 'exemple.fr' },
  ];
  const landings = ['/?utm_source=linkedin&utm_medium=social&utm_campaign=salon', '/offre?gclid=G-1&utm_term=capteurs', '/', '/blog/été', '/?fbclid=F1&li_fat_id=L1', '/tarifs?msclkid=M9'];
  const pages = ['/pricing', '/contact', '/docs/a', '/blog/x?utm_source=ignored', '/café'];
  for (let v = 0; v < 60; v++) {
    const site = sites[v % 2]!;
    const key = v % 10 === 3 ? `c:consented-${v}` : `h:gen-${v}`;
    let ts = T0 + Math.floor(rnd() * 60 * MIN);
    const n = 10 + Math.floor(rnd() * 50);
    let pageviewsInSession = 0;
    for (let k = 0; k < n; k++) {
      const r = rnd();
      const gap = r < 0.08 ? SESSION_IDLE_MS + 1 + Math.floor(rnd() * 20 * MIN) : Math.floor(rnd() * 4 * MIN);
      if (gap > SESSION_IDLE_MS) pageviewsInSession = 0;
      ts += gap;
      const kind = rnd();
      const base = { orgId: site.orgId, siteId: site.siteId, visitorKey: key, ts, ipPrefix: `198.51.${v}.0/24`, screen: 1000 + v, language: v % 3 ? 'fr-FR' : null };
      if (kind < 0.15) {
        hits.push(hit({ ...base, type: 'engagement', engagedMs: Math.floor(rnd() * 60_000), url: `https://${site.host}${pick(pages)}` }));
      } else if (kind < 0.25) {
        hits.push(hit({ ...base, type: 'event', name: pick(['signup', 'download', 'téléchargement']), props: JSON.stringify({ k, v }), url: `https://${site.host}${pick(landings)}` }));
      } else {
        const url = `https://${site.host}${pageviewsInSession === 0 ? pick(landings) : pick(pages)}`;
        hits.push(hit({ ...base, url, title: rnd() < 0.5 ? `Page ${k} — « ${v} »` : null, referrer: rnd() < 0.3 ? 'https://www.google.com/search?q=x' : null }));
        pageviewsInSession++;
      }
      if (rnd() < 0.05) hits.push(bot({ orgId: site.orgId, siteId: site.siteId, ts: ts + 1 }));
    }
  }
  // A visit whose consent comes halfway: cookieless landing with a campaign, then the banner is accepted.
  const c = { orgId: 'org_a', siteId: 'site_a', ipPrefix: '192.0.2.0/24' };
  hits.push(
    hit({ ...c, visitorKey: 'h:browser-x', ts: T0 + 30 * MIN, url: 'https://example.com/?utm_source=newsletter&utm_campaign=janvier', referrer: 'https://mail.example.org/' }),
    hit({ ...c, visitorKey: 'h:browser-x', ts: T0 + 31 * MIN, type: 'engagement', engagedMs: 41_000, url: 'https://example.com/' }),
    hit({ ...c, visitorKey: 'c:consent-x', hashKey: 'h:browser-x', ts: T0 + 31 * MIN + 1, url: 'https://example.com/pricing' }),
    hit({ ...c, visitorKey: 'c:consent-x', hashKey: 'h:browser-x', ts: T0 + 33 * MIN, type: 'event', name: 'signup', props: '{"plan":"pro"}', url: 'https://example.com/pricing' }),
    // Consent withdrawn a few minutes later: the cookieless key still finds the visit.
    hit({ ...c, visitorKey: 'h:browser-x', ts: T0 + 35 * MIN, url: 'https://example.com/contact' }),
    // The consented visitor comes back after lunch: a new session, same visitor.
    hit({ ...c, visitorKey: 'c:consent-x', hashKey: 'h:browser-x', ts: T0 + 120 * MIN, url: 'https://example.com/?utm_source=retargeting' }),
    // And the last page's engagement ping arrives after that session went idle.
    hit({ ...c, visitorKey: 'c:consent-x', hashKey: 'h:browser-x', ts: T0 + 160 * MIN, type: 'engagement', engagedMs: 7_000, url: 'https://example.com/' }),
  );
  hits.sort((a, b) => a.ts - b.ts); // arrival order (stable: equal times keep their order)
  const batches: Hit[][] = [];
  for (let i = 0; i < hits.length; ) {
    const size = 1 + Math.floor(rnd() * 6);
    batches.push(hits.slice(i, i + size));
    i += size;
  }
  return batches;
}

describe('Intake: through the log or straight, the same tables', () => {
  const batches = morning();
  const total = batches.reduce((n, b) => n + b.length, 0);

  function straight(): World {
    const w = world({ logAbove: NEVER });
    for (const b of batches) w.intake.commit(b, true);
    expect(w.intake.stats).toEqual({ direct: total, logged: 0, expanded: 0, slices: 0 });
    expect(w.store.hasUnsyncedCounters).toBe(false);
    return w;
  }

  it('has a morning of traffic worth comparing', () => {
    const w = straight();
    const s = snapshot(w.db);
    expect(total).toBeGreaterThan(EXPAND_SLICE * 1.5); // several slices when expanded while serving
    expect(s.sessions.length).toBeGreaterThan(100);
    expect((s.sessions as Array<{ utm_source: string | null }>).filter((r) => r.utm_source).length).toBeGreaterThan(10);
    expect((s.sessions as Array<{ gclid: string | null }>).filter((r) => r.gclid).length).toBeGreaterThan(3);
    expect((s.visitors as Array<{ kind: string }>).filter((r) => r.kind === 'consent').length).toBe(7);
    expect(s.bots.length).toBe(2);
    // The consent given halfway carried the visit on: one visitor, its campaign kept, two sessions.
    const x = w.db.prepare(
      `SELECT s.pageviews, s.engaged_ms, s.utm_source, s.entry_url FROM sessions s JOIN visitors v ON v.id = s.visitor_id WHERE v.key = 'c:consent-x' ORDER BY s.id`,
    ).all();
    expect(x).toEqual([
      { pageviews: 3, engaged_ms: 41_000, utm_source: 'newsletter', entry_url: 'https://example.com/?utm_source=newsletter&utm_campaign=janvier' },
      { pageviews: 1, engaged_ms: 7_000, utm_source: 'retargeting', entry_url: 'https://example.com/?utm_source=retargeting' },
    ]);
  });

  it('drained at once (recovery, shutdown): identical rows, ids included, and the same session announcements', () => {
    const a = straight();
    const b = world({ logAbove: 0 });
    for (const batch of batches) b.intake.commit(batch, true);
    expect(eventCount(b.db)).toBe(0);
    expect(b.intake.drain()).toBe(0);
    if (b.store.hasUnsyncedCounters) b.store.syncCounters(); // the collector's counter timer
    expect(b.intake.stats).toMatchObject({ direct: 0, logged: total, expanded: total });
    expect(logRows(b.db)).toBe(0);
    expect(snapshot(b.db)).toEqual(snapshot(a.db));
    expect(outcomes(b)).toEqual(outcomes(a));
  });

  it('expanded slice by slice while hits keep arriving: identical rows and announcements', async () => {
    const a = straight();
    const b = world({ logAbove: 0 });
    for (let i = 0; i < batches.length; i++) {
      b.intake.commit(batches[i]!, true);
      if (i % 50 === 49) await tick(); // the scheduled expansion runs between requests
    }
    await vi.waitFor(() => expect(b.intake.pending.hits).toBe(0), { timeout: 20_000, interval: 20 });
    if (b.store.hasUnsyncedCounters) b.store.syncCounters();
    expect(b.intake.stats).toMatchObject({ direct: 0, logged: total, expanded: total });
    expect(b.intake.stats.slices).toBeGreaterThan(1);
    expect(logRows(b.db)).toBe(0);
    expect(snapshot(b.db)).toEqual(snapshot(a.db));
    expect(outcomes(b)).toEqual(outcomes(a));
  }, 30_000);

  it('switching between straight writes and the log as bursts come and go: identical rows and announcements', async () => {
    const a = straight();
    let now = 10_000;
    const b = world({ logAbove: 10, monotonic: () => now }); // 5 hits per half-second window
    for (let i = 0; i < batches.length; i++) {
      const burst = Math.floor(i / 40) % 2 === 1;
      now += burst ? 1 : 1_000; // calm: each batch alone in its window; burst: many batches per window
      b.intake.commit(batches[i]!, true);
      if (i % 3 === 0) await tick();
    }
    await vi.waitFor(() => expect(b.intake.pending.hits).toBe(0), { timeout: 20_000, interval: 20 });
    if (b.store.hasUnsyncedCounters) b.store.syncCounters();
    expect(b.intake.stats.direct).toBeGreaterThan(100);
    expect(b.intake.stats.logged).toBeGreaterThan(100);
    expect(b.intake.stats.direct + b.intake.stats.logged).toBe(total);
    expect(b.intake.stats.expanded).toBe(b.intake.stats.logged);
    expect(snapshot(b.db)).toEqual(snapshot(a.db));
    expect(outcomes(b)).toEqual(outcomes(a));
  }, 30_000);
});

describe('Intake: consent and memory across slices (through the log or straight, the same visit)', () => {
  const sessionsOf = (db: Db, key: string) =>
    db.prepare(`SELECT s.id, s.pageviews, s.engaged_ms FROM sessions s JOIN visitors v ON v.id = s.visitor_id WHERE v.key = ? ORDER BY s.id`).all(key);

  it('a consented visitor forgotten from memory between slices keeps its session pageviews when its late engagement ping is expanded', async () => {
    // Three batches expanded in three slices, under load, within the second that session counters wait for.
    const batches: Hit[][] = [
      [hit({ visitorKey: 'c:returning', url: 'https://example.com/?utm_source=linkedin' })],
      [hit({ visitorKey: 'h:someone-else', ts: T0 + 31 * MIN })], // its slice forgets the idle consented visitor
      [hit({ visitorKey: 'c:returning', ts: T0 + 32 * MIN, type: 'engagement', engagedMs: 5_000 })], // the landing page's ping, after the session went idle
    ];
    const a = world({ logAbove: NEVER });
    for (const b of batches) a.intake.commit(b, true);
    expect(sessionsOf(a.db, 'c:returning')).toEqual([{ id: 1, pageviews: 1, engaged_ms: 5_000 }]);

    const b = world({ logAbove: 0, monotonic: () => 10_000, storeMonotonic: () => 0 });
    for (const batch of batches) {
      b.intake.commit(batch, false);
      await vi.waitFor(() => expect(b.intake.pending.hits).toBe(0), { timeout: 5_000 });
    }
    expect(b.intake.stats).toMatchObject({ logged: 3, expanded: 3, slices: 3 });
    b.store.syncCounters();
    // One pageview event in the session: its counter must say 1, as it does when written straight.
    expect(count(b.db, `SELECT count(*) FROM events WHERE session_id = 1 AND type = 'pageview'`)).toBe(1);
    expect(sessionsOf(b.db, 'c:returning')).toEqual([{ id: 1, pageviews: 1, engaged_ms: 5_000 }]);
    expect(snapshot(b.db)).toEqual(snapshot(a.db));
  });

  it('consent withdrawn more than 30 minutes after it was given, the visit going on: the same session straight or through the log', () => {
    const batches: Hit[][] = [
      [hit({ visitorKey: 'h:browser', url: 'https://example.com/?utm_source=newsletter' })],
      [hit({ visitorKey: 'c:given', hashKey: 'h:browser', ts: T0 + 1 * MIN, url: 'https://example.com/pricing' })],
      [hit({ visitorKey: 'c:given', hashKey: 'h:browser', ts: T0 + 20 * MIN, url: 'https://example.com/docs' })],
      [hit({ visitorKey: 'c:given', hashKey: 'h:browser', ts: T0 + 40 * MIN, url: 'https://example.com/contact' })],
      // Consent withdrawn: the hit carries the cookieless key only, 5 minutes after the last page.
      [hit({ visitorKey: 'h:browser', ts: T0 + 45 * MIN, url: 'https://example.com/merci' })],
    ];
    const a = world({ logAbove: NEVER });
    for (const batch of batches) a.intake.commit(batch, true);
    const b = world({ logAbove: 0 });
    for (const batch of batches) b.intake.commit(batch, true);
    expect(b.intake.drain()).toBe(0);
    if (b.store.hasUnsyncedCounters) b.store.syncCounters();
    // The visit never paused for 30 minutes: one session of five pageviews, whichever way it was written.
    expect(sessionsOf(b.db, 'c:given')).toEqual([{ id: 1, pageviews: 5, engaged_ms: 0 }]);
    expect(sessionsOf(a.db, 'c:given')).toEqual([{ id: 1, pageviews: 5, engaged_ms: 0 }]);
    expect(snapshot(b.db)).toEqual(snapshot(a.db));
  });
});

describe('Intake after a crash', () => {
  it('finds the acknowledged backlog at start and expands each hit exactly once', () => {
    const file = tempFile();
    const first = world({ logAbove: 0, file });
    const hits = numbered(120);
    for (let i = 0; i < hits.length; i += 20) first.intake.commit(hits.slice(i, i + 20), false);
    expect(first.intake.pending.hits).toBe(120);
    first.intake.cancel();
    first.db.close(); // killed before any expansion

    const second = world({ logAbove: NEVER, file, now: T0 + 3 * MIN });
    expect(second.intake.pending.hits).toBe(120);
    expect(eventCount(second.db)).toBe(0);
    expect(second.intake.drain()).toBe(0);
    expectEachOnce(second.db, hits);
    expect(logRows(second.db)).toBe(0);
    expect(count(second.db, 'SELECT count(*) FROM visitors')).toBe(7);
    expect(count(second.db, 'SELECT sum(pageviews) FROM sessions')).toBe(120);
    expect(second.intake.stats).toMatchObject({ direct: 0, logged: 0, expanded: 120 });
    second.db.close();

    const third = world({ logAbove: NEVER, file, now: T0 + 4 * MIN });
    expect(third.intake.pending).toEqual({ hits: 0, lagMs: 0 });
    expect(third.intake.drain()).toBe(0);
    expect(third.intake.stats.expanded).toBe(0);
    expectEachOnce(third.db, hits);
    // Back to light traffic: straight to the tables, the recovered visitors' sessions go on.
    third.intake.commit([hit({ url: 'https://example.com/n/after', visitorKey: 'h:v0', ts: T0 + 4 * MIN })], true);
    expect(count(third.db, 'SELECT count(*) FROM sessions')).toBe(7);
  });

  it('after a crash halfway through the expansion, expands the rest once: nothing twice, nothing lost', async () => {
    const file = tempFile();
    let now = 10_000;
    // Each slice "takes" 300 ms of the clock, under load: the next one waits 2.7 s of real time.
    const first = world({ logAbove: 0, file, monotonic: () => now, onStored: () => (now += 300) });
    const hits = numbered(2_500);
    for (let i = 0; i < hits.length; i += 100) first.intake.commit(hits.slice(i, i + 100), false);
    await vi.waitFor(() => expect(first.intake.stats.slices).toBe(1), { timeout: 10_000 });
    expect(first.intake.pending.hits).toBe(2_500 - EXPAND_SLICE);
    expect(eventCount(first.db)).toBe(EXPAND_SLICE);
    first.intake.cancel();
    first.db.close(); // killed between two slices

    const second = world({ logAbove: NEVER, file, now: T0 + 60 * MIN });
    expect(second.intake.pending.hits).toBe(2_500 - EXPAND_SLICE);
    expect(second.intake.drain()).toBe(0);
    expectEachOnce(second.db, hits);
    expect(logRows(second.db)).toBe(0);
    expect(count(second.db, 'SELECT sum(pageviews) FROM sessions')).toBe(2_500);
  });
});

const BOOM = `CREATE TEMP TRIGGER boom BEFORE INSERT ON main.events BEGIN SELECT RAISE(ABORT, 'disk full'); END`;

describe('Intake when a slice cannot be written', () => {
  it('keeps every hit in the log, says so, and retries on its own until the slice goes through, each hit once', async () => {
    const w = world({ logAbove: 0 });
    w.db.exec(BOOM);
    const hits = numbered(30);
    for (let i = 0; i < 30; i += 10) w.intake.commit(hits.slice(i, i + 10), true);
    await vi.waitFor(() => expect(w.failures.length).toBeGreaterThanOrEqual(1), { timeout: 5_000 });
    expect(String(w.failures[0])).toMatch(/disk full/);
    expect(eventCount(w.db)).toBe(0);
    expect(count(w.db, 'SELECT count(*) FROM sessions')).toBe(0);
    expect(count(w.db, 'SELECT count(*) FROM visitors')).toBe(0);
    expect(logRows(w.db)).toBe(3);
    expect(w.log.count()).toBe(30);
    expect(w.intake.pending.hits).toBe(30);
    expect(w.intake.stats).toMatchObject({ expanded: 0, slices: 0 });
    expect(w.stored).toHaveLength(0);

    w.db.exec('DROP TRIGGER boom');
    await vi.waitFor(() => expect(w.intake.pending.hits).toBe(0), { timeout: 15_000, interval: 50 });
    expectEachOnce(w.db, hits);
    expect(logRows(w.db)).toBe(0);
    expect(count(w.db, 'SELECT count(*) FROM visitors')).toBe(7); // no half-written visitor left from the failed tries
    expect(count(w.db, 'SELECT count(*) FROM sessions')).toBe(7);
    expect(w.intake.stats).toMatchObject({ expanded: 30 });
    expect(w.stored.reduce((n, s) => n + s.hits.length, 0)).toBe(30);
  }, 30_000);

  it('drain throws and keeps the log whole; once writable again, drain writes each hit once', () => {
    const w = world({ logAbove: 0 });
    const hits = numbered(40);
    for (let i = 0; i < 40; i += 8) w.intake.commit(hits.slice(i, i + 8), true);
    w.db.exec(BOOM);
    expect(() => w.intake.drain()).toThrow(/disk full/);
    expect(() => w.intake.drain()).toThrow(/disk full/);
    expect(eventCount(w.db)).toBe(0);
    expect(w.log.count()).toBe(40);
    expect(w.intake.pending.hits).toBe(40);
    w.db.exec('DROP TRIGGER boom');
    expect(w.intake.drain()).toBe(0);
    expectEachOnce(w.db, hits);
    expect(logRows(w.db)).toBe(0);
    w.store.syncCounters();
    expect(count(w.db, 'SELECT sum(pageviews) FROM sessions')).toBe(40);
    expect(count(w.db, 'SELECT count(*) FROM sessions')).toBe(7);
  });
});

describe('Intake with a damaged row in the log', () => {
  const junk = (db: Db, hits: number, batch: string) => db.prepare('INSERT INTO hit_log (hits, batch) VALUES (?, ?)').run(hits, batch);

  it('drops an unreadable row with an error and expands the good hits on either side of it', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const w = world({ logAbove: 0 });
    const before = numbered(5, 0);
    const after = numbered(5, 5);
    w.intake.commit(before, true);
    const { lastInsertRowid } = junk(w.db, 4, '[[1,"org_a","site_a",17');
    w.intake.commit(after, true);
    expect(w.intake.drain()).toBe(0);
    expectEachOnce(w.db, [...before, ...after]);
    expect(logRows(w.db)).toBe(0);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining(`intake log row ${lastInsertRowid} is unreadable; dropped`));
    expect(w.intake.pending).toEqual({ hits: 0, lagMs: 0 });
  });

  it('drops unreadable rows found at start (not JSON, wrong version, wrong arity) and recovers the rest', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const file = tempFile();
    const db = open(file);
    const hits = numbered(9);
    const log = hitLogStatements(db);
    log.append(hits.slice(0, 3));
    junk(db, 2, 'not json');
    log.append(hits.slice(3, 6));
    junk(db, 1, JSON.stringify([[7, 'org_a', 'site_a', T0]]));
    junk(db, 1, JSON.stringify([[1, 'org_a', 'site_a', T0, 'h:x']]));
    log.append(hits.slice(6, 9));
    db.close();

    const w = world({ logAbove: NEVER, file });
    expect(w.intake.pending.hits).toBe(13); // as the rows claim
    expect(w.intake.drain()).toBe(0);
    expectEachOnce(w.db, hits);
    expect(logRows(w.db)).toBe(0);
    expect(errors.mock.calls.filter(([m]) => String(m).includes('is unreadable; dropped'))).toHaveLength(3);
    // And the log is done with: light traffic goes straight to the tables again.
    w.intake.commit([hit({ url: 'https://example.com/later', visitorKey: 'h:v1', ts: T0 + 10 * MIN })], true);
    expect(w.intake.stats.direct).toBe(1);
  });

  it('drops a row whose type index is an array property name (not a hit type) rather than letting it block the log', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const w = world({ logAbove: 0 });
    const before = numbered(3, 0);
    const after = numbered(3, 3);
    w.intake.commit(before, true);
    const damaged = JSON.parse(encodeBatch([hit({ url: 'https://example.com/damaged' })])) as unknown[][];
    damaged[0]![6] = 'length';
    junk(w.db, 1, JSON.stringify(damaged));
    w.intake.commit(after, true);
    expect(() => w.intake.drain()).not.toThrow();
    expectEachOnce(w.db, [...before, ...after]);
    expect(logRows(w.db)).toBe(0);
  });
});

describe('Intake shares the event loop under load', () => {
  it('waits after a slice under load (its share of the loop), then catches up once the load is gone', async () => {
    let now = 1_000_000;
    let sliceCost = 300; // each slice "takes" 300 ms of the injected clock: the next waits 9 × that
    const w = world({ logAbove: 10, monotonic: () => now, onStored: () => (now += sliceCost) });
    const hits = numbered(2_500);
    for (let i = 0; i < hits.length; i += 100) w.intake.commit(hits.slice(i, i + 100), false);
    expect(w.intake.stats.logged).toBe(2_500);
    await vi.waitFor(() => expect(w.intake.stats.slices).toBe(1), { timeout: 10_000 });
    await sleep(300);
    // Still under load (same window), the oldest hit 300 ms old: the second slice has not run.
    expect(w.intake.stats.slices).toBe(1);
    expect(w.intake.pending.hits).toBe(2_500 - EXPAND_SLICE);
    expect(eventCount(w.db)).toBe(EXPAND_SLICE);
    // The burst is over: the delayed slice runs, finds no load, and the rest follows at once.
    sliceCost = 0;
    now += 5_000;
    await vi.waitFor(() => expect(w.intake.pending.hits).toBe(0), { timeout: 15_000, interval: 50 });
    expect(w.intake.stats.slices).toBe(3);
    expectEachOnce(w.db, hits);
    expect(logRows(w.db)).toBe(0);
  }, 30_000);

  it('does not wait when the oldest hit has waited longer than MAX_EXPANSION_LAG_MS, even under load', async () => {
    let now = 1_000_000;
    // A slice "costing" 900 ms under load would make the next one wait 8.1 s if expansion yielded.
    const w = world({ logAbove: 10, monotonic: () => now, onStored: () => (now += 900) });
    const hits = numbered(2_510);
    for (let i = 0; i < 2_500; i += 100) w.intake.commit(hits.slice(i, i + 100), false);
    now += MAX_EXPANSION_LAG_MS + 1_000; // before any expansion ran, the load goes on for 31 s
    w.intake.commit(hits.slice(2_500), false); // ...and is still on in this window
    expect(w.intake.pending).toEqual({ hits: 2_510, lagMs: MAX_EXPANSION_LAG_MS + 1_000 });
    const started = performance.now();
    await vi.waitFor(() => expect(w.intake.pending.hits).toBe(0), { timeout: 6_000, interval: 20 });
    expect(performance.now() - started).toBeLessThan(8_000);
    expect(w.intake.stats.slices).toBe(3);
    expectEachOnce(w.db, hits);
  }, 30_000);

  it('yields under the same load while the oldest hit is younger than MAX_EXPANSION_LAG_MS', async () => {
    let now = 1_000_000;
    const w = world({ logAbove: 10, monotonic: () => now, onStored: () => (now += 900) });
    const hits = numbered(2_510);
    for (let i = 0; i < 2_500; i += 100) w.intake.commit(hits.slice(i, i + 100), false);
    now += MAX_EXPANSION_LAG_MS - 5_000; // 25 s: under the bound
    w.intake.commit(hits.slice(2_500), false);
    await vi.waitFor(() => expect(w.intake.stats.slices).toBe(1), { timeout: 10_000 });
    await sleep(500);
    expect(w.intake.stats.slices).toBe(1);
    expect(w.intake.pending.hits).toBe(2_510 - EXPAND_SLICE);
  }, 30_000);
});

describe('Intake holds back while what expansion sets off cannot keep up', () => {
  it('expands nothing while holdBack says so, even past the lag bound and with no load, then everything once it clears', async () => {
    let now = 1_000_000;
    let full = true;
    const w = world({ logAbove: 0, monotonic: () => now, holdBack: () => full });
    const hits = numbered(1_200);
    w.intake.commit(hits, false);
    now += MAX_EXPANSION_LAG_MS + 10_000; // the load is long gone and the oldest hit is past the bound
    w.intake.kick();
    await sleep(300);
    expect(w.intake.stats.slices).toBe(0);
    expect(eventCount(w.db)).toBe(0);
    full = false;
    await vi.waitFor(() => expect(w.intake.pending.hits).toBe(0), { timeout: 10_000, interval: 20 });
    expectEachOnce(w.db, hits);
  }, 30_000);

  it('paces the shutdown drain on holdBack: waits while it holds, leaves the rest in the log when the budget runs out', async () => {
    let full = true;
    const w = world({ logAbove: 0, holdBack: () => full });
    const hits = numbered(300);
    w.intake.commit(hits, false);
    expect(await w.intake.drainPaced(150)).toBe(300);
    expect(eventCount(w.db)).toBe(0);
    expect(logRows(w.db)).toBe(1);
    setTimeout(() => (full = false), 100);
    expect(await w.intake.drainPaced(5_000)).toBe(0);
    expectEachOnce(w.db, hits);
    expect(logRows(w.db)).toBe(0);
  }, 30_000);
});
