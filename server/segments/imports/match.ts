import type { Db } from '../../db/open.js';
import type { ImportCounts, MatchKey } from '../../schemas/segments.js';
import { leavingDestination, type ListRow } from '../lists.js';
import { checkQuota } from '../quota.js';

export const MATCH_ORDER: readonly MatchKey[] = ['siren', 'email_domain', 'website', 'name'];

/**
 * Retroactive matching of an import's rows against every identified company of the organisation:
 * by SIREN, then email domain, then website domain, then exact normalised name (the oldest company
 * when several share a name). Each row matches at most one company; set-based, so 100,000 rows
 * against 100,000 companies stay within indexed lookups.
 */
export function matchImportRows(db: Db, orgId: string, importId: string): void {
  db.prepare('UPDATE import_rows SET company_id = NULL, match_key = NULL WHERE import_id = ?').run(importId);
  // Correlated subqueries, not UPDATE … FROM: each row does one lookup in the companies' unique
  // indexes, whereas a join lets the planner scan the staged rows once per company (quadratic).
  const byColumn = (key: MatchKey, column: 'siren' | 'email_domain' | 'web_domain', companyColumn: 'siren' | 'domain') => {
    db.prepare(
      `UPDATE import_rows SET company_id = (SELECT c.id FROM companies c WHERE c.org_id = ? AND c.${companyColumn} = import_rows.${column})
        WHERE import_id = ? AND company_id IS NULL AND ${column} IS NOT NULL`,
    ).run(orgId, importId);
    db.prepare(`UPDATE import_rows SET match_key = '${key}' WHERE import_id = ? AND company_id IS NOT NULL AND match_key IS NULL`).run(importId);
  };
  byColumn('siren', 'siren', 'siren');
  byColumn('email_domain', 'email_domain', 'domain');
  byColumn('website', 'web_domain', 'domain');
  db.prepare(
    `UPDATE import_rows SET match_key = 'name', company_id =
       (SELECT c.id FROM companies c WHERE c.org_id = ? AND c.name_key = import_rows.name_key ORDER BY c.created_at, c.id LIMIT 1)
      WHERE import_id = ? AND company_id IS NULL
        AND EXISTS (SELECT 1 FROM companies c WHERE c.org_id = ? AND c.name_key = import_rows.name_key)`,
  ).run(orgId, importId, orgId);
}

/** Each matched company once, with the best key that found it (SIREN before email domain, …). */
export function matchedCompanies(db: Db, importId: string): Map<string, MatchKey> {
  const rows = db
    .prepare(
      `SELECT company_id, match_key FROM import_rows WHERE import_id = ? AND company_id IS NOT NULL
        ORDER BY CASE match_key WHEN 'siren' THEN 0 WHEN 'email_domain' THEN 1 WHEN 'website' THEN 2 ELSE 3 END`,
    )
    .all(importId) as Array<{ company_id: string; match_key: MatchKey }>;
  const out = new Map<string, MatchKey>();
  for (const r of rows) if (!out.has(r.company_id)) out.set(r.company_id, r.match_key);
  return out;
}

/** What applying the (already matched) import would do now: the preview, and the base of the report. */
export function importCounts(db: Db, orgId: string, importId: string, list: ListRow, quotaLimit: number): ImportCounts {
  const imp = db.prepare('SELECT rows_read, rows_valid, rows_invalid FROM list_imports WHERE id = ?').get(importId) as { rows_read: number; rows_valid: number; rows_invalid: number };
  const matchedBy = { siren: 0, email_domain: 0, website: 0, name: 0 } satisfies Record<MatchKey, number>;
  for (const r of db.prepare('SELECT match_key, count(*) AS n FROM import_rows WHERE import_id = ? AND company_id IS NOT NULL GROUP BY match_key').all(importId) as Array<{ match_key: MatchKey; n: number }>) {
    matchedBy[r.match_key] = r.n;
  }
  const m = db
    .prepare(
      `SELECT count(*) AS matched, coalesce(sum(c.list_id = ?), 0) AS already, coalesce(sum(c.list_id != ? AND l.locked = 1), 0) AS locked
         FROM (SELECT DISTINCT company_id FROM import_rows WHERE import_id = ? AND company_id IS NOT NULL) x
         JOIN companies c ON c.id = x.company_id JOIN lists l ON l.id = c.list_id`,
    )
    .get(list.id, list.id, importId) as { matched: number; already: number; locked: number };
  const unmatched = db.prepare('SELECT count(*) FROM import_rows WHERE import_id = ? AND company_id IS NULL').pluck().get(importId) as number;
  const inList = db.prepare('SELECT count(*) FROM companies WHERE org_id = ? AND list_id = ?').pluck().get(orgId, list.id) as number;
  const dest = leavingDestination(db, orgId, list);
  return {
    rowsRead: imp.rows_read,
    valid: imp.rows_valid,
    rejected: imp.rows_invalid,
    matched: m.matched,
    matchedBy,
    moved: m.matched - m.already - m.locked,
    alreadyInList: m.already,
    skippedLocked: m.locked,
    unmatched,
    leaving: dest ? inList - m.already : 0,
    leavingTo: dest ? { id: dest.id, name: dest.name } : null,
    quota: checkQuota(db, orgId, list.id, imp.rows_valid, quotaLimit),
  };
}
