import type { Db } from '../db/open.js';
import { SELECT, toMapping, type LearnedMapping, type LearnedRow } from './learned.js';

export type ListedLearnedMapping = LearnedMapping & { emails: string[] };

/** Settings listing, most recently seen first, each with the distinct evidence keys (e-mails) behind it. */
export function listLearnedMappings(db: Db, orgId: string, page: { limit: number; offset: number }): { items: ListedLearnedMapping[]; total: number } {
  const rows = db.prepare(`${SELECT} WHERE m.org_id = ? ORDER BY m.last_seen_at DESC, m.id LIMIT ? OFFSET ?`).all(orgId, page.limit, page.offset) as LearnedRow[];
  const total = db.prepare('SELECT count(*) FROM learned_mappings WHERE org_id = ?').pluck().get(orgId) as number;
  const keys = db.prepare(
    `SELECT DISTINCT evidence_key FROM learned_evidence
     WHERE org_id = ? AND prefix = ? AND company_id = ? AND evidence_key IS NOT NULL ORDER BY evidence_key`,
  ).pluck();
  return { items: rows.map((r) => ({ ...toMapping(r), emails: keys.all(orgId, r.prefix, r.company_id) as string[] })), total };
}
