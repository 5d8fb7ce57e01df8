import type { Db } from '../../db/open.js';
import { getCompany } from '../../companies/repo.js';
import type { IpNum } from '../ip.js';
import { findLearnedMapping } from '../learned.js';
import { invalidateLearned } from '../org-cache.js';
import type { Verdict } from '../types.js';
import { knownCompanyVerdict } from './known-company.js';

/** Resolver 2: what lead forms taught us about this prefix (revoked mappings are skipped). */
export function resolveLearned(db: Db, orgId: string, ip: string | IpNum, retry = true): Verdict | null {
  const m = findLearnedMapping(db, orgId, ip);
  if (!m) return null;
  const company = getCompany(db, orgId, m.companyId);
  if (!company) {
    // Deleting a company removes its mappings in SQLite, not in memory: reload once.
    if (!retry) return null;
    invalidateLearned(db, orgId);
    return resolveLearned(db, orgId, ip, false);
  }
  return knownCompanyVerdict(company, {
    source: 'learned',
    confidence: m.confidence,
    matched: m.prefix,
    evidence: { mappingId: m.id, prefix: m.prefix, evidenceCount: m.evidenceCount, lastSource: m.lastSource },
  });
}
