import type { Db } from '../db/open.js';
import { newId } from '../db/ids.js';
import { notFound } from '../http/errors.js';
import { nameKey } from '../companies/normalize.js';
import type { SnapshotView } from '../schemas/segments.js';
import { leavingDestination, requireList, type ListRow } from './lists.js';
import { moveCompanies } from './moves.js';
import { checkQuota, quotaError } from './quota.js';
import { BOM, csvLine } from './csv/write.js';
import { TEMPLATE_HEADER } from './csv/header.js';

/** Snapshots kept per list; older ones are deleted when a new one is taken. */
export const SNAPSHOTS_KEPT = 10;

type SnapshotRow = { id: string; org_id: string; list_id: string; reason: 'import' | 'restore'; import_id: string | null; imported_rows: number; companies: number; entries: number; created_at: number };

const toView = (r: SnapshotRow): SnapshotView => ({ id: r.id, listId: r.list_id, reason: r.reason, companies: r.companies, entries: r.entries, importedRows: r.imported_rows, createdAt: r.created_at });

/** Keeps what a list holds (its companies and its pending entries) before an import or a restore replaces it. */
export function takeSnapshot(db: Db, orgId: string, list: ListRow, reason: 'import' | 'restore', importId: string | null, now: number): string {
  const id = newId('snp');
  db.prepare('INSERT INTO list_snapshots (id, org_id, list_id, reason, import_id, imported_rows, companies, entries, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?)').run(
    id, orgId, list.id, reason, importId, list.imported_rows, now,
  );
  const companies = db
    .prepare(`INSERT INTO list_snapshot_items (snapshot_id, kind, company_id, name, siren, email_domain, web_domain) SELECT ?, 'company', id, name, siren, domain, domain FROM companies WHERE org_id = ? AND list_id = ?`)
    .run(id, orgId, list.id).changes;
  const entries = db
    .prepare(`INSERT INTO list_snapshot_items (snapshot_id, kind, name, siren, email_domain, web_domain, import_id, line) SELECT ?, 'entry', name, siren, email_domain, web_domain, import_id, line FROM list_entries WHERE list_id = ?`)
    .run(id, list.id).changes;
  db.prepare('UPDATE list_snapshots SET companies = ?, entries = ? WHERE id = ?').run(companies, entries, id);
  const old = db.prepare('SELECT id FROM list_snapshots WHERE list_id = ? ORDER BY created_at DESC, rowid DESC LIMIT -1 OFFSET ?').pluck().all(list.id, SNAPSHOTS_KEPT) as string[];
  for (const o of old) db.prepare('DELETE FROM list_snapshots WHERE id = ?').run(o);
  return id;
}

export function listSnapshots(db: Db, orgId: string, listId: string): SnapshotView[] {
  requireList(db, orgId, listId);
  return (db.prepare('SELECT * FROM list_snapshots WHERE org_id = ? AND list_id = ? ORDER BY created_at DESC, rowid DESC').all(orgId, listId) as SnapshotRow[]).map(toView);
}

function requireSnapshot(db: Db, orgId: string, id: string): SnapshotRow {
  const row = db.prepare('SELECT * FROM list_snapshots WHERE org_id = ? AND id = ?').get(orgId, id) as SnapshotRow | undefined;
  if (!row) throw notFound('Snapshot not found');
  return row;
}

/** The snapshot as an importable CSV (same four columns as the template): companies, then pending entries. */
export function snapshotCsv(db: Db, orgId: string, snapshotId: string): { fileName: string; body: string } {
  const snap = requireSnapshot(db, orgId, snapshotId);
  const listName = (db.prepare('SELECT name FROM lists WHERE id = ?').pluck().get(snap.list_id) as string | undefined) ?? 'list';
  const items = db.prepare("SELECT name, siren, email_domain, web_domain FROM list_snapshot_items WHERE snapshot_id = ? ORDER BY kind, name").all(snapshotId) as Array<{ name: string; siren: string | null; email_domain: string | null; web_domain: string | null }>;
  let body = BOM + csvLine(TEMPLATE_HEADER);
  for (const i of items) body += csvLine([i.name, i.siren, i.email_domain, i.web_domain]);
  const day = new Date(snap.created_at).toISOString().slice(0, 10);
  return { fileName: `${listName}-snapshot-${day}.csv`, body };
}

/**
 * Puts a list back as a snapshot kept it: its companies return (a user's action, so even from
 * locked lists), companies added since leave for the list's usual destination, the pending
 * entries and imported-row count come back. The current content is snapshotted first, so a
 * restore can itself be undone.
 */
export function restoreSnapshot(db: Db, orgId: string, snapshotId: string, opts: { userId: string | null; quotaLimit: number; now?: number }): { restored: number; left: number; entries: number; movedIds: string[] } {
  const now = opts.now ?? Date.now();
  return db.transaction(() => {
    const snap = requireSnapshot(db, orgId, snapshotId);
    const list = requireList(db, orgId, snap.list_id);
    const quota = checkQuota(db, orgId, list.id, snap.imported_rows, opts.quotaLimit);
    if (quota.exceeded) throw quotaError(quota);
    takeSnapshot(db, orgId, list, 'restore', null, now);
    const back = db
      .prepare("SELECT c.id FROM list_snapshot_items i JOIN companies c ON c.id = i.company_id AND c.org_id = ? WHERE i.snapshot_id = ? AND i.kind = 'company'")
      .pluck()
      .all(orgId, snapshotId) as string[];
    const keep = new Set(back);
    const leaving = (db.prepare('SELECT id FROM companies WHERE org_id = ? AND list_id = ?').pluck().all(orgId, list.id) as string[]).filter((id) => !keep.has(id));
    const actor = { type: 'user' as const, id: opts.userId, reason: 'snapshot restored' };
    const dest = leavingDestination(db, orgId, list);
    const left = dest ? moveCompanies(db, orgId, leaving, dest.id, actor, { now }) : { moved: 0, movedIds: [] };
    const restored = moveCompanies(db, orgId, back, list.id, actor, { now });
    db.prepare('DELETE FROM list_entries WHERE list_id = ?').run(list.id);
    const entries = db.prepare("SELECT name, siren, email_domain, web_domain, import_id, line FROM list_snapshot_items WHERE snapshot_id = ? AND kind = 'entry'").all(snapshotId) as Array<{ name: string; siren: string | null; email_domain: string | null; web_domain: string | null; import_id: string | null; line: number | null }>;
    const insert = db.prepare('INSERT INTO list_entries (org_id, list_id, import_id, line, name, name_key, siren, email_domain, web_domain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const e of entries) insert.run(orgId, list.id, e.import_id, e.line, e.name, nameKey(e.name), e.siren, e.email_domain, e.web_domain);
    db.prepare('UPDATE lists SET imported_rows = ? WHERE id = ?').run(snap.imported_rows, list.id);
    return { restored: restored.moved, left: left.moved, entries: entries.length, movedIds: [...left.movedIds, ...restored.movedIds] };
  })();
}
