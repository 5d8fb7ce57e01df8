import type { Db } from '../../db/open.js';
import type { RuleApplyView, SkippedMoveView } from '../../schemas/segments.js';
import { moveCompanies, recordSkippedMove } from '../moves.js';
import { companyFacts, firstMatchingRule } from './evaluate.js';
import { hasEnabledRules, listRules } from './repo.js';

type CompanyRow = { id: string; name: string; domain: string | null; name_key: string; country: string | null; list_id: string; list_name: string; locked: number };
const SELECT_COMPANY = 'SELECT c.id, c.name, c.domain, c.name_key, c.country, c.list_id, l.name AS list_name, l.locked FROM companies c JOIN lists l ON l.id = c.list_id';

/**
 * Evaluates the rules for one company just identified (a visit attributed to it): the first rule
 * that holds moves it to its list, unless it sits in a locked list (the skip is recorded once).
 * Returns the id of the list it moved to, if it moved.
 */
export function applyRulesToCompany(db: Db, orgId: string, companyId: string, now = Date.now()): string | null {
  if (!hasEnabledRules(db, orgId)) return null;
  const c = db.prepare(`${SELECT_COMPANY} WHERE c.org_id = ? AND c.id = ?`).get(orgId, companyId) as CompanyRow | undefined;
  if (!c) return null;
  const rule = firstMatchingRule(listRules(db, orgId, { enabledOnly: true }), companyFacts(db, orgId, c));
  if (!rule || rule.listId === c.list_id) return null;
  const res = moveCompanies(db, orgId, [c.id], rule.listId, { type: 'rule', id: rule.id, reason: `rule ${rule.name}` }, { now });
  return res.moved ? rule.listId : null;
}

/**
 * "Apply to existing companies": every company is evaluated against the rules in order.
 * With `dryRun` nothing moves and the counts are a preview; otherwise companies move, and those in
 * locked lists are skipped, recorded and listed.
 */
export function applyRulesToAll(db: Db, orgId: string, opts: { dryRun: boolean; now?: number }): RuleApplyView & { movedIds: string[] } {
  const now = opts.now ?? Date.now();
  const rules = listRules(db, orgId, { enabledOnly: true });
  const plan = new Map<string, { ruleName: string; ids: string[] }>();
  const skipped: SkippedMoveView[] = [];
  const locked: Array<{ companyId: string; fromListId: string; ruleId: string; listId: string }> = [];
  let examined = 0;
  for (const c of db.prepare(`${SELECT_COMPANY} WHERE c.org_id = ?`).all(orgId) as CompanyRow[]) {
    examined++;
    const rule = firstMatchingRule(rules, companyFacts(db, orgId, c));
    if (!rule || rule.listId === c.list_id) continue;
    if (c.locked) {
      locked.push({ companyId: c.id, fromListId: c.list_id, ruleId: rule.id, listId: rule.listId });
      if (skipped.length < 200) skipped.push({ companyId: c.id, companyName: c.name, fromList: c.list_name, reason: 'locked list' });
      continue;
    }
    const p = plan.get(rule.id) ?? { ruleName: rule.name, ids: [] };
    p.ids.push(c.id);
    plan.set(rule.id, p);
  }
  const wouldMove = [...plan.values()].reduce((n, p) => n + p.ids.length, 0);
  const skippedLocked = locked.length;
  if (opts.dryRun) return { dryRun: true, examined, moved: wouldMove, skippedLocked, skipped, movedIds: [] };

  const movedIds: string[] = [];
  db.transaction(() => {
    for (const [ruleId, p] of plan) {
      const listId = rules.find((r) => r.id === ruleId)!.listId;
      movedIds.push(...moveCompanies(db, orgId, p.ids, listId, { type: 'rule', id: ruleId, reason: `rule ${p.ruleName} (applied to existing companies)` }, { now }).movedIds);
    }
    // Record the locked skips too, so each company's page shows why a rule left it in place.
    for (const l of locked) {
      recordSkippedMove(db, orgId, { companyId: l.companyId, fromListId: l.fromListId, toListId: l.listId, actor: { type: 'rule', id: l.ruleId }, at: now });
    }
  })();
  return { dryRun: false, examined, moved: movedIds.length, skippedLocked, skipped, movedIds };
}
