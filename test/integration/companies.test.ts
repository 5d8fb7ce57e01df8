import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, seedAccount, startTestServer, type SeededAccount, type TestServer } from '../helpers/server.js';
import { scoringFor } from '../../server/scoring/service.js';
import type { CompanyDetail, CompanyListReply, FacetsReply, LiveReply, SavedView, VisitsReply } from '../../server/schemas/companies.js';
import { company, DAY, putInList, visit } from './companies-fixtures.js';
import { recordCompanyEvidence } from '../../server/companies/repo.js';

const now = Date.parse('2025-06-15T12:00:00Z');
let srv: TestServer;
let acct: SeededAccount;
let h: Record<string, string>;
const ids: Record<string, string> = {};

const list = async (query: string) => {
  const res = await fetch(`${srv.url}/api/companies?${query}`, { headers: h });
  return { status: res.status, body: (await res.json()) as CompanyListReply & { error?: { field: string } } };
};
const names = async (query: string) => (await list(query)).body.companies.map((c) => c.name);
const post = (path: string, body: unknown) => fetch(`${srv.url}${path}`, { method: 'POST', headers: h, body: JSON.stringify(body) });

beforeAll(async () => {
  srv = await startTestServer({ clock: () => now });
  acct = await seedAccount(srv.deps);
  h = await login(srv.url, acct.email, acct.password);
  const { db } = srv.deps;
  const o = acct.orgId;
  const s = acct.siteId;
  // Alpha: hot French prospect from LinkedIn that read the pricing page this week.
  ids.alpha = company(db, o, { name: 'Alpha Conseil', domain: 'alpha-conseil.fr', country: 'FR', confidence: 0.9 }, now);
  visit(db, o, s, { at: now - 1 * DAY, paths: ['/', '/pricing', '/pricing/pme'], companyId: ids.alpha, utmSource: 'LinkedIn', engagedMs: 400_000 });
  visit(db, o, s, { at: now - 4 * DAY, paths: ['/blog/a', '/demo'], companyId: ids.alpha, utmSource: 'linkedin', engagedMs: 200_000 });
  // Beta: German company, Google, one visit 40 days ago.
  ids.beta = company(db, o, { name: 'Beta GmbH', domain: 'beta.de', country: 'DE', confidence: 0.6 }, now);
  visit(db, o, s, { at: now - 40 * DAY, paths: ['/', '/about'], companyId: ids.beta, referrerHost: 'www.google.com', country: 'DE' });
  // Gamma: customer with many visits, direct.
  ids.gamma = company(db, o, { name: 'Gamma Industries', domain: 'gamma.fr', country: 'FR', confidence: 0.9 }, now);
  putInList(db, o, ids.gamma, 'client-default');
  for (const d of [2, 3, 5, 8]) visit(db, o, s, { at: now - d * DAY, paths: ['/docs', '/docs/api', '/contact'], companyId: ids.gamma, engagedMs: 300_000 });
  // Delta: competitor, very engaged (hot but hidden).
  ids.delta = company(db, o, { name: 'Delta Rival', domain: 'delta-rival.com', country: 'FR', confidence: 0.9 }, now);
  putInList(db, o, ids.delta, 'concurrent-default');
  for (const d of [0, 1, 2]) visit(db, o, s, { at: now - d * DAY - 3600_000, paths: ['/pricing', '/demo', '/contact', '/tarifs'], companyId: ids.delta, engagedMs: 900_000 });
  // Epsilon: hosting-range company, no visits; name that tries a spreadsheet formula.
  ids.eps = company(db, o, { name: '=HYPERLINK("http://evil.example","x")', domain: 'epsilon.io', country: 'US', confidence: 0.3 }, now);
  visit(db, o, s, { at: now - 20 * DAY, paths: ['/'], companyId: ids.eps, networkClass: 'hosting', country: 'US' });
  // Zeta: on the site right now.
  ids.zeta = company(db, o, { name: 'Zeta Live', domain: 'zeta.fr', country: 'FR', confidence: 0.7 }, now);
  visit(db, o, s, { at: now - 2 * 60_000, paths: ['/features'], companyId: ids.zeta, utmSource: 'newsletter' });
  // Unvisited companies to make paging meaningful.
  for (let i = 0; i < 25; i++) ids[`filler${i}`] = company(db, o, { name: `Filler ${String(i).padStart(2, '0')}`, domain: `filler${i}.fr`, country: 'FR' }, now);
  scoringFor(srv.deps).flush();
});
afterAll(() => srv.close());

