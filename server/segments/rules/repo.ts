import type { Db } from '../../db/open.js';
import { newId } from '../../db/ids.js';
import { badRequest, notFound } from '../../http/errors.js';
import type { RuleCondition, RuleInput, RuleView } from '../../schemas/segments.js';
import { requireList } from '../lists.js';
import { prepared } from '../../db/prepared.js';

type RuleRow = { id: string; org_id: string; position: number; name: string; list_id: string; conditions: string; enabled: number; created_at: number; list_name: string };

const toView = (r: RuleRow): RuleView => ({
  id: r.id,
  position: r.position,
  name: r.name,
  listId: r.list_id,
  listName: r.list_name,
  conditions: JSON.parse(r.conditions) as RuleCondition[],
  enabled: r.enabled === 1,
});

/** The organisation's auto-segmentation rules in evaluation order (the first rule that holds decides). */
export function listRules(db: Db, orgId: string, opts: { enabledOnly?: boolean } = {}): RuleView[] {
  return (
    db
      .prepare(`SELECT r.*, l.name AS list_name FROM segment_rules r JOIN lists l ON l.id = r.list_id WHERE r.org_id = ? ${opts.enabledOnly ? 'AND r.enabled = 1' : ''} ORDER BY r.position, r.created_at`)
      .all(orgId) as RuleRow[]
  ).map(toView);
}

export function hasEnabledRules(db: Db, orgId: string): boolean {
  return !!prepared(db, 'SELECT 1 FROM segment_rules WHERE org_id = ? AND enabled = 1 LIMIT 1').get(orgId);
}

function requireRule(db: Db, orgId: string, id: string): RuleView {
  const rule = listRules(db, orgId).find((r) => r.id === id);
  if (!rule) throw notFound('Rule not found');
  return rule;
}

/** Adds a rule at the end of the order. */
export function createRule(db: Db, orgId: string, input: RuleInput, now = Date.now()): RuleView {
  requireList(db, orgId, input.listId);
  const id = newId('rul');
  const position = (db.prepare('SELECT coalesce(max(position), -1) + 1 FROM segment_rules WHERE org_id = ?').pluck().get(orgId) as number) ?? 0;
  db.prepare('INSERT INTO segment_rules (id, org_id, position, name, list_id, conditions, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    id, orgId, position, input.name, input.listId, JSON.stringify(input.conditions), input.enabled ? 1 : 0, now,
  );
  return requireRule(db, orgId, id);
}

export function updateRule(db: Db, orgId: string, id: string, input: RuleInput): RuleView {
  requireRule(db, orgId, id);
  requireList(db, orgId, input.listId);
  db.prepare('UPDATE segment_rules SET name = ?, list_id = ?, conditions = ?, enabled = ? WHERE org_id = ? AND id = ?').run(
    input.name, input.listId, JSON.stringify(input.conditions), input.enabled ? 1 : 0, orgId, id,
  );
  return requireRule(db, orgId, id);
}

export function deleteRule(db: Db, orgId: string, id: string): void {
  requireRule(db, orgId, id);
  db.prepare('DELETE FROM segment_rules WHERE org_id = ? AND id = ?').run(orgId, id);
}

/** Sets the evaluation order; `ids` must name every rule of the organisation exactly once. */
export function reorderRules(db: Db, orgId: string, ids: string[]): RuleView[] {
  const current = listRules(db, orgId).map((r) => r.id);
  if (ids.length !== current.length || new Set(ids).size !== ids.length || !ids.every((id) => current.includes(id))) {
    throw badRequest('ids: must list every rule exactly once', 'ids');
  }
  db.transaction(() => ids.forEach((id, i) => db.prepare('UPDATE segment_rules SET position = ? WHERE org_id = ? AND id = ?').run(i, orgId, id)))();
  return listRules(db, orgId);
}
