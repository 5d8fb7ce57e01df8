import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, seedAccount, startTestServer, type SeededAccount, type TestServer } from '../../test/helpers/server.js';
import type { Db } from '../db/open.js';
import type { PageviewsReply, VisitsReply } from '../schemas/overview.js';
import { rollupEvents, rollupLastId, rollupSessions, SESSION_SETTLE_MS } from '../companies/rollups.js';

// A fixed "now": 2025-03-31 12:00 UTC, so that day buckets are predictable.
const NOW = Date.parse('2025-03-31T12:00:00.000Z');

let srv: TestServer;
let acct: SeededAccount;
let other: SeededAccount;
let headers: Record<string, string>;

type Visit = { at: number; paths: string[]; title?: string; referrerHost?: string; utmSource?: string };

/** Inserts one session and its pageviews (one second apart) straight into SQLite. */
function insertVisit(db: Db, a: SeededAccount, v: Visit): void {
  const session = db
    .prepare(
      `INSERT INTO sessions (org_id, site_id, visitor_id, started_at, last_seen_at, entry_url, referrer_host, utm_source, ip_prefix)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?, '203.0.113.0/24')`,
    )
    .run(a.orgId, a.siteId, v.at, v.at, `https://example.com${v.paths[0]}`, v.referrerHost ?? null, v.utmSource ?? null);
  v.paths.forEach((p, i) => {
    db.prepare(
      `INSERT INTO events (org_id, site_id, session_id, type, ts, url, path, title, referrer)
       VALUES (?, ?, ?, 'pageview', ?, ?, ?, ?, ?)`,
    ).run(a.orgId, a.siteId, session.lastInsertRowid, v.at + i * 1000, `https://example.com${p}`, p, v.title ?? null, v.referrerHost ? `https://${v.referrerHost}/` : null);
  });
}

async function get<T>(path: string, h = headers): Promise<{ status: number; body: T }> {
  const res = await fetch(`${srv.url}${path}`, { headers: h });
  return { status: res.status, body: (await res.json()) as T };
}

beforeAll(async () => {
  srv = await startTestServer({ clock: () => NOW });
  acct = await seedAccount(srv.deps);
  other = await seedAccount(srv.deps);
  headers = await login(srv.url, acct.email, acct.password);
  const db = srv.deps.db;
  insertVisit(db, acct, { at: Date.parse('2025-03-30T23:59:59.500Z'), paths: ['/a', '/b'] }); // second pageview on the 31st
  insertVisit(db, acct, { at: Date.parse('2025-03-31T08:00:00.000Z'), paths: ['/pricing'], title: '<img src=x onerror=alert(1)>', referrerHost: 'www.google.com' });
  insertVisit(db, acct, { at: Date.parse('2025-03-31T09:00:00.000Z'), paths: ['/contact'], referrerHost: 'news.ycombinator.com', utmSource: 'newsletter' });
  insertVisit(db, acct, { at: Date.parse('2025-03-01T10:00:00.000Z'), paths: ['/too-old'] });
  insertVisit(db, other, { at: Date.parse('2025-03-31T10:00:00.000Z'), paths: ['/other-org'] });
});
afterAll(() => srv.close());