describe('GET /api/companies: filters', () => {
  it('lists every company by last visit by default, most recent first, with the total and list details', async () => {
    const { status, body } = await list('');
    expect(status).toBe(200);
    expect(body.total).toBe(31);
    expect(body.companies).toHaveLength(31);
    expect(body).toMatchObject({ sort: 'lastVisit', dir: 'desc', page: 1, limit: 50 });
    expect(body.companies.slice(0, 3).map((c) => c.name)).toEqual(['Zeta Live', 'Delta Rival', 'Alpha Conseil']);
    const lastVisits = body.companies.map((c) => c.lastVisitAt ?? -Infinity);
    expect(lastVisits).toEqual([...lastVisits].sort((a, b) => b - a)); // never-visited companies last
    expect(body.companies.map((c) => c.id)).toEqual((await list('sort=lastVisit&dir=desc')).body.companies.map((c) => c.id));
    const gamma = body.companies.find((c) => c.id === ids.gamma)!;
    expect(gamma).toMatchObject({ domain: 'gamma.fr', visits: 4, pages: 12, country: 'FR', topSource: '(direct)', list: { name: 'client-default', category: 'client', locked: true } });
  });

  it('searches names and domains, ignoring case and accents', async () => {
    expect(await names('q=ALPHA')).toEqual(['Alpha Conseil']);
    expect(await names('q=beta.de')).toEqual(['Beta GmbH']);
    const accented = company(srv.deps.db, acct.orgId, { name: 'LEFÈVRE Énergie SAS', domain: 'lefevre-energie.fr' }, now);
    try {
      expect(await names('q=lefèvre énergie')).toEqual(['LEFÈVRE Énergie SAS']);
      expect(await names('q=Lefevre Energie')).toEqual(['LEFÈVRE Énergie SAS']);
      expect(await names('q=ÉNERGIE')).toEqual(['LEFÈVRE Énergie SAS']);
      // Typed exactly as shown: a capital accented letter and the legal form, in full.
      expect(await names(`q=${encodeURIComponent('LEFÈVRE Énergie SAS')}`)).toEqual(['LEFÈVRE Énergie SAS']);
    } finally {
      srv.deps.db.prepare('DELETE FROM companies WHERE id = ?').run(accented);
    }
    const groupe = company(srv.deps.db, acct.orgId, { name: 'Groupe Nova Énergie', domain: 'nova-energie.fr' }, now);
    try {
      expect(await names(`q=${encodeURIComponent('Groupe Nova Énergie')}`)).toEqual(['Groupe Nova Énergie']);
    } finally {
      srv.deps.db.prepare('DELETE FROM companies WHERE id = ?').run(groupe);
    }
  });

  it('filters by category and by list', async () => {
    expect(await names('category=client')).toEqual(['Gamma Industries']);
    const clientList = srv.deps.db.prepare("SELECT id FROM lists WHERE org_id = ? AND name = 'concurrent-default'").pluck().get(acct.orgId) as string;
    expect(await names(`list=${clientList}`)).toEqual(['Delta Rival']);
    expect((await list('category=client,concurrent')).body.total).toBe(2);
  });

  it('leaves hidden categories out of hot views unless asked for', async () => {
    const hot = await names('temperature=hot');
    expect(hot).toContain('Alpha Conseil');
    expect(hot).not.toContain('Delta Rival');
    expect(await names('temperature=hot&hidden=include')).toContain('Delta Rival');
    expect(await names('temperature=hot&category=concurrent')).toEqual(['Delta Rival']);
    // Not a hot view: everything is there.
    expect(await names('q=delta')).toEqual(['Delta Rival']);
  });

  it('filters by score range', async () => {
    const { body } = await list('scoreMin=40&scoreMax=100&hidden=include');
    expect(body.companies.every((c) => c.score >= 40)).toBe(true);
    expect(body.companies.map((c) => c.name)).toContain('Alpha Conseil');
    const low = await list('scoreMax=20');
    expect(low.body.companies.every((c) => c.score <= 20)).toBe(true);
  });

  it('filters by visit date range, up to today or in the past', async () => {
    expect((await names('from=2025-06-13')).sort()).toEqual(['Alpha Conseil', 'Delta Rival', 'Gamma Industries', 'Zeta Live']);
    // 2025-05-06 is 40 days before: only Beta visited between May 1st and 10th.
    expect(await names('from=2025-05-01&to=2025-05-10')).toEqual(['Beta GmbH']);
    expect((await names('from=2025-06-09&to=2025-06-11')).sort()).toEqual(['Alpha Conseil', 'Gamma Industries']);
    expect(await names('from=2025-06-06&to=2025-06-08')).toEqual(['Gamma Industries']);
  });

  it('filters by visited page prefix, source, country and network class', async () => {
    expect((await names('path=/pricing')).sort()).toEqual(['Alpha Conseil', 'Delta Rival']);
    expect(await names('path=/docs/api')).toEqual(['Gamma Industries']);
    expect(await names('source=linkedin')).toEqual(['Alpha Conseil']);
    expect(await names('source=www.google.com')).toEqual(['Beta GmbH']);
    expect(await names('country=de')).toEqual(['Beta GmbH']);
    expect(await names('network=hosting')).toEqual(['=HYPERLINK("http://evil.example","x")']);
  });

  it('combines filters', async () => {
    expect(await names('country=FR&path=/pricing&category=prospect')).toEqual(['Alpha Conseil']);
  });

  it('treats empty parameters as no filter and names the field of a bad one', async () => {
    expect((await list('q=&category=&page=')).body.total).toBe(31);
    for (const [query, field] of [['scoreMin=abc', 'scoreMin'], ['sort=bogus', 'sort'], ['category=martians', 'category.0'], ['from=2025-13-01', 'from'],
      ['path=pricing', 'path'], ['limit=1000', 'limit'], ['temperature=tepid', 'temperature.0'], ['scoreMin=80&scoreMax=10', 'scoreMin'], ['from=2025-06-10&to=2025-06-01', 'from']]) {
      const { status, body } = await list(query!);
      expect(status, query).toBe(400);
      expect(body.error?.field, query).toBe(field);
    }
  });
});

