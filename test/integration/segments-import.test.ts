import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyImport } from '../../server/segments/imports/apply.js';
import { importErrors, importSkips, importView, requireImport } from '../../server/segments/imports/repo.js';
import { createList, setListLocked } from '../../server/segments/lists.js';
import { moveCompanies } from '../../server/segments/moves.js';
import { AppError } from '../../server/http/errors.js';
import type { ImportCounts } from '../../server/schemas/segments.js';
import { CSV_HEADER, freshOrg, identify, listIdOf, listOf, stage, type SegOrg, oneListPerCompanyViolations } from './segments-helpers.js';

const fixture = (name: string) => fs.readFileSync(path.resolve('test/fixtures/csv', name));

let o: SegOrg;
beforeEach(() => {
  o = freshOrg();
  createList(o.db, o.orgId, 'prospect', 'salons');
});
afterEach(() => {
  expect(oneListPerCompanyViolations(o.db)).toBe(0);
  o.cleanup();
});

const staged = (importId: string) =>
  o.db.prepare('SELECT line, name, siren, email_domain, web_domain FROM import_rows WHERE import_id = ? ORDER BY line').all(importId);
const preview = (importId: string) => JSON.parse(requireImport(o.db, o.orgId, importId).preview!) as ImportCounts;
const apply = (importId: string, quotaLimit = 20_000) => applyImport(o.db, o.orgId, importId, { quotaLimit }).report;

