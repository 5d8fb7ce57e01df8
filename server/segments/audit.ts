import type { Db } from '../db/open.js';
import { notFound } from '../http/errors.js';
import type { MoveView } from '../schemas/segments.js';

type MoveRow = {
  at: number; actor: MoveView['actor']; actor_id: string | null; reason: string | null;
  from_list_id: string | null; from_name: string | null; to_list_id: string; to_name: string | null; actor_label: string | null;
};

export type SkipView = { at: number; actor: string; actorId: string | null; actorLabel: string | null; fromList: string | null; toList: string | null; reason: string };

/**
 * A company's list history, newest first: every change of list with who or what made it
 * (user name, import file, rule name), when, from and to; plus the automatic moves skipped
 * because its list was locked. A deleted list shows with a null name.
 */
export function companyMoves(db: Db, orgId: string, companyId: string): { moves: MoveView[]; skipped: SkipView[] } {
  if (!db.prepare('SELECT 1 FROM companies WHERE org_id = ? AND id = ?').get(orgId, companyId)) throw notFound('Company not found');
  const label = `CASE m.actor
      WHEN 'user' THEN (SELECT coalesce(nullif(u.name, ''), u.email) FROM users u WHERE u.id = m.actor_id AND u.org_id = m.org_id)
      WHEN 'import' THEN (SELECT coalesce(i.file_name, 'import') FROM list_imports i WHERE i.id = m.actor_id AND i.org_id = m.org_id)
      WHEN 'rule' THEN (SELECT r.name FROM segment_rules r WHERE r.id = m.actor_id AND r.org_id = m.org_id)
    END`;
  const rows = db
    .prepare(
      `SELECT m.at, m.actor, m.actor_id, m.reason, m.from_list_id, f.name AS from_name, m.to_list_id, t.name AS to_name, ${label} AS actor_label
         FROM list_moves m LEFT JOIN lists f ON f.id = m.from_list_id LEFT JOIN lists t ON t.id = m.to_list_id
        WHERE m.org_id = ? AND m.company_id = ? ORDER BY m.at DESC, m.id DESC LIMIT 500`,
    )
    .all(orgId, companyId) as MoveRow[];
  const skips = db
    .prepare(
      `SELECT m.at, m.actor, m.actor_id, m.reason, f.name AS from_name, t.name AS to_name, ${label} AS actor_label
         FROM list_move_skips m LEFT JOIN lists f ON f.id = m.from_list_id LEFT JOIN lists t ON t.id = m.to_list_id
        WHERE m.org_id = ? AND m.company_id = ? ORDER BY m.at DESC, m.id DESC LIMIT 200`,
    )
    .all(orgId, companyId) as Array<{ at: number; actor: string; actor_id: string | null; reason: string; from_name: string | null; to_name: string | null; actor_label: string | null }>;
  return {
    moves: rows.map((r) => ({
      at: r.at,
      actor: r.actor,
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      from: r.from_list_id ? { id: r.from_list_id, name: r.from_name } : null,
      to: { id: r.to_list_id, name: r.to_name },
      reason: r.reason,
    })),
    skipped: skips.map((s) => ({ at: s.at, actor: s.actor, actorId: s.actor_id, actorLabel: s.actor_label, fromList: s.from_name, toList: s.to_name, reason: s.reason })),
  };
}