describe('GET /api/companies: sorting and paging', () => {
  it.each([
    ['name', 'asc', (a: CompanyListReply['companies'][number], b: CompanyListReply['companies'][number]) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) <= 0],
    ['visits', 'desc', (a: CompanyListReply['companies'][number], b: CompanyListReply['companies'][number]) => a.visits >= b.visits],
    ['pages', 'asc', (a: CompanyListReply['companies'][number], b: CompanyListReply['companies'][number]) => a.pages <= b.pages],
    ['score', 'asc', (a: CompanyListReply['companies'][number], b: CompanyListReply['companies'][number]) => a.score <= b.score],
    ['score', 'desc', (a: CompanyListReply['companies'][number], b: CompanyListReply['companies'][number]) => a.score >= b.score],
  ] as const)('sorts by %s %s', async (sort, dir, ordered) => {
    const { body } = await list(`sort=${sort}&dir=${dir}`);
    expect(body.dir).toBe(dir);
    for (let i = 1; i < body.companies.length; i++) expect(ordered(body.companies[i - 1]!, body.companies[i]!)).toBe(true);
  });

  it('sorts by last visit, most recent first, never-visited last', async () => {
    const { body } = await list('sort=lastVisit');
    expect(body.companies.slice(0, 3).map((c) => c.name)).toEqual(['Zeta Live', 'Delta Rival', 'Alpha Conseil']);
    expect(body.companies.at(-1)!.lastVisitAt).toBeNull();
  });

  it('pages without overlap or gaps, with a stable total', async () => {
    const seen = new Set<string>();
    for (let page = 1; page <= 4; page++) {
      const { body } = await list(`sort=name&limit=10&page=${page}`);
      expect(body.total).toBe(31);
      for (const c of body.companies) seen.add(c.id);
    }
    expect(seen.size).toBe(31);
  });
});

