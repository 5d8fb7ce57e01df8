import type { Db } from '../db/open.js';
import { newId } from '../db/ids.js';
import { placementForNewCompany } from '../segments/placement.js';
import { nameKey, registrableDomain } from './normalize.js';
import { prepared } from '../db/prepared.js';

export type Company = {
  id: string;
  orgId: string;
  name: string;
  nameKey: string;
  domain: string | null;
  siren: string | null;
  country: string | null;
  listId: string;
  bestSource: string | null;
  bestConfidence: number;
  tags: string[];
  firstSeenAt: number | null;
  lastSeenAt: number | null;
  createdAt: number;
};

type CompanyRow = {
  id: string; org_id: string; name: string; name_key: string; domain: string | null; siren: string | null;
  country: string | null; list_id: string; best_source: string | null; best_confidence: number; tags: string;
  first_seen_at: number | null; last_seen_at: number | null; created_at: number;
};

export const toCompany = (r: CompanyRow): Company => ({
  id: r.id, orgId: r.org_id, name: r.name, nameKey: r.name_key, domain: r.domain, siren: r.siren, country: r.country,
  listId: r.list_id, bestSource: r.best_source, bestConfidence: r.best_confidence, tags: JSON.parse(r.tags) as string[],
  firstSeenAt: r.first_seen_at, lastSeenAt: r.last_seen_at, createdAt: r.created_at,
});

/** What a resolver, a lead form or an import knows about a company (`id`: already known, e.g. from an IP rule). */
export type CompanyCandidate = { name: string; domain?: string | null; siren?: string | null; country?: string | null; id?: string };

/** Why we believe a visit or a lead belongs to that company. */
export type Evidence = { source: string; matchedValue: string; confidence: number; detail?: unknown; sessionId?: number | null };

export function getCompany(db: Db, orgId: string, id: string): Company | undefined {
  const row = prepared(db, 'SELECT * FROM companies WHERE org_id = ? AND id = ?').get(orgId, id) as CompanyRow | undefined;
  return row && toCompany(row);
}

/** Finds a company again: by registrable domain, then SIREN, then normalised name. */
export function findCompany(db: Db, orgId: string, c: { domain?: string | null; siren?: string | null; name?: string | null }): Company | undefined {
  const domain = c.domain ? registrableDomain(c.domain) : null;
  const byDomain = domain && (prepared(db, 'SELECT * FROM companies WHERE org_id = ? AND domain = ?').get(orgId, domain) as CompanyRow | undefined);
  if (byDomain) return toCompany(byDomain);
  const bySiren = c.siren && (prepared(db, 'SELECT * FROM companies WHERE org_id = ? AND siren = ?').get(orgId, c.siren) as CompanyRow | undefined);
  if (bySiren) return toCompany(bySiren);
  const key = c.name ? nameKey(c.name) : '';
  const byName = key && (prepared(db, 'SELECT * FROM companies WHERE org_id = ? AND name_key = ? ORDER BY created_at LIMIT 1').get(orgId, key) as CompanyRow | undefined);
  return byName ? toCompany(byName) : undefined;
}

/**
 * Finds or creates the company, records the evidence and keeps the best evidence on the company.
 * A new company is placed by `placementForNewCompany` (prospect-default unless an entry matches)
 * and its first list is written to the audit trail. Never duplicates a company.
 */
export function recordCompanyEvidence(
  db: Db,
  orgId: string,
  candidate: CompanyCandidate,
  evidence: Evidence,
  now: number,
): { company: Company; created: boolean } {
  return db.transaction(() => {
    const domain = candidate.domain ? registrableDomain(candidate.domain) : null;
    const siren = candidate.siren ?? null;
    let company = (candidate.id ? getCompany(db, orgId, candidate.id) : undefined) ?? findCompany(db, orgId, { domain, siren, name: candidate.name });
    let created = false;
    if (!company) {
      const id = newId('cmp');
      const key = nameKey(candidate.name);
      const placement = placementForNewCompany(db, orgId, { domain, siren, nameKey: key });
      prepared(db, 
        `INSERT INTO companies (id, org_id, name, name_key, domain, siren, country, list_id, best_source, best_confidence, first_seen_at, last_seen_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, orgId, candidate.name, key, domain, siren, candidate.country ?? null, placement.listId, evidence.source, evidence.confidence, now, now, now);
      prepared(db, 
        'INSERT INTO list_moves (org_id, company_id, from_list_id, to_list_id, actor, actor_id, reason, at) VALUES (?, ?, NULL, ?, ?, ?, ?, ?)',
      ).run(orgId, id, placement.listId, placement.actor, placement.actorId, placement.reason, now);
      company = getCompany(db, orgId, id)!;
      created = true;
    } else {
      prepared(db, 
        `UPDATE companies SET
           domain = coalesce(domain, ?), siren = coalesce(siren, ?), country = coalesce(country, ?),
           best_source = CASE WHEN ? > best_confidence THEN ? ELSE best_source END,
           best_confidence = max(best_confidence, ?),
           last_seen_at = max(coalesce(last_seen_at, 0), ?)
         WHERE org_id = ? AND id = ?`,
      ).run(
        findCompany(db, orgId, { domain }) ? null : domain,
        findCompany(db, orgId, { siren }) ? null : siren,
        candidate.country ?? null,
        evidence.confidence, evidence.source, evidence.confidence, now, orgId, company.id,
      );
      company = getCompany(db, orgId, company.id)!;
    }
    prepared(db, 
      'INSERT INTO company_evidence (org_id, company_id, source, matched_value, confidence, detail, session_id, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(orgId, company.id, evidence.source, evidence.matchedValue, evidence.confidence, evidence.detail === undefined ? null : JSON.stringify(evidence.detail), evidence.sessionId ?? null, now);
    return { company, created };
  })();
}