describe('reading files as Excel in France writes them', () => {
  it('reads UTF-8 with BOM, semicolons, CRLF and a quoted cell holding the delimiter', async () => {
    const id = await stage(o, 'prospect-salons', fixture('utf8-bom-semicolon-crlf.csv'));
    expect(requireImport(o.db, o.orgId, id)).toMatchObject({ status: 'ready', encoding: 'utf-8', delimiter: ';', rows_read: 3, rows_valid: 3 });
    expect(staged(id)).toEqual([
      { line: 2, name: 'Électricité Dupont', siren: '552100554', email_domain: 'dupont-elec.fr', web_domain: 'dupont-elec.fr' },
      { line: 3, name: 'Martin; Fils & Cie', siren: null, email_domain: 'martin-fils.fr', web_domain: null },
      { line: 4, name: 'Crème Brûlée SARL', siren: '732829320', email_domain: null, web_domain: 'creme-brulee.fr' },
    ]);
  });

  it('reads a Windows-1252 file with accented headers in capitals', async () => {
    const id = await stage(o, 'prospect-salons', fixture('cp1252-semicolon.csv'));
    expect(requireImport(o.db, o.orgId, id)).toMatchObject({ status: 'ready', encoding: 'windows-1252', rows_valid: 2 });
    expect(staged(id).map((r) => (r as { name: string }).name)).toEqual(['Société Œuvre d’Art €', 'Brasserie Fenêtre']);
  });

  it('reads Excel\'s "Texte Unicode" (UTF-16 with BOM, tabs), a "sep=;" first line, and a BOM before Windows-1252 text', async () => {
    const text = 'Nom;SIREN;Domaine email;Website\r\nSociété Générale;552120222;;societegenerale.fr\r\nÉlise & Fils;;elise-fils.fr;\r\n';
    const names = (id: string) => staged(id).map((r) => (r as { name: string }).name);
    const utf16 = await stage(o, 'prospect-salons', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/;/g, '\t'), 'utf16le')]));
    expect(requireImport(o.db, o.orgId, utf16)).toMatchObject({ status: 'ready', encoding: 'utf-16le', delimiter: '\t', rows_valid: 2 });
    expect(names(utf16)).toEqual(['Société Générale', 'Élise & Fils']);
    const be = Buffer.from(text, 'utf16le').swap16();
    const utf16be = await stage(o, 'prospect-salons', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    expect(requireImport(o.db, o.orgId, utf16be)).toMatchObject({ status: 'ready', encoding: 'utf-16be', rows_valid: 2 });
    const sep = await stage(o, 'prospect-salons', Buffer.from(`sep=;\r\n${text.replace('Élise & Fils', 'Élise, Fils')}`, 'latin1'));
    expect(requireImport(o.db, o.orgId, sep)).toMatchObject({ status: 'ready', delimiter: ';', rows_valid: 2 });
    expect(staged(sep).map((r) => (r as { line: number }).line)).toEqual([2, 3]); // as Excel numbers them: the hint line is hidden
    expect(names(sep)).toEqual(['Société Générale', 'Élise, Fils']);
    const glued = await stage(o, 'prospect-salons', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'latin1')]));
    expect(requireImport(o.db, o.orgId, glued)).toMatchObject({ status: 'ready', encoding: 'windows-1252', rows_valid: 2 });
    expect(names(glued)).toEqual(['Société Générale', 'Élise & Fils']);
  });

  it('reads commas, escaped quotes, English aliases and columns in another order', async () => {
    const id = await stage(o, 'prospect-salons', fixture('utf8-comma-quoted.csv'));
    expect(requireImport(o.db, o.orgId, id)).toMatchObject({ delimiter: ',', rows_valid: 2 });
    expect(staged(id)).toEqual([
      { line: 2, name: 'ACME, Inc.', siren: null, email_domain: 'acme-corp.fr', web_domain: 'acme.co.uk' },
      { line: 3, name: 'Le "Petit" Atelier', siren: '542065479', email_domain: 'petit-atelier.fr', web_domain: null },
    ]);
  });

  it('fails a file without a Nom column or without any line, saying what is expected', async () => {
    const noName = requireImport(o.db, o.orgId, await stage(o, 'prospect-salons', 'Société;SIREN\nAcme;552100554\n'));
    expect(noName).toMatchObject({ status: 'failed', error_code: 'missing-name-column' });
    expect(noName.error).toContain('Nom, SIREN, Domaine email, Website');
    expect(requireImport(o.db, o.orgId, await stage(o, 'prospect-salons', ''))).toMatchObject({ status: 'failed', error_code: 'empty-file' });
  });

  it('tells the dashboard user why a file was refused in their language, not the command line\'s English', async () => {
    const noName = await stage(o, 'prospect-salons', 'Société;SIREN\nAcme;552100554\n');
    expect(importView(o.db, o.orgId, noName, 'fr').error).toEqual({
      code: 'missing-name-column',
      message: 'Colonne « Nom » introuvable. La première ligne du fichier doit porter les en-têtes : Nom, SIREN, Domaine email, Website',
    });
    expect(importView(o.db, o.orgId, noName, 'en').error?.message).toMatch(/^No “Nom” column/);
    const twice = await stage(o, 'prospect-salons', 'Nom;SIREN;SIRET\nAcme;552100554;55210055400013\n');
    expect(importView(o.db, o.orgId, twice, 'fr').error).toEqual({ code: 'duplicate-column', message: 'La colonne « SIREN » apparaît deux fois dans l’en-tête' });
    expect(importView(o.db, o.orgId, await stage(o, 'prospect-salons', ''), 'fr').error?.message).toBe(
      'Le fichier est vide : il faut au moins la ligne d’en-tête Nom, SIREN, Domaine email, Website',
    );
  });

  it('imports the valid rows and reports each violation with its line, column and reason', async () => {
    const id = await stage(o, 'prospect-salons', fixture('row-rules.csv'));
    expect(requireImport(o.db, o.orgId, id)).toMatchObject({ rows_read: 18, rows_valid: 7, rows_invalid: 11 });
    expect(importErrors(o.db, id, 'fr').map((e) => [e.line, e.column, e.reason])).toEqual([
      [3, 'Nom', 'name-required'],
      [4, '', 'too-few-columns'],
      [6, 'SIREN', 'multiple-values'],
      [7, 'SIREN', 'siren-format'],
      [8, 'SIREN', 'siren-checksum'],
      [12, 'SIREN', 'siren-checksum'],
      [13, 'Domaine email', 'email-domain-at'],
      [14, 'Domaine email', 'email-domain-free'],
      [15, 'Domaine email', 'email-domain-free'],
      [17, 'Website', 'website-invalid'],
      [19, 'Website', 'multiple-values'],
    ]);
    expect(staged(id).map((r) => (r as { line: number }).line)).toEqual([2, 5, 9, 10, 11, 16, 18]);
  });
});

