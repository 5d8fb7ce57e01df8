import fs from 'node:fs';
import path from 'node:path';
import { openDb, type Db } from '../../server/db/open.js';
import { createOrganisation } from '../../server/orgs/repo.js';
import { recordCompanyEvidence, type Company } from '../../server/companies/repo.js';
import { createImport, requireImport } from '../../server/segments/imports/repo.js';
import { stageImportFile } from '../../server/segments/imports/stage.js';
import { findListByName } from '../../server/segments/lists.js';
import { tempDir } from '../helpers/temp.js';

export type SegOrg = { db: Db; orgId: string; dir: string; cleanup: () => void };

/** A real SQLite file with one organisation and its initial lists. */
export function freshOrg(): SegOrg {
  const tmp = tempDir('vigie-seg-');
  const db = openDb(path.join(tmp.dir, 'vigie.db'));
  const orgId = createOrganisation(db, 'Org', 1_000).id;
  return { db, orgId, dir: tmp.dir, cleanup: () => { db.close(); tmp.cleanup(); } };
}

/** An identified company, created the way identification creates them. */
export function identify(db: Db, orgId: string, c: { name: string; domain?: string | null; siren?: string | null; country?: string | null }, now = 2_000): Company {
  return recordCompanyEvidence(db, orgId, c, { source: 'test', matchedValue: c.domain ?? c.name, confidence: 0.9 }, now).company;
}

export function listIdOf(db: Db, orgId: string, name: string): string {
  const l = findListByName(db, orgId, name);
  if (!l) throw new Error(`no list ${name}`);
  return l.id;
}

export function listOf(db: Db, orgId: string, companyId: string): string {
  return db.prepare('SELECT l.name FROM companies c JOIN lists l ON l.id = c.list_id WHERE c.org_id = ? AND c.id = ?').pluck().get(orgId, companyId) as string;
}

/** Stages a CSV (text or bytes) into a list, as the upload route does after storing the file; returns the import id. */
export async function stage(o: SegOrg, listName: string, content: string | Buffer, quotaLimit = 20_000): Promise<string> {
  const imp = createImport(o.db, o.orgId, listIdOf(o.db, o.orgId, listName), { fileName: 'test.csv' });
  const file = path.join(o.dir, `${imp.id}.csv`);
  fs.writeFileSync(file, content);
  await stageImportFile(o.db, o.orgId, imp.id, file, { quotaLimit });
  return requireImport(o.db, o.orgId, imp.id).id;
}

export const CSV_HEADER = 'Nom;SIREN;Domaine email;Website\n';

/**
 * The one-list-per-company invariant, checked after every test: each company points at exactly one
 * existing list of its own organisation, and the lists' counts add up to the companies.
 */
export function oneListPerCompanyViolations(db: Db): number {
  const orphans = db.prepare('SELECT count(*) FROM companies c LEFT JOIN lists l ON l.id = c.list_id AND l.org_id = c.org_id WHERE l.id IS NULL').pluck().get() as number;
  const total = db.prepare('SELECT count(*) FROM companies').pluck().get() as number;
  const perList = db.prepare('SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM companies c JOIN lists l ON l.id = c.list_id GROUP BY l.id)').pluck().get() as number;
  return orphans + Math.abs(total - perList);
}
