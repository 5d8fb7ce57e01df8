import type { Db } from '../db/open.js';
import { DEFAULT_LIST_NAME } from './categories.js';

export type CompanyKeys = { domain: string | null; siren: string | null; nameKey: string };

export type Placement = { listId: string; actor: 'identification' | 'import' | 'rule'; actorId: string | null; reason: string };

/**
 * Where a newly identified company goes: a list whose imported entries match it (prospective
 * matching), else an auto-segmentation rule, else `prospect-default`. Called inside the
 * transaction that creates the company.
 */
export function placementForNewCompany(db: Db, orgId: string, _keys: CompanyKeys): Placement {
  return { listId: defaultListId(db, orgId), actor: 'identification', actorId: null, reason: 'new company' };
}

/** Id of the organisation's `prospect-default` list. */
export function defaultListId(db: Db, orgId: string): string {
  const id = db.prepare('SELECT id FROM lists WHERE org_id = ? AND name = ?').pluck().get(orgId, DEFAULT_LIST_NAME) as string | undefined;
  if (!id) throw new Error(`organisation ${orgId} has no ${DEFAULT_LIST_NAME} list`);
  return id;
}
