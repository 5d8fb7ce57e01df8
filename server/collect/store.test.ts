import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/open.js';
import { tempDir } from '../../test/helpers/temp.js';
import type { TrafficHit } from './hit.js';
import { SESSION_IDLE_MS, SYNC_NOW_MAX_BATCH, TrafficStore } from './store.js';

const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

function freshDb(): { db: Db; file: string } {
  const tmp = tempDir();
  const file = path.join(tmp.dir, 'vigie.db');
  const db = openDb(file);
  cleanups.push(() => {
    if (db.open) db.close();
    tmp.cleanup();
  });
  return { db, file };
}

function hit(over: Partial<TrafficHit> = {}): TrafficHit {
  const url = over.url ?? 'https://example.com/';
  return {
    kind: 'traffic', orgId: 'org_a', siteId: 'site_a', visitorKey: 'h:visitor-1', ts: T0, type: 'pageview', url, path: new URL(url).pathname,
    title: null, referrer: null, name: null, props: null, engagedMs: null,
    ipPrefix: '203.0.113.0/24', browser: 'Chrome', os: 'Windows', device: 'desktop', language: 'fr-FR', screen: 1440, ...over,
  };
}

const sessions = (db: Db) =>
  db.prepare('SELECT id, visitor_id, pageviews, engaged_ms, last_seen_at, utm_source FROM sessions ORDER BY id').all() as Array<{
    id: number; visitor_id: number; pageviews: number; engaged_ms: number; last_seen_at: number; utm_source: string | null;
  }>;

