import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, seedAccount, startTestServer, type SeededAccount, type TestServer } from '../helpers/server.js';
import { recordCompanyEvidence } from '../../server/companies/repo.js';
import type { ImportView, SegmentsOverview } from '../../server/schemas/segments.js';

let srv: TestServer;
let acct: SeededAccount;
let other: SeededAccount;
let h: Record<string, string>;
let otherH: Record<string, string>;

beforeAll(async () => {
  srv = await startTestServer();
  acct = await seedAccount(srv.deps);
  other = await seedAccount(srv.deps);
  h = await login(srv.url, acct.email, acct.password);
  otherH = await login(srv.url, other.email, other.password);
});
afterAll(() => srv.close());

async function call<T = any>(method: string, path: string, body?: unknown, headers = h): Promise<{ status: number; body: T; text: string; res: Response }> {
  const res = await fetch(`${srv.url}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer()); // keep the BOM visible
  let parsed: unknown = null;
  try { parsed = JSON.parse(text); } catch { /* CSV */ }
  return { status: res.status, body: parsed as T, text, res };
}

async function listByName(name: string, headers = h) {
  const { body } = await call<SegmentsOverview>('GET', '/api/segments', undefined, headers);
  return body.categories.flatMap((c) => c.lists).find((l) => l.name === name)!;
}

/** Uploads a CSV as the raw request body, then polls until parsing ends (no timing asserted). */
async function upload(listId: string, csv: string | Uint8Array, fileName = 'file.csv', headers = h): Promise<ImportView> {
  const res = await fetch(`${srv.url}/api/segments/lists/${listId}/imports?filename=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'text/csv' },
    body: typeof csv === "string" ? csv : new Uint8Array(csv),
  });
  expect(res.status).toBe(202);
  const { import: imp } = (await res.json()) as { import: ImportView };
  return waitParsed(imp.id, headers);
}

