import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../server/app.js';
import { createDeps } from '../server/main.js';
import { testConfig } from '../server/config.js';
import { openDb } from '../server/db/open.js';
import { newId } from '../server/db/ids.js';
import { hashPassword } from '../server/auth/password.js';
import { createUser } from '../server/orgs/repo.js';
import type { AppDeps } from '../server/deps.js';
import { seed } from '../scripts/seed.js';
import type { Figure, Suite } from './lib/types.js';

const DB_FILE = path.resolve(process.env.VIGIE_BENCH_DB ?? 'data/bench/seed-100k.db');
const COMPANIES = Number(process.env.BENCH_COMPANIES ?? 100_000);
const PAGEVIEWS = Number(process.env.BENCH_PAGEVIEWS ?? 2_000_000);

export type SeededServer = { url: string; headers: Record<string, string>; deps: AppDeps; orgId: string; seedFigure: Figure | null; close: () => Promise<void> };

/** The organisation of the seeded database that holds the generated companies, if it is big enough. */
function seededOrg(file: string): string | null {
  if (!fs.existsSync(file)) return null;
  const db = openDb(file);
  try {
    const org = db.prepare('SELECT org_id, count(*) AS n FROM companies GROUP BY org_id ORDER BY n DESC LIMIT 1').get() as { org_id: string; n: number } | undefined;
    if (!org || org.n < COMPANIES) return null;
    const pageviews = db.prepare("SELECT count(*) FROM events WHERE org_id = ? AND type = 'pageview'").pluck().get(org.org_id) as number;
    return pageviews >= PAGEVIEWS ? org.org_id : null;
  } finally {
    db.close();
  }
}

/**
 * A real server on the seeded database (100,000 companies, 2,000,000 pageviews by default; seeded
 * once with `npm run seed`'s code and kept under data/bench/), logged in as a throw-away user.
 */
export async function openSeededServer(): Promise<SeededServer> {
  let orgId = seededOrg(DB_FILE);
  let seedFigure: Figure | null = null;
  if (!orgId) {
    for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) fs.rmSync(f, { force: true });
    const db = openDb(DB_FILE);
    const t0 = performance.now();
    const r = await seed(db, { companies: COMPANIES, pageviews: PAGEVIEWS, days: 90, seed: 7 });
    db.close();
    orgId = r.orgId;
    seedFigure = { name: 'seed (npm run seed)', value: ((performance.now() - t0) / 1000).toFixed(1), unit: 's', note: `${r.companies} companies, ${r.sessions} sessions, ${r.pageviews} pageviews` };
  }
  const dir = path.dirname(DB_FILE);
  const deps = createDeps(testConfig({ dataDir: dir, dbPath: DB_FILE }));
  const email = `bench-${newId('u').slice(-8).toLowerCase()}@vigie.local`;
  const password = 'bench password 123';
  const user = createUser(deps.db, orgId, { email, name: 'Bench', passwordHash: await hashPassword(password) });
  const app = createApp(deps);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ email, password }) });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    url, deps, orgId, seedFigure,
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      deps.db.prepare('DELETE FROM auth_sessions WHERE user_id = ?').run(user.id);
      deps.db.prepare('DELETE FROM users WHERE id = ?').run(user.id);
      await (deps as AppDeps & { close: () => Promise<void> }).close();
    },
  };
}

/** p50/p95/max of `n` sequential GETs (after a warm-up), in milliseconds. */
export async function latency(url: string, headers: Record<string, string>, n = 200): Promise<{ p50: number; p95: number; max: number; total: number }> {
  let total = 0;
  for (let i = 0; i < 10; i++) await (await fetch(url, { headers })).arrayBuffer();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    const body = (await res.json()) as { total?: number };
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    total = body.total ?? 0;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), max: at(1), total };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** GET /api/companies on the seeded database: the default view, filtered views, a deep page. */
export const companiesSuite: Suite = {
  name: 'companies',
  description: `companies list API on ${COMPANIES.toLocaleString('en-US')} companies / ${PAGEVIEWS.toLocaleString('en-US')} pageviews (sequential requests, p95 target < 100 ms)`,
  async run(): Promise<Figure[]> {
    const s = await openSeededServer();
    try {
      const now = Date.now();
      const views: Array<[string, string, string?]> = [
        ['API default (last visit, 50 rows + count)', '', 'target < 100 ms'],
        ['dashboard default view (score, 50 rows + count)', 'sort=score', 'target < 100 ms'],
        ['filtered: hot, FR, by last visit', 'temperature=hot&country=FR&sort=lastVisit', 'target < 100 ms'],
        ['filtered: page /pricing + LinkedIn', 'path=/pricing&source=linkedin'],
        ['filtered: prospects, past date range', `category=prospect&from=${isoDay(now - 40 * 86_400_000)}&to=${isoDay(now - 20 * 86_400_000)}&scoreMin=20`],
        ['search "nova"', 'q=nova'],
        ['deep page (name, page 1000)', 'sort=name&page=1000'],
      ];
      const figures: Figure[] = s.seedFigure ? [s.seedFigure] : [];
      for (const [name, query, target] of views) {
        const r = await latency(`${s.url}/api/companies?${query}`, s.headers);
        figures.push({ name: `p95 ${name}`, value: r.p95, unit: 'ms', note: `p50 ${r.p50} ms, max ${r.max} ms, ${r.total.toLocaleString('en-US')} matching${target ? `; ${target}` : ''}` });
      }
      const big = s.deps.db.prepare('SELECT company_id FROM company_stats WHERE org_id = ? ORDER BY sessions DESC LIMIT 1').pluck().get(s.orgId) as string;
      const page = await latency(`${s.url}/api/companies/${big}`, s.headers, 50);
      figures.push({ name: 'p95 company page (busiest company)', value: page.p95, unit: 'ms', note: `p50 ${page.p50} ms; score recomputed on read` });
      const live = await latency(`${s.url}/api/companies/live`, s.headers, 100);
      figures.push({ name: 'p95 live indicator', value: live.p95, unit: 'ms', note: `p50 ${live.p50} ms` });
      const facets = await latency(`${s.url}/api/companies/facets`, s.headers, 50);
      figures.push({ name: 'p95 filter values (facets)', value: facets.p95, unit: 'ms', note: `p50 ${facets.p50} ms` });
      const range = `from=${isoDay(now - 29 * 86_400_000)}&to=${isoDay(now)}`;
      const overview = await latency(`${s.url}/api/companies/insights?${range}`, s.headers, 50);
      figures.push({ name: 'p95 Overview figures, 30 days', value: overview.p95, unit: 'ms', note: `p50 ${overview.p50} ms; daily roll-ups` });
      const range90 = `from=${isoDay(now - 89 * 86_400_000)}&to=${isoDay(now)}`;
      const visits = await latency(`${s.url}/api/overview/visits?${range90}`, s.headers, 50);
      figures.push({ name: 'p95 Overview visits chart, 90 days', value: visits.p95, unit: 'ms', note: `p50 ${visits.p50} ms; daily roll-ups + rows since` });
      return figures;
    } finally {
      await s.close();
    }
  },
};
