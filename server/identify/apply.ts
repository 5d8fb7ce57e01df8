import type { Db } from '../db/open.js';
import type { Bus, BusEvents } from '../bus.js';
import { findCompany, getCompany, recordCompanyEvidence } from '../companies/repo.js';
import { prepared } from './stmt.js';
import type { Identification } from './types.js';

export type SessionStarted = BusEvents['session-started'][0];

/**
 * Writes one identification back: the session's company (or network class) and country, the
 * visitor's company, the company's evidence (a new company lands where `placementForNewCompany`
 * puts it, `prospect-default` by default). A company already set on the session or visitor (by a
 * lead form, say) is kept. Emits `session-identified`, and `company-changed` when the company was
 * created or its best evidence changed.
 */
export function applyIdentification(db: Db, bus: Bus, ev: SessionStarted, r: Identification): { companyId: string | null; created: boolean } {
  const winner = r.evidence[0];
  if (r.class !== 'company' || !r.company || !winner) {
    prepared(db,
      `UPDATE sessions SET network_class = ?, country = coalesce(?, country), ident_source = ?, ident_confidence = ?
       WHERE org_id = ? AND id = ? AND company_id IS NULL`,
    ).run(r.class, r.country, r.source, r.confidence, ev.orgId, ev.sessionId);
    return { companyId: null, created: false };
  }
  const candidate = { ...r.company };
  const result = db.transaction(() => {
    const before = candidate.id ? getCompany(db, ev.orgId, candidate.id) : findCompany(db, ev.orgId, candidate);
    const { company, created } = recordCompanyEvidence(
      db,
      ev.orgId,
      candidate,
      { source: winner.source, matchedValue: winner.matched, confidence: r.confidence, detail: winner.detail, sessionId: ev.sessionId },
      ev.at,
    );
    prepared(db,
      `UPDATE sessions SET company_id = coalesce(company_id, ?), network_class = NULL, country = coalesce(?, country),
         ident_source = ?, ident_confidence = ? WHERE org_id = ? AND id = ?`,
    ).run(company.id, r.country, r.source, r.confidence, ev.orgId, ev.sessionId);
    prepared(db, 'UPDATE visitors SET company_id = coalesce(company_id, ?) WHERE org_id = ? AND id = ?').run(company.id, ev.orgId, ev.visitorId);
    const changed = created || !before || before.bestSource !== company.bestSource || before.bestConfidence !== company.bestConfidence
      || before.domain !== company.domain || before.country !== company.country;
    return { companyId: company.id, created, changed };
  })();
  bus.emit('session-identified', { orgId: ev.orgId, sessionId: ev.sessionId, companyId: result.companyId, at: ev.at });
  if (result.changed) bus.emit('company-changed', { orgId: ev.orgId, companyId: result.companyId, at: ev.at });
  return { companyId: result.companyId, created: result.created };
}