describe('retroactive matching', () => {
  it('matches by SIREN, then email domain, then website, then exact normalised name', async () => {
    const bySiren = identify(o.db, o.orgId, { name: 'Alpha', domain: 'alpha.fr', siren: '552100554' });
    const byEmail = identify(o.db, o.orgId, { name: 'Beta', domain: 'beta.fr' });
    const byWeb = identify(o.db, o.orgId, { name: 'Gamma', domain: 'gamma.fr' });
    const byName = identify(o.db, o.orgId, { name: 'Société Delta SAS', domain: 'delta.fr' });
    const id = await stage(
      o,
      'prospect-salons',
      CSV_HEADER +
        'Row1;552100554;beta.fr;gamma.fr\n' + // SIREN wins over the email domain and website naming other companies
        'Row2;;beta.fr;gamma.fr\n' + // email domain wins over website
        'Delta;;;gamma.fr\n' + // website wins over name
        'SOCIETE DELTA;;;unknown-site.fr\n' + // name only (accents, case and legal form ignored)
        'Nobody;;;nobody.fr\n',
    );
    const rows = o.db.prepare('SELECT line, company_id, match_key FROM import_rows WHERE import_id = ? ORDER BY line').all(id);
    expect(rows).toEqual([
      { line: 2, company_id: bySiren.id, match_key: 'siren' },
      { line: 3, company_id: byEmail.id, match_key: 'email_domain' },
      { line: 4, company_id: byWeb.id, match_key: 'website' },
      { line: 5, company_id: byName.id, match_key: 'name' },
      { line: 6, company_id: null, match_key: null },
    ]);
    const report = apply(id);
    expect(report).toMatchObject({ valid: 5, matched: 4, moved: 4, skippedLocked: 0, unmatched: 1, matchedBy: { siren: 1, email_domain: 1, website: 1, name: 1 } });
    for (const c of [bySiren, byEmail, byWeb, byName]) expect(listOf(o.db, o.orgId, c.id)).toBe('prospect-salons');
    const trail = o.db.prepare("SELECT actor, actor_id, reason FROM list_moves WHERE company_id = ? AND actor = 'import'").get(bySiren.id);
    expect(trail).toEqual({ actor: 'import', actor_id: id, reason: 'matched by SIREN' });
  });

  it('leaves companies of locked lists where they are, records each skip and lists it in the report', async () => {
    const rival = identify(o.db, o.orgId, { name: 'Rival', domain: 'rival.fr' });
    const free = identify(o.db, o.orgId, { name: 'Free', domain: 'free-co.fr' });
    moveCompanies(o.db, o.orgId, [rival.id], listIdOf(o.db, o.orgId, 'concurrent-default'), { type: 'user', id: null });
    const id = await stage(o, 'prospect-salons', CSV_HEADER + 'Rival;;;rival.fr\nFree;;;free-co.fr\n');
    expect(preview(id)).toMatchObject({ matched: 2, moved: 1, skippedLocked: 1 });
    expect(apply(id)).toMatchObject({ matched: 2, moved: 1, skippedLocked: 1, unmatched: 0 });
    expect(listOf(o.db, o.orgId, rival.id)).toBe('concurrent-default');
    expect(listOf(o.db, o.orgId, free.id)).toBe('prospect-salons');
    expect(importSkips(o.db, o.orgId, id)).toEqual([{ companyId: rival.id, companyName: 'Rival', fromList: 'concurrent-default', reason: 'locked list' }]);
  });

  it('moves the company once unlocked, on the next import', async () => {
    const rival = identify(o.db, o.orgId, { name: 'Rival', domain: 'rival.fr' });
    moveCompanies(o.db, o.orgId, [rival.id], listIdOf(o.db, o.orgId, 'concurrent-default'), { type: 'user', id: null });
    setListLocked(o.db, o.orgId, listIdOf(o.db, o.orgId, 'concurrent-default'), false);
    apply(await stage(o, 'prospect-salons', CSV_HEADER + 'Rival;;;rival.fr\n'));
    expect(listOf(o.db, o.orgId, rival.id)).toBe('prospect-salons');
  });
});

