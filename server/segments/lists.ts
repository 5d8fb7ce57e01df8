import type { Db } from '../db/open.js';
import { newId } from '../db/ids.js';
import { AppError, badRequest, conflict, notFound } from '../http/errors.js';
import type { CategoryView, ListView } from '../schemas/segments.js';
import { CATEGORIES, DEFAULT_LIST_NAME, type CategoryId } from './categories.js';
import { moveCompanies } from './moves.js';

export type ListRow = { id: string; org_id: string; category: CategoryId; name: string; is_default: number; locked: number; imported_rows: number; created_at: number };

/** A list of the organisation, or a 404 (another organisation's list answers exactly like a missing one). */
export function requireList(db: Db, orgId: string, listId: string): ListRow {
  const row = db.prepare('SELECT * FROM lists WHERE org_id = ? AND id = ?').get(orgId, listId) as ListRow | undefined;
  if (!row) throw notFound('List not found');
  return row;
}

export function findListByName(db: Db, orgId: string, name: string): ListRow | undefined {
  return db.prepare('SELECT * FROM lists WHERE org_id = ? AND name = ?').get(orgId, name) as ListRow | undefined;
}

/** Id of `<category>-default`. */
export function categoryDefaultList(db: Db, orgId: string, category: CategoryId): ListRow {
  const row = db.prepare('SELECT * FROM lists WHERE org_id = ? AND category = ? AND is_default = 1').get(orgId, category) as ListRow | undefined;
  if (!row) throw new Error(`organisation ${orgId} has no ${category}-default list`);
  return row;
}

/**
 * Where the companies leaving a list go (deleted list, or no longer named by an import): the
 * category's default list, so a customer removed from `client-grands-comptes` stays a customer;
 * from a category's default list, `prospect-default` (where unsorted companies land);
 * null for `prospect-default` itself, whose companies have nowhere else to go and stay.
 */
export function leavingDestination(db: Db, orgId: string, list: ListRow): ListRow | null {
  if (list.name === DEFAULT_LIST_NAME) return null;
  if (!list.is_default) return categoryDefaultList(db, orgId, list.category);
  return db.prepare('SELECT * FROM lists WHERE org_id = ? AND name = ?').get(orgId, DEFAULT_LIST_NAME) as ListRow;
}

/** `salons` under Prospect → `prospect-salons` (lower case, spaces as dashes; a typed prefix is not doubled). */
export function fullListName(category: CategoryId, suffix: string): string {
  let s = suffix.trim().toLowerCase().replace(/\s+/g, '-').replace(/-{2,}/g, '-');
  if (s.startsWith(`${category}-`)) s = s.slice(category.length + 1);
  s = s.replace(/^-+|-+$/g, '');
  if (!s) throw badRequest('name: required', 'name');
  if (s === 'default') throw conflict(`${category}-default already exists`, 'name');
  return `${category}-${s}`;
}

const toView = (r: ListRow, companies: number, entries: number): ListView => ({
  id: r.id,
  category: r.category,
  name: r.name,
  isDefault: r.is_default === 1,
  locked: r.locked === 1,
  companies,
  importedRows: r.imported_rows,
  entries,
});

/** The nine categories in their fixed order, each with its lists and how many companies and pending entries they hold. */
export function listCategories(db: Db, orgId: string): CategoryView[] {
  const lists = db.prepare('SELECT * FROM lists WHERE org_id = ? ORDER BY is_default DESC, name').all(orgId) as ListRow[];
  const counts = new Map(
    (db.prepare('SELECT list_id, count(*) AS n FROM companies WHERE org_id = ? GROUP BY list_id').all(orgId) as Array<{ list_id: string; n: number }>).map((r) => [r.list_id, r.n]),
  );
  const entries = new Map(
    (db.prepare('SELECT list_id, count(*) AS n FROM list_entries WHERE org_id = ? GROUP BY list_id').all(orgId) as Array<{ list_id: string; n: number }>).map((r) => [r.list_id, r.n]),
  );
  return CATEGORIES.map((c) => ({
    id: c.id,
    label: { fr: c.fr, en: c.en },
    lists: lists.filter((l) => l.category === c.id).map((l) => toView(l, counts.get(l.id) ?? 0, entries.get(l.id) ?? 0)),
  }));
}

