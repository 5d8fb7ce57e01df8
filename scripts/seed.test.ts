import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestServer, type TestServer } from '../test/helpers/server.js';
import { tempDir } from '../test/helpers/temp.js';
import type { CompanyDetail, CompanyListReply, VisitsReply as CompanyVisitsReply } from '../server/schemas/companies.js';
import type { VisitsReply } from '../server/schemas/overview.js';
import { seed, type SeedResult } from './seed.js';

let srv: TestServer;
let result: SeedResult;
let headers: Record<string, string>;
const now = Date.now();

beforeAll(async () => {
  srv = await startTestServer();
  result = await seed(srv.deps.db, { companies: 300, pageviews: 4000, days: 30, seed: 11, now });
  headers = await login(srv.url, result.login!.email, result.login!.password);
}, 60_000);

afterAll(async () => {
  await srv?.close();
});

const get = async <T>(p: string): Promise<T> => {
  const res = await fetch(srv.url + p, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};

describe('npm run seed', () => {
  it('creates a demo organisation with its own log-in, the companies and exactly the pageviews asked for', async () => {
    expect(result.companies).toBe(300);
    expect(result.pageviews).toBe(4000);
    const list = await get<CompanyListReply>('/api/companies?limit=1');
    expect(list.total).toBe(300);
  });

  it('scores the companies on a spread of temperatures, like a real site', async () => {
    const count = async (temp: string) => (await get<CompanyListReply>(`/api/companies?temperature=${temp}&hidden=include&limit=1`)).total;
    const [hot, warm, cold] = [await count('hot'), await count('warm'), await count('cold')];
    expect(hot + warm + cold).toBe(300);
    for (const n of [hot, warm, cold]) expect(n).toBeGreaterThan(0);
    expect(cold).toBeGreaterThan(hot);
  });

  it('puts no visit in the future, even for the sessions live right now', async () => {
    const latest = await get<CompanyListReply>('/api/companies?sort=lastVisit&limit=20');
    expect(latest.companies[0]!.lastVisitAt).not.toBeNull();
    for (const c of latest.companies) expect(c.lastVisitAt!).toBeLessThanOrEqual(now);
    const maxTs = srv.deps.db.prepare('SELECT max(ts) FROM events WHERE org_id = ?').pluck().get(result.orgId) as number;
    expect(maxTs).toBeLessThanOrEqual(now);
  });

  it('identifies each company at its first visit: first seen, evidence and audit row agree with its visits', async () => {
    const list = await get<CompanyListReply>('/api/companies?sort=visits&limit=3');
    for (const row of list.companies) {
      const detail = await get<CompanyDetail>(`/api/companies/${row.id}`);
      const { visits } = await get<CompanyVisitsReply>(`/api/companies/${row.id}/visits?limit=100`);
      const firstVisit = Math.min(...visits.map((v) => v.startedAt));
      expect(detail.company.firstSeenAt).toBe(firstVisit);
      expect(detail.stats.firstVisitAt).toBe(firstVisit);
      expect(detail.evidence[0]!.seenAt).toBe(firstVisit);
      expect(detail.moves.at(-1)!.at).toBe(firstVisit);
    }
  });

  it('spreads the pageviews over the days asked for, as the Overview counts them', async () => {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    // A session started 30 days ago at midnight may be pushed a little earlier: a 32-day window holds them all.
    const visits = await get<VisitsReply>(`/api/overview/visits?from=${day(now - 32 * 86_400_000)}&to=${day(now)}`);
    expect(visits.days.reduce((a, d) => a + d.pageviews, 0)).toBe(4000);
    expect(visits.days.filter((d) => d.pageviews > 0).length).toBeGreaterThan(20);
  });

  it('rejects a bad option with a one-line message and exit code 1', () => {
    const tmp = tempDir();
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--companies', 'lots', '--db', path.join(tmp.dir, 'x.db')], { encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('--companies must be an integer');
    } finally {
      tmp.cleanup();
    }
  });
});
