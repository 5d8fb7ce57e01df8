import type { Db } from '../../db/open.js';
import { AppError } from '../../http/errors.js';
import type { ImportCounts, MatchKey } from '../../schemas/segments.js';
import { leavingDestination, requireList } from '../lists.js';
import { moveCompanies } from '../moves.js';
import { quotaError } from '../quota.js';
import { takeSnapshot } from '../snapshots.js';
import { importCounts, matchImportRows, matchedCompanies } from './match.js';
import { requireImport } from './repo.js';

const REASON: Record<MatchKey, string> = { siren: 'matched by SIREN', email_domain: 'matched by email domain', website: 'matched by website', name: 'matched by name' };

/**
 * Applies a previewed import, in one transaction: the list's current content is snapshotted,
 * the rows are matched again (the preview may be stale), companies the file no longer names
 * leave for the category's default list, matched companies move in unless they sit in a locked
 * list (each skip recorded), unmatched rows replace the list's entries for prospective matching.
 * Two imports confirmed at once are serialised: the last one applied wins, whole.
 */
export function applyImport(db: Db, orgId: string, importId: string, opts: { quotaLimit: number; now?: number }): { report: ImportCounts; movedIds: string[] } {
  const now = opts.now ?? Date.now();
  return db.transaction(() => {
    const imp = requireImport(db, orgId, importId);
    if (imp.status === 'applied') throw new AppError('already-applied', 409, 'This import was already applied');
    if (imp.status !== 'ready') throw new AppError('import-not-ready', 409, `This import cannot be applied (status ${imp.status})`);
    const list = requireList(db, orgId, imp.list_id);
    matchImportRows(db, orgId, importId);
    const before = importCounts(db, orgId, importId, list, opts.quotaLimit);
    if (before.quota.exceeded) throw quotaError(before.quota);

    takeSnapshot(db, orgId, list, 'import', importId, now);
    const matched = matchedCompanies(db, importId);
    const dest = leavingDestination(db, orgId, list);
    const movedIds: string[] = [];
    if (dest) {
      const leaving = (db.prepare('SELECT id FROM companies WHERE org_id = ? AND list_id = ?').pluck().all(orgId, list.id) as string[]).filter((id) => !matched.has(id));
      const left = moveCompanies(db, orgId, leaving, dest.id, { type: 'import', id: importId, reason: `no longer in the file imported into ${list.name}` }, { now, respectLocks: false });
      movedIds.push(...left.movedIds);
    }
    let moved = 0;
    let skipped = 0;
    for (const key of ['siren', 'email_domain', 'website', 'name'] as const) {
      const ids = [...matched].filter(([, k]) => k === key).map(([id]) => id);
      const res = moveCompanies(db, orgId, ids, list.id, { type: 'import', id: importId, reason: REASON[key] }, { now });
      moved += res.moved;
      skipped += res.skipped.length;
      movedIds.push(...res.movedIds);
    }

    db.prepare('DELETE FROM list_entries WHERE list_id = ?').run(list.id);
    db.prepare(
      `INSERT INTO list_entries (org_id, list_id, import_id, line, name, name_key, siren, email_domain, web_domain)
       SELECT ?, ?, import_id, line, name, name_key, siren, email_domain, web_domain FROM import_rows WHERE import_id = ? AND company_id IS NULL ORDER BY line`,
    ).run(orgId, list.id, importId);
    db.prepare('UPDATE lists SET imported_rows = ? WHERE id = ?').run(imp.rows_valid, list.id);

    const report: ImportCounts = { ...before, moved, skippedLocked: skipped };
    db.prepare("UPDATE list_imports SET status = 'applied', report = ?, applied_at = ? WHERE id = ?").run(JSON.stringify(report), now, importId);
    db.prepare('DELETE FROM import_rows WHERE import_id = ?').run(importId);
    return { report, movedIds };
  })();
}

/** Abandons a previewed import: nothing changes in the list. */
export function cancelImport(db: Db, orgId: string, importId: string): void {
  const imp = requireImport(db, orgId, importId);
  if (imp.status === 'applied') throw new AppError('already-applied', 409, 'This import was already applied');
  db.transaction(() => {
    db.prepare("UPDATE list_imports SET status = 'cancelled' WHERE id = ?").run(importId);
    db.prepare('DELETE FROM import_rows WHERE import_id = ?').run(importId);
  })();
}