describe('TrafficStore', () => {
  it('keeps one session while hits come within 30 minutes, and opens a new one after', () => {
    const { db } = freshDb();
    const store = new TrafficStore(db, T0);
    const a = store.commit([hit(), hit({ ts: T0 + SESSION_IDLE_MS })], true);
    const b = store.commit([hit({ ts: T0 + 2 * SESSION_IDLE_MS + 1 })], true);
    expect(a.sessionIds[0]).toBe(a.sessionIds[1]);
    expect(b.sessionIds[0]).not.toBe(a.sessionIds[0]);
    expect(a.startedVisitorIds[0]).toBeGreaterThan(0);
    expect(a.startedVisitorIds[1]).toBe(0);
    expect(b.startedVisitorIds[0]).toBe(a.startedVisitorIds[0]); // same visitor, new session
  });

  it('gives a late engagement ping to the session of the page it measured, opening none', () => {
    const { db } = freshDb();
    const store = new TrafficStore(db, T0);
    const landing = store.commit([hit({ url: 'https://example.com/?utm_source=linkedin' })], true);
    store.commit([hit({ ts: T0 + 29 * 60_000, url: 'https://example.com/pricing' })], true);
    // The tab stayed open 31 more minutes, then the visitor left: the ping arrives after the session went idle.
    const late = store.commit([hit({ ts: T0 + 60 * 60_000, type: 'engagement', engagedMs: 510, url: 'https://example.com/pricing' })], true);
    expect(late.sessionIds[0]).toBe(landing.sessionIds[0]);
    expect(late.startedVisitorIds[0]).toBe(0); // no new session for identification to look at
    expect(sessions(db)).toEqual([expect.objectContaining({ pageviews: 2, engaged_ms: 510, last_seen_at: T0 + 29 * 60_000, utm_source: 'linkedin' })]);
    // The next pageview does open a new session: the ping did not keep the old one alive.
    const back = store.commit([hit({ ts: T0 + 61 * 60_000 })], true);
    expect(back.sessionIds[0]).not.toBe(landing.sessionIds[0]);
  });

  it('carries the visit on when consent is given halfway: one visitor, one session, the campaign kept', () => {
    const { db } = freshDb();
    const store = new TrafficStore(db, T0);
    const first = store.commit([hit({ url: 'https://example.com/?utm_source=linkedin', visitorKey: 'h:today' })], true);
    // The banner is accepted: hits now carry the consent id, and the browser's cookieless key.
    const consented = store.commit([
      hit({ ts: T0 + 1_000, type: 'engagement', engagedMs: 1_176, visitorKey: 'c:consent-123', hashKey: 'h:today' }),
      hit({ ts: T0 + 1_001, url: 'https://example.com/pricing', visitorKey: 'c:consent-123', hashKey: 'h:today' }),
    ], true);
    expect(consented.sessionIds).toEqual([first.sessionIds[0], first.sessionIds[0]]);
    expect(consented.startedVisitorIds).toEqual([0, 0]);
    expect(db.prepare('SELECT kind, key FROM visitors').all()).toEqual([{ kind: 'consent', key: 'c:consent-123' }]);
    expect(sessions(db)).toEqual([expect.objectContaining({ pageviews: 2, engaged_ms: 1_176, utm_source: 'linkedin' })]);
    // Consent withdrawn the same day: the cookieless key still finds the visit.
    const withdrawn = store.commit([hit({ ts: T0 + 2_000, url: 'https://example.com/contact', visitorKey: 'h:today' })], true);
    expect(withdrawn.sessionIds[0]).toBe(first.sessionIds[0]);
  });

  it('takes the campaign from the first pageview only, even when an event opened the session', () => {
    const { db } = freshDb();
    const store = new TrafficStore(db, T0);
    store.commit([hit({ type: 'event', name: 'x', url: 'https://example.com/?utm_source=ignored-event' })], true);
    store.commit([hit({ ts: T0 + 1, url: 'https://example.com/?utm_source=first' })], true);
    store.commit([hit({ ts: T0 + 2, url: 'https://example.com/?utm_source=second' })], true);
    expect(sessions(db).map((s) => s.utm_source)).toEqual(['first']);
  });

  it('adds engagement to the session and counts pageviews', () => {
    const { db } = freshDb();
    const store = new TrafficStore(db, T0);
    store.commit([hit(), hit({ ts: T0 + 5, type: 'engagement', engagedMs: 4200 }), hit({ ts: T0 + 9 })], true);
    expect(sessions(db)).toEqual([expect.objectContaining({ pageviews: 2, engaged_ms: 4200, last_seen_at: T0 + 9 })]);
  });

  it('defers session counters under load, then writes them all at the next sync', () => {
    const { db } = freshDb();
    let now = 0;
    const store = new TrafficStore(db, T0, () => now);
    store.commit([hit()], true);
    now = 10; // within the sync interval, and the writer is busy: counters wait
    const r = store.commit([hit({ ts: T0 + 1 }), hit({ ts: T0 + 2 })], false);
    expect(r.synced).toBeNull();
    expect(sessions(db)[0]!.pageviews).toBe(1);
    const synced = store.commit([hit({ ts: T0 + 3, visitorKey: 'h:visitor-2' })], true);
    expect(synced.synced).toEqual({ org_a: expect.arrayContaining([1, 2]) });
    expect(sessions(db).map((s) => s.pageviews)).toEqual([3, 1]);
  });

  it('defers the counters of a batch as large as under load even when nothing waits behind it, until syncCounters', () => {
    const { db } = freshDb();
    let now = 0;
    const store = new TrafficStore(db, T0, () => now);
    store.commit([hit()], true);
    now = 10;
    const load = Array.from({ length: SYNC_NOW_MAX_BATCH + 1 }, (_, i) => hit({ ts: T0 + 1 + i, visitorKey: `h:visitor-${i % 3}` }));
    expect(store.commit(load, true).synced).toBeNull();
    expect(store.hasUnsyncedCounters).toBe(true);
    expect(sessions(db).map((s) => s.pageviews)).toEqual([1, 0, 0]);
    expect(store.syncCounters()).toEqual({ org_a: expect.arrayContaining([1, 2, 3]) });
    expect(store.hasUnsyncedCounters).toBe(false);
    expect(sessions(db).map((s) => s.pageviews)).toEqual([4, 3, 3]);
  });

  it('recounts the sessions whose counters were not written before a crash', () => {
    const { db, file } = freshDb();
    let now = 0;
    const store = new TrafficStore(db, T0, () => now);
    store.commit([hit()], true);
    now = 10;
    store.commit([hit({ ts: T0 + 1 }), hit({ ts: T0 + 2, type: 'engagement', engagedMs: 900 })], false);
    db.close(); // the process dies here: events committed, counters not
    const reopened = openDb(file);
    cleanups.push(() => reopened.close());
    new TrafficStore(reopened, T0 + 3);
    expect(sessions(reopened)).toEqual([expect.objectContaining({ pageviews: 2, engaged_ms: 900, last_seen_at: T0 + 2 })]);
  });

  it('finds today\'s visitors and their open session again after a restart', () => {
    const { db, file } = freshDb();
    new TrafficStore(db, T0).commit([hit()], true);
    db.close();
    const reopened = openDb(file);
    cleanups.push(() => reopened.close());
    const r = new TrafficStore(reopened, T0 + 60_000).commit([hit({ ts: T0 + 60_000 })], true);
    expect(r.startedVisitorIds[0]).toBe(0);
    expect(reopened.prepare('SELECT count(*) FROM visitors').pluck().get()).toBe(1);
  });

  it('finds a consented visitor again on another day', () => {
    const { db } = freshDb();
    const store = new TrafficStore(db, T0);
    store.commit([hit({ visitorKey: 'c:consent-id-1' })], true);
    const nextWeek = T0 + 7 * 86_400_000;
    store.commit([hit({ visitorKey: 'h:other', ts: nextWeek })], true); // sweeps memory
    store.commit([hit({ visitorKey: 'c:consent-id-1', ts: nextWeek + 1 })], true);
    expect(sessions(db).map((s) => s.visitor_id)).toEqual([1, 2, 1]);
  });

  it('keeps nothing, in the database or in memory, from a batch that cannot commit', () => {
    const { db } = freshDb();
    const store = new TrafficStore(db, T0);
    store.commit([hit()], true);
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`); // the disk is full
    const many = Array.from({ length: 400 }, (_, i) => hit({ visitorKey: `h:new-${i}`, ts: T0 + 1, title: 'x'.repeat(400) }));
    expect(() => store.commit(many, true)).toThrow(/full/i);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
    db.pragma('max_page_count = 1073741823'); // space again
    const r = store.commit([hit({ visitorKey: 'h:new-0', ts: T0 + 2 })], true);
    expect(r.startedVisitorIds[0]).toBeGreaterThan(0); // a new visitor: the failed batch left no trace in memory
    expect(db.prepare('SELECT count(*) FROM visitors').pluck().get()).toBe(2);
  });

  it('counts bots per site and day without storing a visit', () => {
    const { db } = freshDb();
    const store = new TrafficStore(db, T0);
    const bot = { kind: 'bot' as const, orgId: 'org_a', siteId: 'site_a', ts: T0 };
    store.commit([bot, bot, { ...bot, ts: T0 + 86_400_000 }], true);
    expect(db.prepare('SELECT day, hits FROM bot_counts ORDER BY day').all()).toEqual([
      { day: '2026-01-15', hits: 2 },
      { day: '2026-01-16', hits: 1 },
    ]);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
  });
});