describe('export, views, live, facets', () => {
  it('exports the filter as CSV with formulas neutralised', async () => {
    const res = await post('/api/companies/export', { query: 'country=US' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(lines[0]).toBe('Nom;Domaine;Catégorie;Liste;Score;Température;Dernière visite;Visites;Pages;Pays;Source principale');
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\)";epsilon\.io;Prospect;prospect-default;/);
  });

  it('exports a selection by id, and rejects an empty one', async () => {
    const text = await (await post('/api/companies/export', { ids: [ids.alpha, ids.beta] })).text();
    expect(text.trim().split('\r\n')).toHaveLength(3);
    const empty = await post('/api/companies/export', { ids: [] });
    expect(empty.status).toBe(400);
  });

  it('saves, lists and deletes views, validating their filter', async () => {
    const saved = await post('/api/companies/views', { name: 'Chauds FR', query: 'temperature=hot&country=FR&page=3' });
    expect(saved.status).toBe(201);
    const view = ((await saved.json()) as { view: SavedView }).view;
    expect(view.query).toBe('temperature=hot&country=FR');
    const bad = await post('/api/companies/views', { name: 'x', query: 'temperature=boiling' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('temperature.0');
    const views = ((await (await fetch(`${srv.url}/api/companies/views`, { headers: h })).json()) as { views: SavedView[] }).views;
    expect(views.map((v) => v.name)).toEqual(['Chauds FR']);
    expect((await fetch(`${srv.url}/api/companies/views/${view.id}`, { method: 'DELETE', headers: h })).status).toBe(204);
    expect((await fetch(`${srv.url}/api/companies/views/${view.id}`, { method: 'DELETE', headers: h })).status).toBe(404);
  });

  it('keeps the sort of a view, column and direction, and rejects an unknown one', async () => {
    const saved = await post('/api/companies/views', { name: 'Par nom', query: 'hidden=include&sort=name&dir=desc&page=2' });
    expect(saved.status).toBe(201);
    const view = ((await saved.json()) as { view: SavedView }).view;
    expect(view.query).toBe('hidden=include&sort=name&dir=desc');
    const bad = await post('/api/companies/views', { name: 'x', query: 'sort=colour' });
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('sort');
    expect((await fetch(`${srv.url}/api/companies/views/${view.id}`, { method: 'DELETE', headers: h })).status).toBe(204);
  });

  it('shows the companies on the site in the last five minutes', async () => {
    const live = (await (await fetch(`${srv.url}/api/companies/live`, { headers: h })).json()) as LiveReply;
    expect(live.count).toBe(1);
    expect(live.companies.map((c) => c.name)).toEqual(['Zeta Live']);
  });

  it('offers the filter values seen', async () => {
    const f = (await (await fetch(`${srv.url}/api/companies/facets`, { headers: h })).json()) as FacetsReply;
    expect(f.countries).toEqual(['DE', 'FR', 'US']);
    expect(f.sources).toEqual(expect.arrayContaining(['linkedin', 'www.google.com', '(direct)', 'newsletter']));
    expect(f.lists.find((l) => l.name === 'client-default')).toMatchObject({ category: 'client', locked: true });
    expect(f.networkClasses).toEqual(['company', 'hosting']);
  });
});

describe('company page', () => {
  it('shows identity, evidence, score, stats and the audit trail', async () => {
    const res = await fetch(`${srv.url}/api/companies/${ids.gamma}`, { headers: h });
    expect(res.status).toBe(200);
    const d = (await res.json()) as CompanyDetail;
    expect(d.company).toMatchObject({ name: 'Gamma Industries', domain: 'gamma.fr', list: { name: 'client-default', locked: true } });
    expect(d.evidence[0]).toMatchObject({ source: 'asn_table', matchedValue: '192.0.2.0/24' });
    expect(d.stats).toMatchObject({ visits: 4, pages: 12 });
    expect(d.score.lines.reduce((a, l) => a + l.points, 0)).toBe(d.score.score);
    expect(d.moves.at(-1)).toMatchObject({ to: { name: 'prospect-default' }, actor: 'identification' });
  });

  it('lists visits newest first with their pages, time spent and source, page by page', async () => {
    const first = (await (await fetch(`${srv.url}/api/companies/${ids.gamma}/visits?limit=3`, { headers: h })).json()) as VisitsReply;
    expect(first.visits).toHaveLength(3);
    expect(first.visits[0]!.startedAt).toBe(now - 2 * DAY);
    expect(first.visits[0]!.pages.map((p) => [p.path, p.timeMs])).toEqual([['/docs', 60_000], ['/docs/api', 60_000], ['/contact', null]]);
    expect(first.next).not.toBeNull();
    const rest = (await (await fetch(`${srv.url}/api/companies/${ids.gamma}/visits?limit=3&before=${first.next}`, { headers: h })).json()) as VisitsReply;
    expect(rest.visits).toHaveLength(1);
    expect(rest.next).toBeNull();
    const alpha = (await (await fetch(`${srv.url}/api/companies/${ids.alpha}/visits`, { headers: h })).json()) as VisitsReply;
    expect(alpha.visits[0]!.source).toBe('LinkedIn');
  });

  it('sums up evidence by source and matched value, so repeated network matches never hide a stronger one', async () => {
    const { db } = srv.deps;
    const cand = { name: 'Omega Evidence', domain: 'omega-evidence.fr' };
    const { company: omega } = recordCompanyEvidence(db, acct.orgId, cand, { source: 'form_email', matchedValue: 'omega-evidence.fr', confidence: 0.9 }, now - 10 * DAY);
    for (let i = 0; i < 60; i++) recordCompanyEvidence(db, acct.orgId, cand, { source: 'asn_table', matchedValue: 'AS64500', confidence: 0.5 }, now - 9 * DAY + i);
    const d = (await (await fetch(`${srv.url}/api/companies/${omega.id}`, { headers: h })).json()) as CompanyDetail;
    expect(d.evidence).toEqual([
      { source: 'form_email', matchedValue: 'omega-evidence.fr', confidence: 0.9, seenAt: now - 10 * DAY, firstSeenAt: now - 10 * DAY, times: 1 },
      { source: 'asn_table', matchedValue: 'AS64500', confidence: 0.5, seenAt: now - 9 * DAY + 59, firstSeenAt: now - 9 * DAY, times: 60 },
    ]);
  });
});

describe('moves', () => {
  it('moves every company matching the current filter into a list, with the audit trail', async () => {
    const target = srv.deps.db.prepare("SELECT id FROM lists WHERE org_id = ? AND name = 'autre-default'").pluck().get(acct.orgId) as string;
    // 'filler 1' matches Filler 10 to Filler 19.
    const res = await post('/api/companies/move', { query: 'q=filler 1', toListId: target });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { matched: number; moved: number };
    expect(body).toMatchObject({ matched: 10, moved: 10 });
    scoringFor(srv.deps).flush();
    expect((await list(`list=${target}`)).body.total).toBe(10);
    const d = (await (await fetch(`${srv.url}/api/companies/${ids.filler12}`, { headers: h })).json()) as CompanyDetail;
    expect(d.moves[0]).toMatchObject({ to: { name: 'autre-default' }, actor: 'user', actorName: 'Admin' });
  });

  it('refuses a filter it cannot read instead of moving every company', async () => {
    const target = srv.deps.db.prepare("SELECT id FROM lists WHERE org_id = ? AND name = 'autre-default'").pluck().get(acct.orgId) as string;
    const before = srv.deps.db.prepare('SELECT count(*) FROM companies WHERE org_id = ? AND list_id = ?').pluck().get(acct.orgId, target);
    for (const [query, field] of [['sort=zzz', 'sort'], ['&&&==', 'query'], ['catgory=client', 'query'], ['q=x&page=0', 'page']] as const) {
      const res = await post('/api/companies/move', { query, toListId: target });
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { field: string } }).error.field, query).toBe(field);
      const csv = await post('/api/companies/export', { query });
      expect(csv.status, `export ${query}`).toBe(400);
    }
    expect(srv.deps.db.prepare('SELECT count(*) FROM companies WHERE org_id = ? AND list_id = ?').pluck().get(acct.orgId, target)).toBe(before);
    // A copied table address, sort and page included, is a filter like any other.
    const ok = await post('/api/companies/move', { query: 'q=filler 1&sort=name&dir=asc&page=2', toListId: target });
    expect(((await ok.json()) as { matched: number }).matched).toBe(10);
  });

  it('moves a selection by id', async () => {
    const target = srv.deps.db.prepare("SELECT id FROM lists WHERE org_id = ? AND name = 'partenaire-default'").pluck().get(acct.orgId) as string;
    const res = await post('/api/companies/move', { ids: [ids.filler20, ids.filler21], toListId: target });
    expect(((await res.json()) as { moved: number }).moved).toBe(2);
    expect(await names(`list=${target}&sort=name`)).toEqual(['Filler 20', 'Filler 21']);
  });
});