describe('prospective matching', () => {
  it('keeps unmatched rows as entries and places a company identified later directly in their list', async () => {
    apply(await stage(o, 'prospect-salons', CSV_HEADER + 'Futur;;;futur.fr\nParSiren;443061841;;\nParNom SAS;;;parnom-site.fr\n'));
    expect(o.db.prepare('SELECT count(*) FROM list_entries WHERE list_id = ?').pluck().get(listIdOf(o.db, o.orgId, 'prospect-salons'))).toBe(3);
    const byDomain = identify(o.db, o.orgId, { name: 'Futur Industries', domain: 'www.futur.fr' });
    const bySiren = identify(o.db, o.orgId, { name: 'Autre nom', siren: '443061841' });
    const byName = identify(o.db, o.orgId, { name: 'Parnom' });
    const other = identify(o.db, o.orgId, { name: 'Inconnu', domain: 'inconnu.fr' });
    expect([byDomain, bySiren, byName, other].map((c) => listOf(o.db, o.orgId, c.id))).toEqual(['prospect-salons', 'prospect-salons', 'prospect-salons', 'prospect-default']);
    const first = o.db.prepare('SELECT actor, reason FROM list_moves WHERE company_id = ?').get(byDomain.id);
    expect(first).toEqual({ actor: 'import', reason: 'matched imported row "Futur" by website' });
    // Matched rows stop waiting; the list now holds their companies.
    expect(o.db.prepare('SELECT count(*) FROM list_entries').pluck().get()).toBe(0);
  });
});

