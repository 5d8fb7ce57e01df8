import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Suite, Figure } from './lib/types.js';
import { createDeps } from '../server/main.js';
import { createApp } from '../server/app.js';
import { testConfig } from '../server/config.js';
import { createOrganisation, createUser } from '../server/orgs/repo.js';
import { hashPassword } from '../server/auth/password.js';
import { newId } from '../server/db/ids.js';
import type { Db } from '../server/db/open.js';
import { moveCompanies } from '../server/segments/moves.js';
import { createList, findListByName } from '../server/segments/lists.js';
import { tempDir } from '../test/helpers/temp.js';

const COMPANIES = 100_000;
const ROWS = 100_000;
const MOVED = 50_000;

/** 100,000 identified companies in prospect-default, inserted in one transaction (setup, not measured). */
function seedCompanies(db: Db, orgId: string): string[] {
  const listId = findListByName(db, orgId, 'prospect-default')!.id;
  const insert = db.prepare('INSERT INTO companies (id, org_id, name, name_key, domain, siren, list_id, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?, 1)');
  const ids: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < COMPANIES; i++) {
      const id = newId('cmp');
      insert.run(id, orgId, `Company ${i}`, `company ${i}`, `company${i}.fr`, listId);
      ids.push(id);
    }
    // An established account's companies are already scored: without this the scoring service
    // would spend the whole benchmark rescoring the 100,000 fresh rows.
    const stats = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'company_stats'").get();
    if (stats) db.prepare('UPDATE company_stats SET dirty = 0 WHERE org_id = ?').run(orgId);
  })();
  return ids;
}

/** Half the rows name a known company (by website, email domain or name), half are new. */
function csv(): string {
  const lines = ['Nom;SIREN;Domaine email;Website'];
  for (let i = 0; i < ROWS; i++) {
    if (i % 2) lines.push(`Prospect ${i};;prospect${i}.fr;https://www.prospect${i}.fr/`);
    else if (i % 3 === 0) lines.push(`Company ${i};;company${i}.fr;`);
    else if (i % 3 === 1) lines.push(`Company ${i};;;www.company${i}.fr`);
    else lines.push(`COMPANY ${i};;;`.replace(';;;', ';;;company-site-unknown.fr'));
  }
  return lines.join('\r\n') + '\r\n';
}

async function login(url: string, email: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ email, password }) });
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': csrfToken };
}

/** Import of a 100,000-row file with retroactive matching against 100,000 companies, over HTTP, then a 50,000-company bulk move. */
export const segmentsSuite: Suite = {
  name: 'segments',
  description: `CSV import of ${ROWS.toLocaleString('en-US')} rows against ${COMPANIES.toLocaleString('en-US')} companies (target ≤ 5 s), bulk move of ${MOVED.toLocaleString('en-US')} (target ≤ 2 s)`,
  async run(): Promise<Figure[]> {
    const tmp = tempDir('vigie-bench-seg-');
    const deps = createDeps(testConfig({ dataDir: tmp.dir, dbPath: path.join(tmp.dir, 'vigie.db'), importQuota: 1_000_000 }));
    const app = createApp(deps);
    const server: ServerType = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const orgId = createOrganisation(deps.db, 'Bench').id;
      createUser(deps.db, orgId, { email: 'bench@example.com', name: 'Bench', passwordHash: await hashPassword('bench password') });
      const ids = seedCompanies(deps.db, orgId);
      const list = createList(deps.db, orgId, 'prospect', 'bench');
      const h = await login(url, 'bench@example.com', 'bench password');
      const body = csv();

      const t0 = performance.now();
      const up = await fetch(`${url}/api/segments/lists/${list.id}/imports?filename=bench.csv`, { method: 'POST', headers: { ...h, 'content-type': 'text/csv' }, body });
      const importId = ((await up.json()) as { import: { id: string } }).import.id;
      let status = 'parsing';
      while (status === 'parsing' || status === 'receiving') {
        await new Promise((r) => setTimeout(r, 25));
        status = ((await (await fetch(`${url}/api/segments/imports/${importId}`, { headers: h })).json()) as { import: { status: string } }).import.status;
      }
      const t1 = performance.now();
      const done = await fetch(`${url}/api/segments/imports/${importId}/confirm`, { method: 'POST', headers: h });
      const report = ((await done.json()) as { import: { report: { matched: number; moved: number; unmatched: number } } }).import.report;
      const t2 = performance.now();

      const target = findListByName(deps.db, orgId, 'prospect-in-pipe')!.id;
      const t3 = performance.now();
      const moved = moveCompanies(deps.db, orgId, ids.slice(0, MOVED), target, { type: 'user', id: null });
      const t4 = performance.now();
      return [
        { name: 'import: upload + parse + preview', value: Math.round(t1 - t0), unit: 'ms' },
        { name: 'import: confirm (match + replace)', value: Math.round(t2 - t1), unit: 'ms', note: `matched ${report.matched}, moved ${report.moved}, unmatched ${report.unmatched}` },
        { name: 'import: end to end', value: Math.round(t2 - t0), unit: 'ms', note: 'target ≤ 5000 ms' },
        { name: 'bulk move', value: Math.round(t4 - t3), unit: 'ms', note: `${moved.moved} companies, target ≤ 2000 ms` },
      ];
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
      await deps.close();
      tmp.cleanup();
    }
  },
};

// `npx tsx bench/segments.ts` runs this suite alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of await segmentsSuite.run()) console.log(`${f.name}: ${f.value} ${f.unit ?? ''}${f.note ? ` (${f.note})` : ''}`);
}