describe('tenancy', () => {
  it("answers another organisation's company, list and view like missing ones, and never lists them", async () => {
    const other = await seedAccount(srv.deps);
    const oh = await login(srv.url, other.email, other.password);
    expect(((await (await fetch(`${srv.url}/api/companies`, { headers: oh })).json()) as CompanyListReply).total).toBe(0);
    for (const path of [`/api/companies/${ids.alpha}`, `/api/companies/${ids.alpha}/visits`]) {
      const theirs = await fetch(`${srv.url}${path}`, { headers: oh });
      const missing = await fetch(`${srv.url}${path.replace(ids.alpha!, 'cmp_missing')}`, { headers: oh });
      expect(theirs.status).toBe(404);
      expect(await theirs.text()).toBe(await missing.text());
    }
    const ownList = srv.deps.db.prepare("SELECT id FROM lists WHERE org_id = ? AND name = 'client-default'").pluck().get(other.orgId) as string;
    const move = await fetch(`${srv.url}/api/companies/move`, { method: 'POST', headers: oh, body: JSON.stringify({ ids: [ids.alpha], toListId: ownList }) });
    expect(move.status).toBe(404);
    const csv = await (await fetch(`${srv.url}/api/companies/export`, { method: 'POST', headers: oh, body: JSON.stringify({ ids: [ids.alpha] }) })).text();
    expect(csv.trim().split('\r\n')).toHaveLength(1);
  });

  it('requires a log-in and the CSRF token for mutations', async () => {
    expect((await fetch(`${srv.url}/api/companies`)).status).toBe(401);
    const noCsrf = await fetch(`${srv.url}/api/companies/views`, { method: 'POST', headers: { cookie: h.cookie! }, body: JSON.stringify({ name: 'a', query: '' }) });
    expect(noCsrf.status).toBe(403);
  });
});