describe('replacing a list', () => {
  it('says in the preview how many companies leave and where, then moves them there and snapshots the old content', async () => {
    const [x, y, z] = ['x', 'y', 'z'].map((n) => identify(o.db, o.orgId, { name: n.toUpperCase(), domain: `${n}-co.fr` }));
    apply(await stage(o, 'prospect-salons', CSV_HEADER + 'X;;;x-co.fr\nY;;;y-co.fr\nPending;;;pending.fr\n'));
    const second = await stage(o, 'prospect-salons', CSV_HEADER + 'Y;;;y-co.fr\nZ;;;z-co.fr\n');
    expect(preview(second)).toMatchObject({ leaving: 1, leavingTo: { name: 'prospect-default' }, alreadyInList: 1, moved: 1 });
    apply(second);
    expect([x, y, z].map((c) => listOf(o.db, o.orgId, c!.id))).toEqual(['prospect-default', 'prospect-salons', 'prospect-salons']);
    const listId = listIdOf(o.db, o.orgId, 'prospect-salons');
    expect(o.db.prepare('SELECT count(*) FROM list_entries WHERE list_id = ?').pluck().get(listId)).toBe(0);
    const { listSnapshots, snapshotCsv, restoreSnapshot } = await import('../../server/segments/snapshots.js');
    const snaps = listSnapshots(o.db, o.orgId, listId);
    expect(snaps[0]).toMatchObject({ reason: 'import', companies: 2, entries: 1, importedRows: 3 });
    const csv = snapshotCsv(o.db, o.orgId, snaps[0]!.id).body;
    expect(csv.startsWith('\uFEFFNom;SIREN;Domaine email;Website\r\n')).toBe(true);
    expect(csv).toContain('X;;x-co.fr;x-co.fr\r\n');
    expect(csv).toContain('Pending;;;pending.fr\r\n');

    const res = restoreSnapshot(o.db, o.orgId, snaps[0]!.id, { userId: null, quotaLimit: 20_000 });
    expect(res).toMatchObject({ restored: 1, left: 1, entries: 1 });
    expect([x, y, z].map((c) => listOf(o.db, o.orgId, c!.id))).toEqual(['prospect-salons', 'prospect-salons', 'prospect-default']);
    expect(o.db.prepare('SELECT imported_rows FROM lists WHERE id = ?').pluck().get(listId)).toBe(3);
    expect(listSnapshots(o.db, o.orgId, listId)[0]).toMatchObject({ reason: 'restore', companies: 2 });
  });

  it('sends companies leaving a default list to prospect-default, and keeps prospect-default\'s own companies', async () => {
    const c = identify(o.db, o.orgId, { name: 'Client', domain: 'client-co.fr' });
    moveCompanies(o.db, o.orgId, [c.id], listIdOf(o.db, o.orgId, 'client-default'), { type: 'user', id: null });
    const id = await stage(o, 'client-default', CSV_HEADER + 'Autre;;;autre-co.fr\n');
    expect(preview(id)).toMatchObject({ leaving: 1, leavingTo: { name: 'prospect-default' } });
    apply(id);
    expect(listOf(o.db, o.orgId, c.id)).toBe('prospect-default');
    const again = await stage(o, 'prospect-default', CSV_HEADER + 'Autre;;;autre-co.fr\n');
    expect(preview(again)).toMatchObject({ leaving: 0, leavingTo: null });
    apply(again);
    expect(listOf(o.db, o.orgId, c.id)).toBe('prospect-default');
  });

  it('empties a locked list it replaces, since the user confirmed the replacement', async () => {
    const c = identify(o.db, o.orgId, { name: 'Old', domain: 'old-co.fr' });
    moveCompanies(o.db, o.orgId, [c.id], listIdOf(o.db, o.orgId, 'prospect-importé'), { type: 'user', id: null });
    apply(await stage(o, 'prospect-importé', CSV_HEADER + 'New;;;new-co.fr\n'));
    expect(listOf(o.db, o.orgId, c.id)).toBe('prospect-default');
  });

  it('refuses to confirm twice or to confirm a failed import', async () => {
    const id = await stage(o, 'prospect-salons', CSV_HEADER + 'A;;;a-co.fr\n');
    apply(id);
    expect(() => apply(id)).toThrow(AppError);
    const bad = await stage(o, 'prospect-salons', 'x;y\n');
    expect(() => apply(bad)).toThrowError(/cannot be applied/);
  });

  it('ends in the state of the last import applied when two imports into one list are confirmed one after the other', async () => {
    const a = identify(o.db, o.orgId, { name: 'A', domain: 'a-co.fr' });
    const b = identify(o.db, o.orgId, { name: 'B', domain: 'b-co.fr' });
    const first = await stage(o, 'prospect-salons', CSV_HEADER + 'A;;;a-co.fr\nPA;;;pa.fr\n');
    const second = await stage(o, 'prospect-salons', CSV_HEADER + 'B;;;b-co.fr\nPB;;;pb.fr\nPC;;;pc.fr\n');
    apply(first);
    apply(second);
    const listId = listIdOf(o.db, o.orgId, 'prospect-salons');
    expect([listOf(o.db, o.orgId, a.id), listOf(o.db, o.orgId, b.id)]).toEqual(['prospect-default', 'prospect-salons']);
    expect(o.db.prepare('SELECT name FROM list_entries WHERE list_id = ? ORDER BY name').pluck().all(listId)).toEqual(['PB', 'PC']);
    expect(o.db.prepare('SELECT imported_rows FROM lists WHERE id = ?').pluck().get(listId)).toBe(3);
  });
});

