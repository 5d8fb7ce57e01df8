import type { Db } from '../db/open.js';
import { DEFAULT_LIST_NAME } from './categories.js';
import { firstMatchingRule, noVisits } from './rules/evaluate.js';
import { hasEnabledRules, listRules } from './rules/repo.js';
import { prepared } from '../db/prepared.js';

export type CompanyKeys = { domain: string | null; siren: string | null; nameKey: string };

export type Placement = { listId: string; actor: 'identification' | 'import' | 'rule'; actorId: string | null; reason: string };

type EntryHit = { id: number; list_id: string; import_id: string | null; name: string };

// Same order as retroactive matching; the most recent import wins when two lists name the company.
const ENTRY_LOOKUPS: ReadonlyArray<{ key: keyof CompanyKeys; column: string; label: string }> = [
  { key: 'siren', column: 'siren', label: 'SIREN' },
  { key: 'domain', column: 'email_domain', label: 'email domain' },
  { key: 'domain', column: 'web_domain', label: 'website' },
  { key: 'nameKey', column: 'name_key', label: 'name' },
];

/** The list entry (an imported row that matched nothing yet) naming this company, by SIREN, email domain, website, then name. */
export function matchingEntry(db: Db, orgId: string, keys: CompanyKeys): (EntryHit & { label: string }) | undefined {
  for (const l of ENTRY_LOOKUPS) {
    const value = keys[l.key];
    if (!value) continue;
    const hit = db
      .prepare(`SELECT id, list_id, import_id, name FROM list_entries WHERE org_id = ? AND ${l.column} = ? ORDER BY id DESC LIMIT 1`)
      .get(orgId, value) as EntryHit | undefined;
    if (hit) return { ...hit, label: l.label };
  }
  return undefined;
}

/**
 * Where a newly identified company goes: a list whose imported entries match it (prospective
 * matching; the entry is then consumed), else the first auto-segmentation rule that holds, else
 * `prospect-default`. Called inside the transaction that creates the company.
 */
export function placementForNewCompany(db: Db, orgId: string, keys: CompanyKeys): Placement {
  const entry = matchingEntry(db, orgId, keys);
  if (entry) {
    // The row has found its company: it no longer waits (the company now stands for it in the list).
    prepared(db, 'DELETE FROM list_entries WHERE id = ?').run(entry.id);
    return { listId: entry.list_id, actor: 'import', actorId: entry.import_id, reason: `matched imported row "${entry.name}" by ${entry.label}` };
  }
  if (hasEnabledRules(db, orgId)) {
    const rule = firstMatchingRule(listRules(db, orgId, { enabledOnly: true }), { domain: keys.domain, nameKey: keys.nameKey, country: null, visits: noVisits });
    if (rule) return { listId: rule.listId, actor: 'rule', actorId: rule.id, reason: `rule ${rule.name}` };
  }
  return { listId: defaultListId(db, orgId), actor: 'identification', actorId: null, reason: 'new company' };
}

/** Id of the organisation's `prospect-default` list. */
export function defaultListId(db: Db, orgId: string): string {
  const id = prepared(db, 'SELECT id FROM lists WHERE org_id = ? AND name = ?').pluck().get(orgId, DEFAULT_LIST_NAME) as string | undefined;
  if (!id) throw new Error(`organisation ${orgId} has no ${DEFAULT_LIST_NAME} list`);
  return id;
}
