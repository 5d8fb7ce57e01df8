import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/db/open.js';
import { createOrganisation } from '../../server/orgs/repo.js';
import { createList } from '../../server/segments/lists.js';
import { moveCompanies } from '../../server/segments/moves.js';
import { tempDir } from '../helpers/temp.js';
import { identify, listIdOf, listOf } from './segments-helpers.js';

const run = promisify(execFile);
const tmp = tempDir('vigie-cli-');
let db: Db;
let orgId: string;

beforeAll(() => {
  db = openDb(path.join(tmp.dir, 'vigie.db'));
  orgId = createOrganisation(db, 'Acme Org').id;
  createList(db, orgId, 'prospect', 'salons');
  const rival = identify(db, orgId, { name: 'Électricité Dupont', domain: 'dupont-elec.fr' });
  moveCompanies(db, orgId, [rival.id], listIdOf(db, orgId, 'concurrent-default'), { type: 'user', id: null });
  identify(db, orgId, { name: 'Crème Brûlée', domain: 'creme-brulee.fr' });
});
afterAll(() => {
  db.close();
  tmp.cleanup();
});

/** Runs `vigie` as an administrator would (`npx vigie …` runs this same bin). */
async function vigie(args: string[]): Promise<{ code: number; lines: string[]; last: any }> {
  const res = await run(process.execPath, ['bin/vigie.mjs', ...args], { env: { ...process.env, VIGIE_DATA_DIR: tmp.dir } }).catch((e: { code: number; stdout: string }) => e);
  const lines = (res as { stdout: string }).stdout.trim().split('\n');
  return { code: 'code' in res && typeof res.code === 'number' ? res.code : 0, lines, last: JSON.parse(lines.at(-1)!) };
}

const fixture = path.resolve('test/fixtures/csv/row-rules.csv');
const good = path.resolve('test/fixtures/csv/utf8-bom-semicolon-crlf.csv');

describe('vigie import (command line)', () => {
  it('prints the rejected rows and the counts without changing anything on --dry-run', async () => {
    const out = await vigie(['import', '--org', orgId, '--list', 'prospect-salons', '--dry-run', fixture]);
    expect(out.code).toBe(0);
    expect(out.last).toMatchObject({ ok: true, dryRun: true, rowsRead: 18, valid: 7, list: 'prospect-salons', matched: 0, unmatched: 7 });
    expect(out.last.rejected[0]).toEqual({ line: 3, column: 'Nom', reason: 'Le nom de l’entreprise est obligatoire', value: null });
    expect(out.lines).toContain('  line 4: Au moins 2 des 4 colonnes doivent être renseignées, dont le Nom');
    expect(db.prepare('SELECT count(*) FROM list_entries').pluck().get()).toBe(0);
  });

  it('imports with the organisation and list given by name, reporting matched / moved / skipped-locked / unmatched', async () => {
    const out = await vigie(['import', '--org', 'Acme Org', '--list', 'prospect-salons', good, '--lang', 'en']);
    expect(out.code).toBe(0);
    expect(out.last).toMatchObject({ ok: true, dryRun: false, rowsRead: 3, valid: 3, rejected: [], matched: 2, moved: 1, skippedLocked: 1, unmatched: 1 });
    expect(out.last.skipped).toEqual([expect.objectContaining({ companyName: 'Électricité Dupont', fromList: 'concurrent-default' })]);
    const brulee = db.prepare("SELECT id FROM companies WHERE domain = 'creme-brulee.fr'").pluck().get() as string;
    expect(listOf(db, orgId, brulee)).toBe('prospect-salons');
  });

  it('exits non-zero with the reason on an unknown list or a usage mistake', async () => {
    const res = await run(process.execPath, ['bin/vigie.mjs', 'import', '--org', orgId, '--list', 'nope', good], { env: { ...process.env, VIGIE_DATA_DIR: tmp.dir } }).catch((e) => e as { code: number; stderr: string });
    expect(res).toMatchObject({ code: 2 });
    expect((res as { stderr: string }).stderr).toContain('no list nope');
    const usage = await run(process.execPath, ['bin/vigie.mjs', 'import', good], { env: process.env }).catch((e) => e as { code: number; stderr: string });
    expect((usage as { stderr: string }).stderr).toContain('usage: vigie import --org ORG --list LIST FILE [--dry-run]');
  });
});