describe('import quota', () => {
  it('counts the valid rows of every list and refuses an import that would exceed the quota, with a clear message', async () => {
    createList(o.db, o.orgId, 'client', 'grands-comptes');
    apply(await stage(o, 'client-grands-comptes', CSV_HEADER + 'A;;;a-co.fr\nB;;;b-co.fr\n', 3), 3);
    const id = await stage(o, 'prospect-salons', CSV_HEADER + 'C;;;c-co.fr\nD;;;d-co.fr\n', 3);
    expect(preview(id).quota).toEqual({ limit: 3, usedElsewhere: 2, total: 4, exceeded: true });
    let err: unknown;
    try { apply(id, 3); } catch (e) { err = e; }
    expect(err).toMatchObject({ code: 'quota-exceeded', status: 409 });
    expect((err as Error).message).toMatch(/would hold 4 imported rows, the limit is 3/);
    expect(o.db.prepare('SELECT count(*) FROM list_entries WHERE list_id = ?').pluck().get(listIdOf(o.db, o.orgId, 'prospect-salons'))).toBe(0);
    // Replacing the same list counts only the new rows.
    apply(await stage(o, 'client-grands-comptes', CSV_HEADER + 'A;;;a-co.fr\nB;;;b-co.fr\nE;;;e-co.fr\n', 3), 3);
  });
});

describe('large files', () => {
  it('imports a generated 100,000-row file and matches it against identified companies', async () => {
    const ids: string[] = [];
    o.db.transaction(() => {
      for (let i = 0; i < 1000; i++) ids.push(identify(o.db, o.orgId, { name: `Known ${i}`, domain: `known${i}.fr` }).id);
    })();
    let csv = 'Nom;SIREN;Domaine email;Website\r\n';
    for (let i = 0; i < 100_000; i++) csv += i < 1000 ? `Known ${i};;;https://www.known${i}.fr/\r\n` : `Entreprise ${i};;ent${i}.fr;\r\n`;
    const id = await stage(o, 'prospect-salons', csv, 200_000);
    expect(requireImport(o.db, o.orgId, id)).toMatchObject({ status: 'ready', rows_read: 100_000, rows_valid: 100_000 });
    const report = apply(id, 200_000);
    expect(report).toMatchObject({ valid: 100_000, matched: 1000, moved: 1000, unmatched: 99_000 });
    const listId = listIdOf(o.db, o.orgId, 'prospect-salons');
    expect(o.db.prepare('SELECT count(*) FROM list_entries WHERE list_id = ?').pluck().get(listId)).toBe(99_000);
    expect(o.db.prepare('SELECT count(*) FROM companies WHERE list_id = ?').pluck().get(listId)).toBe(1000);
  });
});

describe('abandoned imports', () => {
  it('fails uploads interrupted by a restart and cancels previews never confirmed within a day', async () => {
    const { createImport, pruneStaleImports } = await import('../../server/segments/imports/repo.js');
    const listId = listIdOf(o.db, o.orgId, 'prospect-salons');
    const interrupted = createImport(o.db, o.orgId, listId, { now: 10 });
    const cli = createImport(o.db, o.orgId, listId, { now: 10, source: 'cli' });
    const old = await stage(o, 'prospect-salons', CSV_HEADER + 'A;;;a-co.fr\n');
    o.db.prepare('UPDATE list_imports SET created_at = 0 WHERE id = ?').run(old);
    const fresh = await stage(o, 'prospect-salons', CSV_HEADER + 'B;;;b-co.fr\n');
    pruneStaleImports(o.db, 25 * 3600 * 1000, { interrupted: true });
    expect(requireImport(o.db, o.orgId, interrupted.id)).toMatchObject({ status: 'failed', error_code: 'interrupted' });
    expect(requireImport(o.db, o.orgId, cli.id).status).toBe('receiving'); // may be running in another process
    expect(requireImport(o.db, o.orgId, old).status).toBe('cancelled');
    expect(o.db.prepare('SELECT count(*) FROM import_rows WHERE import_id = ?').pluck().get(old)).toBe(0);
    expect(requireImport(o.db, o.orgId, fresh).status).toBe('ready');
  });
});
