import type { Db } from '../db/open.js';
import { newId } from '../db/ids.js';
import type { SavedView } from '../schemas/companies.js';
import { fromZod } from '../http/errors.js';
import { zCompanyListQuery } from '../schemas/companies.js';
import { nonEmpty } from './query.js';

type Row = { id: string; name: string; query: string; created_at: number };
const toView = (r: Row): SavedView => ({ id: r.id, name: r.name, query: r.query, createdAt: r.created_at });

/** Saved views of the companies table, shared by the organisation's users. */
export function listViews(db: Db, orgId: string): SavedView[] {
  return (db.prepare('SELECT id, name, query, created_at FROM company_views WHERE org_id = ? ORDER BY name COLLATE NOCASE').all(orgId) as Row[]).map(toView);
}

/**
 * Saves (or replaces, by name) a view. The query is validated as a filter first, so a stored
 * view always opens; sort and paging keys are kept as they are.
 */
export function saveView(db: Db, orgId: string, input: { name: string; query: string }, userId: string | null, now: number): SavedView {
  const params = new URLSearchParams(input.query.replace(/^\?/, ''));
  params.delete('page');
  const parsed = zCompanyListQuery.safeParse(nonEmpty(Object.fromEntries(params)));
  if (!parsed.success) throw fromZod(parsed.error);
  const query = params.toString();
  const id = newId('view');
  db.prepare(
    `INSERT INTO company_views (id, org_id, name, query, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (org_id, name) DO UPDATE SET query = excluded.query, created_by = excluded.created_by, created_at = excluded.created_at`,
  ).run(id, orgId, input.name, query, userId, now);
  return toView(db.prepare('SELECT id, name, query, created_at FROM company_views WHERE org_id = ? AND name = ?').get(orgId, input.name) as Row);
}

/** Deletes a view; false when it does not exist in this organisation. */
export function deleteView(db: Db, orgId: string, id: string): boolean {
  return db.prepare('DELETE FROM company_views WHERE org_id = ? AND id = ?').run(orgId, id).changes > 0;
}