describe('GET /api/companies/insights (Overview figures)', () => {
  it('counts identified companies per day, top pages, top sources and unidentified traffic by reason', async () => {
    const { db } = srv.deps;
    for (const [network, n] of [['isp', 3], ['mobile', 2], ['hosting', 1]] as const) {
      for (let i = 0; i < n; i++) visit(db, acct.orgId, acct.siteId, { at: now - (i + 1) * 3 * 3600_000, paths: ['/', '/blog/a'], companyId: null, networkClass: network, referrerHost: 'www.google.com' });
    }
    const res = await fetch(`${srv.url}/api/companies/insights?from=2025-06-09&to=2025-06-15`, { headers: h });
    expect(res.status).toBe(200);
    const r = (await res.json()) as import('../../server/schemas/companies.js').InsightsReply;
    expect(r.days.map((d) => d.day)).toEqual(['2025-06-09', '2025-06-10', '2025-06-11', '2025-06-12', '2025-06-13', '2025-06-14', '2025-06-15']);
    // 14 June: Alpha and Delta (1 day ago); 15 June: Delta (an hour ago) and Zeta (on the site now).
    expect(r.days.find((d) => d.day === '2025-06-14')!.identified).toBe(2);
    expect(r.days.find((d) => d.day === '2025-06-15')!.identified).toBe(2);
    expect(r.topPages[0]).toEqual({ path: '/', views: 7 });
    expect(r.topPages).toContainEqual({ path: '/pricing', views: 4 });
    expect(r.topSources).toContainEqual({ source: 'linkedin', sessions: 2 });
    expect(r.topSources.slice(0, 2)).toEqual([{ source: '(direct)', sessions: 6 }, { source: 'www.google.com', sessions: 6 }]);
    expect(r.unidentified).toEqual([{ reason: 'isp', sessions: 3 }, { reason: 'mobile', sessions: 2 }, { reason: 'hosting', sessions: 1 }]);
    // The same figures again: nothing counted twice once the roll-ups have caught up.
    const again = (await (await fetch(`${srv.url}/api/companies/insights?from=2025-06-09&to=2025-06-15`, { headers: h })).json()) as typeof r;
    expect(again).toEqual(r);
  });

  it('answers 404 for another organisation\'s site and 400 for a reversed range', async () => {
    const other = await seedAccount(srv.deps);
    expect((await fetch(`${srv.url}/api/companies/insights?siteId=${other.siteId}`, { headers: h })).status).toBe(404);
    const bad = await fetch(`${srv.url}/api/companies/insights?from=2025-06-10&to=2025-06-01`, { headers: h });
    expect(bad.status).toBe(400);
  });
});
