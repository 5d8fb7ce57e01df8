import type { Db } from '../db/open.js';
import { notFound } from '../http/errors.js';

export type MoveActorType = 'user' | 'import' | 'rule' | 'identification' | 'system';
/** Who or what moves companies; `id` is the user, import or rule id; `reason` goes to the audit trail. */
export type MoveActor = { type: MoveActorType; id?: string | null; reason?: string | null };
export type SkippedMove = { companyId: string; fromListId: string; reason: 'locked' };
export type MoveResult = { moved: number; unchanged: number; skipped: SkippedMove[]; movedIds: string[] };

const CHUNK = 5000;
const AUTOMATIC: ReadonlySet<MoveActorType> = new Set(['import', 'rule', 'identification']);

/**
 * Moves companies into a list, writing every change to `list_moves`. Manual moves (`user`,
 * `system`) are always made; automatic ones (`import`, `rule`, `identification`) never take a
 * company out of a locked list: each such move is skipped and recorded in `list_move_skips`.
 * `respectLocks` overrides that default (an import replacing a list empties it even when locked,
 * because the user confirmed it). 404 when the list or a company is not the organisation's.
 *
 * @example moveCompanies(db, orgId, ['cmp_a', 'cmp_b'], listId, { type: 'user', id: userId })
 */
export function moveCompanies(
  db: Db,
  orgId: string,
  companyIds: readonly string[],
  toListId: string,
  actor: MoveActor,
  opts: { now?: number; respectLocks?: boolean } = {},
): MoveResult {
  const now = opts.now ?? Date.now();
  const respectLocks = opts.respectLocks ?? AUTOMATIC.has(actor.type);
  const ids = [...new Set(companyIds)];
  const result: MoveResult = { moved: 0, unchanged: 0, skipped: [], movedIds: [] };
  // One statement for any chunk: the ids travel as one JSON array instead of thousands of placeholders;
  // CROSS JOIN keeps SQLite from scanning every company of the organisation once per id.
  const select = db.prepare(
    'SELECT c.id, c.list_id, l.locked FROM json_each(?) j CROSS JOIN companies c ON c.id = j.value CROSS JOIN lists l ON l.id = c.list_id WHERE c.org_id = ?',
  );
  const update = db.prepare('UPDATE companies SET list_id = ? WHERE org_id = ? AND id = ?');
  const audit = db.prepare('INSERT INTO list_moves (org_id, company_id, from_list_id, to_list_id, actor, actor_id, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const body = () => {
    if (!db.prepare('SELECT 1 FROM lists WHERE org_id = ? AND id = ?').get(orgId, toListId)) throw notFound('List not found');
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const rows = select.all(JSON.stringify(chunk), orgId) as Array<{ id: string; list_id: string; locked: number }>;
      if (rows.length !== chunk.length) throw notFound('Company not found');
      for (const r of rows) {
        if (r.list_id === toListId) result.unchanged++;
        else if (respectLocks && r.locked) {
          result.skipped.push({ companyId: r.id, fromListId: r.list_id, reason: 'locked' });
          recordSkippedMove(db, orgId, { companyId: r.id, fromListId: r.list_id, toListId, actor, at: now });
        } else {
          update.run(toListId, orgId, r.id);
          audit.run(orgId, r.id, r.list_id, toListId, actor.type, actor.id ?? null, actor.reason ?? null, now);
          result.moved++;
          result.movedIds.push(r.id);
        }
      }
    }
  };
  // Inside a caller's transaction (an import, a list deletion) a nested savepoint would make SQLite
  // journal every page again: several times slower on 50,000 rows. The caller's transaction already
  // makes the whole move atomic.
  if (db.inTransaction) body();
  else db.transaction(body)();
  return result;
}

/**
 * Records an automatic move not made because the company sat in a locked list. The same skip
 * repeated by the same rule (every visit of a locked company) refreshes one row instead of piling up.
 */
export function recordSkippedMove(db: Db, orgId: string, s: { companyId: string; fromListId: string; toListId: string; actor: MoveActor; at: number }): void {
  const same = db
    .prepare('SELECT id FROM list_move_skips WHERE company_id = ? AND actor = ? AND actor_id IS ? AND from_list_id = ? AND to_list_id = ? ORDER BY id DESC LIMIT 1')
    .pluck()
    .get(s.companyId, s.actor.type, s.actor.id ?? null, s.fromListId, s.toListId) as number | undefined;
  if (same && s.actor.type !== 'import') {
    db.prepare('UPDATE list_move_skips SET at = ? WHERE id = ?').run(s.at, same);
    return;
  }
  db.prepare('INSERT INTO list_move_skips (org_id, company_id, from_list_id, to_list_id, actor, actor_id, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    orgId, s.companyId, s.fromListId, s.toListId, s.actor.type, s.actor.id ?? null, 'locked list', s.at,
  );
}
