import type { Db } from '../../db/open.js';
import { newId } from '../../db/ids.js';
import { notFound } from '../../http/errors.js';
import type { ImportCounts, ImportErrorView, ImportStatus, ImportView, SkippedMoveView } from '../../schemas/segments.js';
import { fileErrorMessage, reasonMessage } from '../csv/reasons.js';

export type ImportRow = {
  id: string; org_id: string; list_id: string; status: ImportStatus; source: 'upload' | 'cli'; file_name: string | null;
  bytes_total: number | null; bytes_done: number; encoding: string | null; delimiter: string | null;
  rows_read: number; rows_valid: number; rows_invalid: number; preview: string | null; report: string | null;
  error_code: string | null; error: string | null; created_by: string | null; created_at: number; applied_at: number | null;
};

/** Starts an import run into a list (status `receiving` until the file is stored). */
export function createImport(db: Db, orgId: string, listId: string, opts: { fileName?: string | null; bytesTotal?: number | null; userId?: string | null; source?: 'upload' | 'cli'; now?: number }): ImportRow {
  const id = newId('imp');
  db.prepare(
    'INSERT INTO list_imports (id, org_id, list_id, status, source, file_name, bytes_total, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(id, orgId, listId, 'receiving', opts.source ?? 'upload', opts.fileName ?? null, opts.bytesTotal ?? null, opts.userId ?? null, opts.now ?? Date.now());
  return requireImport(db, orgId, id);
}

export function requireImport(db: Db, orgId: string, importId: string): ImportRow {
  const row = db.prepare('SELECT * FROM list_imports WHERE org_id = ? AND id = ?').get(orgId, importId) as ImportRow | undefined;
  if (!row) throw notFound('Import not found');
  return row;
}

export function failImport(db: Db, importId: string, code: string, message: string): void {
  db.prepare("UPDATE list_imports SET status = 'failed', error_code = ?, error = ? WHERE id = ?").run(code, message, importId);
  db.prepare('DELETE FROM import_rows WHERE import_id = ?').run(importId);
}

/** Violations of an import in file order; `limit` for the report, all of them for the CSV. */
export function importErrors(db: Db, importId: string, lang: 'fr' | 'en', limit = -1): ImportErrorView[] {
  const rows = db.prepare('SELECT line, col, reason, value FROM import_errors WHERE import_id = ? ORDER BY line, id LIMIT ?').all(importId, limit) as Array<{ line: number; col: string; reason: string; value: string | null }>;
  return rows.map((r) => ({ line: r.line, column: r.col, reason: r.reason, message: reasonMessage(r.reason, lang), value: r.value }));
}

/** Companies an import could not move because they sat in a locked list. */
export function importSkips(db: Db, orgId: string, importId: string, limit = 200): SkippedMoveView[] {
  return (
    db
      .prepare(
        `SELECT s.company_id, c.name AS company_name, l.name AS from_name, s.reason
           FROM list_move_skips s JOIN companies c ON c.id = s.company_id LEFT JOIN lists l ON l.id = s.from_list_id
          WHERE s.org_id = ? AND s.actor_id = ? ORDER BY c.name LIMIT ?`,
      )
      .all(orgId, importId, limit) as Array<{ company_id: string; company_name: string; from_name: string | null; reason: string }>
  ).map((r) => ({ companyId: r.company_id, companyName: r.company_name, fromList: r.from_name ?? '', reason: r.reason }));
}

/** What the dashboard polls: status, progress, preview counts, then the report. */
export function importView(db: Db, orgId: string, importId: string, lang: 'fr' | 'en' = 'fr'): ImportView {
  const r = requireImport(db, orgId, importId);
  const listName = (db.prepare('SELECT name FROM lists WHERE id = ?').pluck().get(r.list_id) as string | undefined) ?? '';
  const done = r.status === 'ready' || r.status === 'applied';
  const percent = done ? 100 : r.bytes_total ? Math.min(99, Math.floor((100 * r.bytes_done) / r.bytes_total)) : 0;
  return {
    id: r.id,
    listId: r.list_id,
    listName,
    status: r.status,
    fileName: r.file_name,
    progress: { bytesDone: r.bytes_done, bytesTotal: r.bytes_total, rowsRead: r.rows_read, percent },
    encoding: r.encoding,
    delimiter: r.delimiter,
    preview: r.preview ? (JSON.parse(r.preview) as ImportCounts) : null,
    report: r.report ? (JSON.parse(r.report) as ImportCounts) : null,
    skipped: r.status === 'applied' ? importSkips(db, orgId, r.id) : [],
    errors: importErrors(db, r.id, lang, 100),
    error: r.error_code ? { code: r.error_code, message: fileErrorMessage(r.error_code, r.error, lang) } : null,
    createdAt: r.created_at,
    appliedAt: r.applied_at,
  };
}

/** The list's imports, newest first. */
export function listImports(db: Db, orgId: string, listId: string, limit = 20): Array<Pick<ImportView, 'id' | 'status' | 'fileName' | 'createdAt' | 'appliedAt'> & { rowsValid: number; rowsInvalid: number }> {
  return (
    db.prepare('SELECT * FROM list_imports WHERE org_id = ? AND list_id = ? ORDER BY created_at DESC LIMIT ?').all(orgId, listId, limit) as ImportRow[]
  ).map((r) => ({ id: r.id, status: r.status, fileName: r.file_name, createdAt: r.created_at, appliedAt: r.applied_at, rowsValid: r.rows_valid, rowsInvalid: r.rows_invalid }));
}

/**
 * Abandons runs left behind: parsing interrupted by a restart, and previews never confirmed
 * within a day (their staged rows are deleted).
 */
export function pruneStaleImports(db: Db, now: number, opts: { interrupted?: boolean } = {}): void {
  db.transaction(() => {
    if (opts.interrupted) {
      // Only uploads: a command-line import may be running in another process right now.
      const ids = db.prepare("SELECT id FROM list_imports WHERE status IN ('receiving','parsing') AND source = 'upload'").pluck().all() as string[];
      for (const id of ids) failImport(db, id, 'interrupted', 'the server stopped while this file was being read; upload it again');
    }
    const stale = db.prepare("SELECT id FROM list_imports WHERE status = 'ready' AND created_at < ?").pluck().all(now - 24 * 3600 * 1000) as string[];
    for (const id of stale) {
      db.prepare("UPDATE list_imports SET status = 'cancelled' WHERE id = ?").run(id);
      db.prepare('DELETE FROM import_rows WHERE import_id = ?').run(id);
    }
  })();
}