async function waitParsed(id: string, headers = h): Promise<ImportView> {
  for (;;) {
    const { body } = await call<{ import: ImportView }>('GET', `/api/segments/imports/${id}`, undefined, headers);
    if (body.import.status !== 'receiving' && body.import.status !== 'parsing') return body.import;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const company = (name: string, domain: string, orgId = acct.orgId) =>
  recordCompanyEvidence(srv.deps.db, orgId, { name, domain }, { source: 'test', matchedValue: domain, confidence: 0.9 }, Date.now()).company;

describe('segments API', () => {
  it('lists the nine categories with their lists, counts and the import quota', async () => {
    const { status, body } = await call<SegmentsOverview>('GET', '/api/segments');
    expect(status).toBe(200);
    expect(body.categories).toHaveLength(9);
    expect(body.categories[0]).toMatchObject({ id: 'interne', label: { fr: 'Interne', en: 'Internal' } });
    expect(body.quota).toEqual({ used: 0, limit: 20_000 });
  });

  it('requires a session, and the CSRF token to change anything', async () => {
    expect((await fetch(`${srv.url}/api/segments`)).status).toBe(401);
    const noCsrf = await fetch(`${srv.url}/api/segments/lists`, { method: 'POST', headers: { cookie: h.cookie! }, body: JSON.stringify({ category: 'prospect', name: 'x' }) });
    expect(noCsrf.status).toBe(403);
  });

  it('creates, renames, locks and deletes a list; 409 on a duplicate, 400 naming the bad field', async () => {
    const created = await call('POST', '/api/segments/lists', { category: 'prospect', name: 'webinaires' });
    expect(created.status).toBe(201);
    expect(created.body.list).toMatchObject({ name: 'prospect-webinaires', locked: false, isDefault: false });
    expect((await call('POST', '/api/segments/lists', { category: 'prospect', name: 'Webinaires' })).status).toBe(409);
    const bad = await call('POST', '/api/segments/lists', { category: 'nope', name: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('category');
    expect((await call('POST', '/api/segments/lists', { category: 'prospect', name: '' })).body.error.field).toBe('name');
    const id = created.body.list.id as string;
    expect((await call('PATCH', `/api/segments/lists/${id}`, { name: 'webinaires-2025' })).body.list.name).toBe('prospect-webinaires-2025');
    expect((await call('PUT', `/api/segments/lists/${id}/lock`, { locked: true })).body.list.locked).toBe(true);
    expect((await call('PUT', `/api/segments/lists/${id}/lock`, { locked: 'yes' })).body.error.field).toBe('locked');
    const def = await listByName('prospect-default');
    expect((await call('DELETE', `/api/segments/lists/${def.id}`)).status).toBe(409);
    expect((await call('PATCH', `/api/segments/lists/${def.id}`, { name: 'x' })).status).toBe(409);
    const del = await call('DELETE', `/api/segments/lists/${id}`);
    expect(del.body).toMatchObject({ moved: 0, movedTo: { name: 'prospect-default' } });
  });

  it('moves companies by hand and shows the audit trail with the user\'s name', async () => {
    const c = company('Moved Co', 'moved-co.fr');
    const client = await listByName('client-default');
    const res = await call('POST', '/api/segments/moves', { companyIds: [c.id], listId: client.id });
    expect(res.body).toEqual({ moved: 1, unchanged: 0 });
    const trail = await call('GET', `/api/segments/companies/${c.id}/moves`);
    expect(trail.body.moves[0]).toMatchObject({ actor: 'user', actorLabel: 'Admin', from: { name: 'prospect-default' }, to: { name: 'client-default' } });
    expect((await call('POST', '/api/segments/moves', { companyIds: [], listId: client.id })).body.error.field).toBe('companyIds');
  });

  it('imports a file: upload, preview with counts, confirm, report, error CSV with neutralised formulas', async () => {
    const known = company('Known Co', 'known-co.fr');
    const list = (await call('POST', '/api/segments/lists', { category: 'prospect', name: 'salons' })).body.list;
    const csv = 'Nom;SIREN;Domaine email;Website\r\nKnown Co;;;https://www.known-co.fr\r\nPending;;;pending-co.fr\r\n=cmd|calc;12;;\r\n';
    const imp = await upload(list.id, csv, 'salons.csv');
    expect(imp).toMatchObject({ status: 'ready', fileName: 'salons.csv', progress: { percent: 100 } });
    expect(imp.preview).toMatchObject({ rowsRead: 3, valid: 2, rejected: 1, matched: 1, moved: 1, unmatched: 1, leaving: 0 });
    expect(imp.errors[1]).toMatchObject({ line: 4, column: 'SIREN', reason: 'siren-format', message: 'Le SIREN doit compter 9 chiffres (ou 14 pour un SIRET)' });

    const errors = await call('GET', `/api/segments/imports/${imp.id}/errors.csv?lang=en`);
    expect(errors.res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(errors.res.headers.get('content-disposition')).toContain('salons-errors.csv');
    expect(errors.text).toBe('\uFEFFLine;Column;Reason;Value\r\n4;Nom;Only one value per cell;\'=cmd|calc\r\n4;SIREN;A SIREN has 9 digits (or 14 for a SIRET);12\r\n');

    const confirmed = await call<{ import: ImportView }>('POST', `/api/segments/imports/${imp.id}/confirm`);
    expect(confirmed.body.import).toMatchObject({ status: 'applied', report: { matched: 1, moved: 1, skippedLocked: 0, unmatched: 1 } });
    expect((await listByName('prospect-salons')).companies).toBe(1);
    expect((await call('POST', `/api/segments/imports/${imp.id}/confirm`)).status).toBe(409);
    const trail = await call('GET', `/api/segments/companies/${known.id}/moves`);
    expect(trail.body.moves[0]).toMatchObject({ actor: 'import', actorLabel: 'salons.csv', reason: 'matched by website' });
    expect((await call('GET', `/api/segments/lists/${list.id}/imports`)).body.imports[0]).toMatchObject({ id: imp.id, status: 'applied', rowsValid: 2 });
  });

  it('serves the template and exports a list with formulas neutralised', async () => {
    const tpl = await call('GET', '/api/segments/template.csv');
    expect(tpl.text).toBe('\uFEFFNom;SIREN;Domaine email;Website\r\n');
    const list = (await call('POST', '/api/segments/lists', { category: 'autre', name: 'export' })).body.list;
    const c = company('=HYPERLINK("http://evil.fr")', 'evil-export.fr');
    await call('POST', '/api/segments/moves', { companyIds: [c.id], listId: list.id });
    const out = await call('GET', `/api/segments/lists/${list.id}/export`);
    expect(out.text.split('\r\n')[0]).toBe('\uFEFFNom;SIREN;Domaine email;Website;Visites;Pages vues;Dernière visite;Statut');
    // 24 November 2026, 19:15 UTC: 20:15 on a Paris clock.
    srv.deps.db.prepare('UPDATE companies SET last_seen_at = ? WHERE id = ?').run(Date.parse('2026-11-24T19:15:00Z'), c.id);
    const line = async (query: string) => (await call('GET', `/api/segments/lists/${list.id}/export${query}`)).text.split('\r\n')[1];
    expect(await line('')).toBe(`"'=HYPERLINK(""http://evil.fr"")";;evil-export.fr;evil-export.fr;0;0;24/11/2026 19:15;identifiée`);
    expect(await line('?tz=Europe%2FParis')).toMatch(/;24\/11\/2026 20:15;identifiée$/);
    expect(await line('?lang=en&tz=Europe%2FParis')).toMatch(/;2026-11-24 20:15;identified$/);
    for (const [q, field] of [['?tz=Mars%2FOlympus', 'tz'], ['?lang=de', 'lang']]) {
      const bad = await call('GET', `/api/segments/lists/${list.id}/export${q}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.field).toBe(field);
    }
  });

  it('keeps the replaced content as a snapshot that can be downloaded and restored', async () => {
    const list = (await call('POST', '/api/segments/lists', { category: 'partenaire', name: 'revendeurs' })).body.list;
    const a = company('Snap A', 'snap-a.fr');
    const b = company('Snap B', 'snap-b.fr');
    await call('POST', `/api/segments/imports/${(await upload(list.id, 'Nom;Website\nSnap A;snap-a.fr\n')).id}/confirm`);
    const second = await upload(list.id, 'Nom;Website\nSnap B;snap-b.fr\n');
    expect(second.preview).toMatchObject({ leaving: 1, leavingTo: { name: 'partenaire-default' } });
    await call('POST', `/api/segments/imports/${second.id}/confirm`);
    const snaps = (await call('GET', `/api/segments/lists/${list.id}/snapshots`)).body.snapshots;
    expect(snaps[0]).toMatchObject({ reason: 'import', companies: 1 });
    const dl = await call('GET', `/api/segments/snapshots/${snaps[0].id}/download`);
    expect(dl.text).toContain('Snap A;;snap-a.fr;snap-a.fr');
    const restored = await call('POST', `/api/segments/snapshots/${snaps[0].id}/restore`);
    expect(restored.body).toMatchObject({ restored: 1, left: 1 });
    const view = (await listByName('partenaire-revendeurs'));
    expect(view.companies).toBe(1);
    const trailA = await call('GET', `/api/segments/companies/${a.id}/moves`);
    expect(trailA.body.moves[0]).toMatchObject({ actor: 'user', reason: 'snapshot restored', to: { name: 'partenaire-revendeurs' } });
    expect((await call('GET', `/api/segments/companies/${b.id}/moves`)).body.moves[0].to.name).toBe('partenaire-default');
  });

  it('ends consistent when two imports into one list are uploaded and confirmed at the same time', async () => {
    const list = (await call('POST', '/api/segments/lists', { category: 'distributeur', name: 'concurrents-imports' })).body.list;
    const one = company('Twin One', 'twin-one.fr');
    const two = company('Twin Two', 'twin-two.fr');
    const [a, b] = await Promise.all([
      upload(list.id, 'Nom;Website\nTwin One;twin-one.fr\nOnly A;only-a.fr\n', 'a.csv'),
      upload(list.id, 'Nom;Website\nTwin Two;twin-two.fr\nOnly B;only-b.fr\nOnly B2;only-b2.fr\n', 'b.csv'),
    ]);
    const results = await Promise.all([a, b].map((i) => call<{ import: ImportView }>('POST', `/api/segments/imports/${i.id}/confirm`)));
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const last = results.map((r) => r.body.import).sort((x, y) => x.appliedAt! - y.appliedAt!).at(-1)!;
    const view = await listByName('distributeur-concurrents-imports');
    const trailOne = (await call('GET', `/api/segments/companies/${one.id}/moves`)).body.moves[0];
    const trailTwo = (await call('GET', `/api/segments/companies/${two.id}/moves`)).body.moves[0];
    if (last.fileName === 'b.csv') {
      expect(view).toMatchObject({ companies: 1, entries: 2, importedRows: 3 });
      expect([trailOne.to.name, trailTwo.to.name]).toEqual(['distributeur-default', 'distributeur-concurrents-imports']);
    } else {
      expect(view).toMatchObject({ companies: 1, entries: 1, importedRows: 2 });
      expect([trailOne.to.name, trailTwo.to.name]).toEqual(['distributeur-concurrents-imports', 'distributeur-default']);
    }
    const orphans = srv.deps.db.prepare('SELECT count(*) FROM companies c LEFT JOIN lists l ON l.id = c.list_id WHERE l.id IS NULL').pluck().get();
    expect(orphans).toBe(0);
  });

  it('manages rules and applies them to existing companies with a preview count', async () => {
    const target = (await call('POST', '/api/segments/lists', { category: 'hors-cible', name: 'ecoles' })).body.list;
    const school = company('Lycée Victor Hugo', 'lycee-hugo.fr');
    const lockedSchool = company('Collège Fermé', 'college-ferme.fr');
    await call('POST', '/api/segments/moves', { companyIds: [lockedSchool.id], listId: (await listByName('client-default')).id });
    const rule = await call('POST', '/api/segments/rules', { name: 'Écoles', listId: target.id, conditions: [{ field: 'name', op: 'contains', value: 'lycée' }] });
    expect(rule.status).toBe(201);
    await call('POST', '/api/segments/rules', { name: 'Collèges', listId: target.id, conditions: [{ field: 'domain', op: 'equals', value: 'college-ferme.fr' }] });
    const badRule = await call('POST', '/api/segments/rules', { name: 'x', listId: target.id, conditions: [{ field: 'visitCount', op: 'gte', value: -1 }] });
    expect(badRule.body.error.field).toBe('conditions.0.value');
    const dry = await call('POST', '/api/segments/rules/apply', { dryRun: true });
    expect(dry.body).toMatchObject({ dryRun: true, moved: 1, skippedLocked: 1 });
    expect((await call('GET', `/api/segments/companies/${school.id}/moves`)).body.moves[0].to.name).toBe('prospect-default');
    const run = await call('POST', '/api/segments/rules/apply', { dryRun: false });
    expect(run.body).toMatchObject({ moved: 1, skippedLocked: 1, skipped: [{ companyName: 'Collège Fermé', fromList: 'client-default' }] });
    expect((await call('GET', `/api/segments/companies/${school.id}/moves`)).body.moves[0]).toMatchObject({ actor: 'rule', actorLabel: 'Écoles' });
    const rules = (await call('GET', '/api/segments/rules')).body.rules;
    const reordered = await call('POST', '/api/segments/rules/order', { ids: [rules[1].id, rules[0].id] });
    expect(reordered.body.rules.map((r: { name: string }) => r.name)).toEqual(['Collèges', 'Écoles']);
    expect((await call('DELETE', `/api/segments/rules/${rules[0].id}`)).status).toBe(204);
  });

  it('answers 404 for another organisation\'s lists, imports, snapshots, rules and companies, exactly as for missing ones', async () => {
    const theirList = (await call('POST', '/api/segments/lists', { category: 'prospect', name: 'secret' }, otherH)).body.list;
    const theirImport = await upload(theirList.id, 'Nom;Website\nSecret;secret-co.fr\n', 'secret.csv', otherH);
    await call('POST', `/api/segments/imports/${theirImport.id}/confirm`, undefined, otherH);
    const theirSnapshot = (await call('GET', `/api/segments/lists/${theirList.id}/snapshots`, undefined, otherH)).body.snapshots[0];
    const theirCompany = company('Their Co', 'their-co.fr', other.orgId);
    const theirRule = (await call('POST', '/api/segments/rules', { name: 'r', listId: theirList.id, conditions: [{ field: 'country', op: 'equals', value: 'FR' }] }, otherH)).body.rule;
    const mine = (await listByName('prospect-default')).id;
    const probes: Array<[string, string, unknown?]> = [
      ['PATCH', `/api/segments/lists/${theirList.id}`, { name: 'x' }],
      ['DELETE', `/api/segments/lists/${theirList.id}`],
      ['PUT', `/api/segments/lists/${theirList.id}/lock`, { locked: true }],
      ['GET', `/api/segments/lists/${theirList.id}/export`],
      ['GET', `/api/segments/lists/${theirList.id}/imports`],
      ['GET', `/api/segments/lists/${theirList.id}/snapshots`],
      ['POST', `/api/segments/lists/${theirList.id}/imports`, 'Nom;Website\nA;a.fr\n'],
      ['GET', `/api/segments/imports/${theirImport.id}`],
      ['POST', `/api/segments/imports/${theirImport.id}/confirm`],
      ['GET', `/api/segments/imports/${theirImport.id}/errors.csv`],
      ['GET', `/api/segments/snapshots/${theirSnapshot.id}/download`],
      ['POST', `/api/segments/snapshots/${theirSnapshot.id}/restore`],
      ['GET', `/api/segments/companies/${theirCompany.id}/moves`],
      ['POST', '/api/segments/moves', { companyIds: [theirCompany.id], listId: mine }],
      ['POST', '/api/segments/moves', { companyIds: [], listId: theirList.id }],
      ['PUT', `/api/segments/rules/${theirRule.id}`, { name: 'x', listId: mine, conditions: [{ field: 'country', op: 'equals', value: 'FR' }] }],
      ['DELETE', `/api/segments/rules/${theirRule.id}`],
      ['POST', '/api/segments/rules', { name: 'x', listId: theirList.id, conditions: [{ field: 'country', op: 'equals', value: 'FR' }] }],
    ];
    for (const [method, path, body] of probes) {
      const res = await call(method, path, body);
      if (path === '/api/segments/moves' && (body as { companyIds: string[] }).companyIds.length === 0) {
        expect(res.status, `${method} ${path}`).toBe(400); // validation comes first
        continue;
      }
      expect(res.status, `${method} ${path}`).toBe(404);
      const missing = await call(method, path.replace(/(lst|imp|snp|cmp|rul)_[\w-]+/, '$1_doesnotexist'), body);
      expect(res.text, `${method} ${path}`).toBe(missing.text);
    }
    expect((await call('GET', `/api/segments/lists/${theirList.id}/snapshots`, undefined, otherH)).body.snapshots).toHaveLength(1);
  });
});

describe('segments API quota', () => {
  let small: TestServer;
  afterAll(() => small?.close());

  it('refuses to confirm an import beyond the quota with a 409 and a clear message', async () => {
    small = await startTestServer({ config: { importQuota: 2 } });
    const a = await seedAccount(small.deps);
    const hh = await login(small.url, a.email, a.password);
    const lists = ((await (await fetch(`${small.url}/api/segments`, { headers: hh })).json()) as SegmentsOverview).categories.flatMap((c) => c.lists);
    const list = lists.find((l) => l.name === 'prospect-importé')!;
    const up = await fetch(`${small.url}/api/segments/lists/${list.id}/imports`, { method: 'POST', headers: hh, body: 'Nom;Website\nA;a-co.fr\nB;b-co.fr\nC;c-co.fr\n' });
    const id = ((await up.json()) as { import: ImportView }).import.id;
    let imp: ImportView;
    for (;;) {
      imp = ((await (await fetch(`${small.url}/api/segments/imports/${id}`, { headers: hh })).json()) as { import: ImportView }).import;
      if (imp.status === 'ready') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(imp.preview!.quota).toEqual({ limit: 2, usedElsewhere: 0, total: 3, exceeded: true });
    const res = await fetch(`${small.url}/api/segments/imports/${id}/confirm`, { method: 'POST', headers: hh });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('quota-exceeded');
    expect(body.error.message).toContain('the limit is 2');
  });
});