export function listView(db: Db, orgId: string, listId: string): ListView {
  const r = requireList(db, orgId, listId);
  const companies = db.prepare('SELECT count(*) FROM companies WHERE org_id = ? AND list_id = ?').pluck().get(orgId, listId) as number;
  const entries = db.prepare('SELECT count(*) FROM list_entries WHERE list_id = ?').pluck().get(listId) as number;
  return toView(r, companies, entries);
}

function assertUnique(db: Db, orgId: string, name: string, exceptId?: string): void {
  const clash = db.prepare('SELECT id FROM lists WHERE org_id = ? AND name = ?').pluck().get(orgId, name) as string | undefined;
  if (clash && clash !== exceptId) throw conflict(`A list named ${name} already exists`, 'name');
}

/** Adds a list under a category: `createList(db, org, 'prospect', 'salons')` → `prospect-salons`; 409 when the name exists. */
export function createList(db: Db, orgId: string, category: CategoryId, suffix: string, now = Date.now()): ListView {
  const name = fullListName(category, suffix);
  const id = newId('lst');
  db.transaction(() => {
    assertUnique(db, orgId, name);
    db.prepare('INSERT INTO lists (id, org_id, category, name, is_default, locked, created_at) VALUES (?, ?, ?, ?, 0, 0, ?)').run(id, orgId, category, name, now);
  })();
  return listView(db, orgId, id);
}

/** Renames a list within its category (the prefix stays); default lists cannot be renamed. */
export function renameList(db: Db, orgId: string, listId: string, suffix: string): ListView {
  db.transaction(() => {
    const list = requireList(db, orgId, listId);
    if (list.is_default) throw new AppError('default-list', 409, 'A default list cannot be renamed');
    const name = fullListName(list.category, suffix);
    assertUnique(db, orgId, name, listId);
    db.prepare('UPDATE lists SET name = ? WHERE org_id = ? AND id = ?').run(name, orgId, listId);
  })();
  return listView(db, orgId, listId);
}

/**
 * Deletes a list: its companies move to the category's default list (recorded in the audit trail
 * as the user's action), its entries, imports and snapshots go with it. Default lists cannot be deleted.
 */
export function deleteList(db: Db, orgId: string, listId: string, userId: string | null, now = Date.now()): { moved: number; movedTo: { id: string; name: string }; movedIds: string[] } {
  return db.transaction(() => {
    const list = requireList(db, orgId, listId);
    if (list.is_default) throw new AppError('default-list', 409, 'A default list cannot be deleted');
    const to = categoryDefaultList(db, orgId, list.category);
    const ids = db.prepare('SELECT id FROM companies WHERE org_id = ? AND list_id = ?').pluck().all(orgId, listId) as string[];
    const res = moveCompanies(db, orgId, ids, to.id, { type: 'user', id: userId, reason: `list ${list.name} deleted` }, { now });
    db.prepare('DELETE FROM lists WHERE org_id = ? AND id = ?').run(orgId, listId);
    return { moved: res.moved, movedTo: { id: to.id, name: to.name }, movedIds: res.movedIds };
  })();
}

/** Locks or unlocks a list: automatic processes (imports, rules) never move a company out of a locked list. */
export function setListLocked(db: Db, orgId: string, listId: string, locked: boolean): ListView {
  requireList(db, orgId, listId);
  db.prepare('UPDATE lists SET locked = ? WHERE org_id = ? AND id = ?').run(locked ? 1 : 0, orgId, listId);
  return listView(db, orgId, listId);
}
