import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, seedAccount, startTestServer, type SeededAccount, type TestServer } from '../helpers/server.js';
import { scoringFor } from '../../server/scoring/service.js';
import { company, DAY, putInList, visit } from './companies-fixtures.js';

// The companies CSV export speaks the user's language: headers, category and temperature labels,
// country names, and last visits on the user's wall clock (the dashboard sends ?lang= and ?tz=).
const now = Date.parse('2026-11-25T12:00:00Z');
// A one-page visit on 24 November 2026 at 19:15 UTC: 20:15 in Paris (UTC+1 in winter), 14:15 in New York.
const lastVisit = Date.parse('2026-11-24T19:15:00Z');
let srv: TestServer;
let acct: SeededAccount;
let h: Record<string, string>;
const ids: Record<string, string> = {};

const exportCsv = async (query: string, body: unknown = { ids: Object.values(ids) }) => {
  const res = await fetch(`${srv.url}/api/companies/export${query}`, { method: 'POST', headers: h, body: JSON.stringify(body) });
  return { res, lines: res.ok ? (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n') : [] };
};
const row = (lines: string[], name: string) => lines.find((l) => l.startsWith(`${name};`) || l.startsWith(`"${name}`));

beforeAll(async () => {
  srv = await startTestServer({ clock: () => now });
  acct = await seedAccount(srv.deps);
  h = await login(srv.url, acct.email, acct.password);
  const { db } = srv.deps;
  const o = acct.orgId;
  const s = acct.siteId;
  // Alpha: a very engaged French prospect (hot), last seen on the pricing page.
  ids.alpha = company(db, o, { name: 'Alpha Conseil', domain: 'alpha-conseil.fr', country: 'FR', confidence: 0.9 }, now);
  for (const d of [4, 3, 2]) visit(db, o, s, { at: lastVisit - d * DAY, paths: ['/pricing', '/demo', '/contact', '/tarifs'], companyId: ids.alpha, utmSource: 'linkedin', engagedMs: 900_000 });
  visit(db, o, s, { at: lastVisit, paths: ['/pricing'], companyId: ids.alpha, utmSource: 'linkedin', engagedMs: 60_000 });
  // Beta: a German customer, one direct visit long ago (cold), on 6 September 2026 at 12:00 UTC (summer time: 14:00 in Paris).
  ids.beta = company(db, o, { name: 'Beta GmbH', domain: 'beta.de', country: 'DE', confidence: 0.6 }, now);
  putInList(db, o, ids.beta, 'client-default');
  visit(db, o, s, { at: now - 80 * DAY, paths: ['/'], companyId: ids.beta, country: 'DE' });
  // A visitor-controlled name that tries a spreadsheet formula, with a country no one knows.
  ids.evil = company(db, o, { name: '=HYPERLINK("http://evil.example","x")', domain: 'evil-corp.com', country: 'XX', confidence: 0.3 }, now);
  scoringFor(srv.deps).flush();
});
afterAll(() => srv.close());

describe('POST /api/companies/export: in the user language and time zone', () => {
  it('writes French headers, labels, country names and Paris wall-clock dates for a French user', async () => {
    const { res, lines } = await exportCsv('?lang=fr&tz=Europe%2FParis');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('filename="vigie-entreprises-2026-11-25.csv"');
    expect(lines[0]).toBe('Nom;Domaine;Catégorie;Liste;Score;Température;Dernière visite;Visites;Pages;Pays;Source principale');
    expect(row(lines, 'Alpha Conseil')).toMatch(/^Alpha Conseil;alpha-conseil\.fr;Prospect;prospect-default;\d+;Chaud;24\/11\/2026 20:15;4;13;France;linkedin$/);
    expect(row(lines, 'Beta GmbH')).toMatch(/^Beta GmbH;beta\.de;Client;client-default;\d+;Froid;06\/09\/2026 14:00;1;1;Allemagne;Accès direct$/);
  });

  it('writes English headers, labels, country names and unambiguous year-first dates in the given zone', async () => {
    const { res, lines } = await exportCsv('?lang=en&tz=America%2FNew_York');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('filename="vigie-companies-2026-11-25.csv"');
    expect(lines[0]).toBe('Name;Domain;Category;List;Score;Temperature;Last visit;Visits;Pages;Country;Main source');
    expect(row(lines, 'Alpha Conseil')).toMatch(/^Alpha Conseil;alpha-conseil\.fr;Prospect;prospect-default;\d+;Hot;2026-11-24 14:15;4;13;France;linkedin$/);
    expect(row(lines, 'Beta GmbH')).toMatch(/^Beta GmbH;beta\.de;Customer;client-default;\d+;Cold;2026-09-06 08:00;1;1;Germany;Direct$/);
  });

  it('keeps scores and counts as plain numbers, the BOM and the formula neutralisation', async () => {
    const res = await fetch(`${srv.url}/api/companies/export?lang=en&tz=UTC`, { method: 'POST', headers: h, body: JSON.stringify({ ids: [ids.evil] }) });
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\r\n');
    // An unknown country code is written as it came; no visit, no date.
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\)";evil-corp\.com;Prospect;prospect-default;\d+;Cold;;0;0;XX;$/);
  });

  it('falls back to the profile language and UTC when the dashboard sends neither', async () => {
    const { lines } = await exportCsv('');
    expect(lines[0]).toBe('Nom;Domaine;Catégorie;Liste;Score;Température;Dernière visite;Visites;Pages;Pays;Source principale');
    expect(row(lines, 'Alpha Conseil')).toContain(';24/11/2026 19:15;');
  });

  it('answers 400 naming the field for an unknown language or time zone', async () => {
    for (const [query, field] of [['?lang=de&tz=UTC', 'lang'], ['?lang=fr&tz=Mars%2FOlympus', 'tz'], ['?tz=Europe%2FParis%3Bx', 'tz']] as const) {
      const res = await fetch(`${srv.url}/api/companies/export${query}`, { method: 'POST', headers: h, body: JSON.stringify({ ids: [ids.alpha] }) });
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { field: string } }).error.field, query).toBe(field);
    }
  });
});