describe('GET /api/overview/visits', () => {
  it('counts sessions and pageviews per UTC day over the last 30 days, zeros included', async () => {
    const { status, body } = await get<VisitsReply>(`/api/overview/visits?siteId=${acct.siteId}`);
    expect(status).toBe(200);
    expect(body.from).toBe('2025-03-02');
    expect(body.to).toBe('2025-03-31');
    expect(body.days).toHaveLength(30);
    expect(body.days.at(-2)).toEqual({ day: '2025-03-30', sessions: 1, pageviews: 1 });
    expect(body.days.at(-1)).toEqual({ day: '2025-03-31', sessions: 2, pageviews: 3 });
    expect(body.days.slice(0, -2).every((d) => d.sessions === 0 && d.pageviews === 0)).toBe(true);
  });

  it('counts the same from the daily roll-ups as from the raw rows, and adds what came after them', async () => {
    const third = await seedAccount(srv.deps);
    const h = await login(srv.url, third.email, third.password);
    const db = srv.deps.db;
    insertVisit(db, third, { at: Date.parse('2025-03-10T10:00:00.000Z'), paths: ['/a', '/b', '/c'] });
    insertVisit(db, third, { at: Date.parse('2025-03-31T11:00:00.000Z'), paths: ['/d'] });
    const url = '/api/overview/visits?from=2025-03-10&to=2025-03-31';
    const pick = (r: VisitsReply) => r.days.filter((d) => d.sessions || d.pageviews);
    const expected = [{ day: '2025-03-10', sessions: 1, pageviews: 3 }, { day: '2025-03-31', sessions: 1, pageviews: 1 }];
    expect(pick((await get<VisitsReply>(url, h)).body)).toEqual(expected);
    while (rollupEvents(db) > 0);
    while (rollupSessions(db, NOW + SESSION_SETTLE_MS) > 0);
    expect(rollupLastId(db, 'events')).toBeGreaterThan(0);
    expect(pick((await get<VisitsReply>(url, h)).body)).toEqual(expected);
    insertVisit(db, third, { at: Date.parse('2025-03-31T11:30:00.000Z'), paths: ['/e', '/f'] });
    expect(pick((await get<VisitsReply>(url, h)).body)).toEqual([expected[0], { day: '2025-03-31', sessions: 2, pageviews: 3 }]);
  });

  it('honours an explicit inclusive range', async () => {
    const { body } = await get<VisitsReply>(`/api/overview/visits?siteId=${acct.siteId}&from=2025-03-01&to=2025-03-01`);
    expect(body.days).toEqual([{ day: '2025-03-01', sessions: 1, pageviews: 1 }]);
  });

  it('without siteId covers every site of the organisation and no other', async () => {
    const { body } = await get<VisitsReply>('/api/overview/visits');
    expect(body.days.at(-1)).toEqual({ day: '2025-03-31', sessions: 2, pageviews: 3 });
  });

  it.each([
    ['from=2025-13-01', 'from'],
    ['to=yesterday', 'to'],
    ['from=2025-03-10&to=2025-03-01', 'from'],
    ['from=2023-01-01&to=2025-01-01', 'from'],
    [`siteId=${'x'.repeat(65)}`, 'siteId'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const { status, body } = await get<{ error: { field: string } }>(`/api/overview/visits?${query}`);
    expect(status).toBe(400);
    expect(body.error.field).toBe(field);
  });

  it("answers 404 for another organisation's site, exactly as for a missing one", async () => {
    const foreign = await fetch(`${srv.url}/api/overview/visits?siteId=${other.siteId}`, { headers });
    const missing = await fetch(`${srv.url}/api/overview/visits?siteId=site_doesnotexist`, { headers });
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).toBe(await missing.text());
  });

  it('answers 401 without a log-in session', async () => {
    const res = await fetch(`${srv.url}/api/overview/visits`);
    expect(res.status).toBe(401);
  });
});

describe('GET /api/overview/pageviews', () => {
  it('lists the latest pageviews newest first, with visitor text as stored and the session source', async () => {
    const { status, body } = await get<PageviewsReply>(`/api/overview/pageviews?siteId=${acct.siteId}&limit=3`);
    expect(status).toBe(200);
    expect(body.pageviews.map((p) => p.path)).toEqual(['/contact', '/pricing', '/b']);
    expect(body.pageviews[0]).toMatchObject({ source: 'newsletter', url: 'https://example.com/contact', siteId: acct.siteId });
    expect(body.pageviews[1]).toMatchObject({ source: 'www.google.com', title: '<img src=x onerror=alert(1)>', referrer: 'https://www.google.com/' });
    expect(body.pageviews[2]!.source).toBeNull();
  });

  it("never shows another organisation's pageviews", async () => {
    const { body } = await get<PageviewsReply>('/api/overview/pageviews?limit=100');
    expect(body.pageviews.map((p) => p.path)).not.toContain('/other-org');
    expect(body.pageviews).toHaveLength(5);
  });

  it.each([['limit=0'], ['limit=101'], ['limit=ten'], ['limit=1.5']])('answers 400 naming limit for %s', async (query) => {
    const { status, body } = await get<{ error: { field: string } }>(`/api/overview/pageviews?${query}`);
    expect(status).toBe(400);
    expect(body.error.field).toBe('limit');
  });

  it('lists the latest pageviews of a date range, so that the range picker drives the list too', async () => {
    const { body } = await get<PageviewsReply>('/api/overview/pageviews?from=2025-03-01&to=2025-03-30');
    expect(body.pageviews.map((p) => p.path)).toEqual(['/a', '/too-old']);
    const { body: early } = await get<PageviewsReply>('/api/overview/pageviews?to=2025-03-29');
    expect(early.pageviews.map((p) => p.path)).toEqual(['/too-old']);
    const { body: today } = await get<PageviewsReply>('/api/overview/pageviews?from=2025-03-31');
    expect(today.pageviews.map((p) => p.path)).toEqual(['/contact', '/pricing', '/b']);
  });

  it.each([['from=2025-03-31&to=2025-03-01', 'from'], ['from=yesterday', 'from'], ['to=2025-02-30', 'to']])('answers 400 naming the field for %s', async (query, field) => {
    const { status, body } = await get<{ error: { field: string } }>(`/api/overview/pageviews?${query}`);
    expect(status).toBe(400);
    expect(body.error.field).toBe(field);
  });

  it("answers 404 for another organisation's site", async () => {
    const { status } = await get(`/api/overview/pageviews?siteId=${other.siteId}`);
    expect(status).toBe(404);
  });
});
