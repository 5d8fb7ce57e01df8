import type { Db } from '../db/open.js';
import { identifyEmailDomain } from '../identify/email.js';
import { attachVisitor, currentSession, firstTouch } from './stitch.js';
import { setLeadLinks, addActivity } from './repo.js';
import { refreshTemperature } from './temperature.js';
import { LEARNED_WINDOW_MS, prefixNetworkClass, recordLearnedMappingEvidence, type LearnedRule } from '../identify/learned.js';
import { isDisposableDomain, isFreeMailDomain } from './mail-domains.js';
import { suggestEmail } from './email-typo.js';

/**
 * The rule for learned IP mappings: at least 2 distinct business e-mails of one company
 * from one /24 (or /48) within 90 days. Identification stores the evidence and the mapping.
 */
export const LEARNED_FROM_FORMS: LearnedRule = { minEvidence: 2, windowMs: LEARNED_WINDOW_MS };

export type StitchOutcome = { companyId: string | null; createdCompany: boolean; sessionIds: number[] };

/**
 * After a lead is stored (not spam): its company from a business e-mail domain (or the known
 * competitor), its visitor's sessions attributed to it, its first touch and temperature, and the
 * e-mail counted as evidence for a learned prefix → company mapping. Runs inside the caller's
 * transaction. `domain` is null for free, disposable or mistyped addresses: they name no company.
 */
export function identifyAndStitch(
  db: Db,
  orgId: string,
  a: { leadId: string; email: string; domain: string | null; typedCompany: string | null; knownCompanyId: string | null; visitorId: number | null; prefix: string; now: number },
): StitchOutcome {
  let companyId = a.knownCompanyId;
  let createdCompany = false;
  const sessionId = currentSession(db, orgId, a.visitorId);
  if (a.domain) {
    const found = identifyEmailDomain(db, orgId, a.email, { now: a.now, name: a.typedCompany, sessionId, detail: { leadId: a.leadId } });
    if (found.kind === 'company') {
      companyId = found.company.id;
      createdCompany = found.created;
      addActivity(db, orgId, a.leadId, { type: 'system' }, 'company-identified', { companyId, domain: found.domain, created: found.created }, a.now);
    }
  }
  const sessionIds = a.visitorId === null ? [] : attachVisitor(db, orgId, a.visitorId, a.leadId, companyId);
  setLeadLinks(db, orgId, a.leadId, { companyId, visitorId: a.visitorId, sessionId, touch: firstTouch(db, orgId, a.visitorId) });
  refreshTemperature(db, orgId, a.leadId, a.now);
  if (a.domain && companyId && a.prefix !== 'unknown') {
    const learned = recordLearnedMappingEvidence(db, orgId, {
      companyId, prefix: a.prefix, evidenceKey: a.email, source: 'form_email', ref: a.leadId,
      networkClass: prefixNetworkClass(db, orgId, a.prefix), now: a.now,
    }, LEARNED_FROM_FORMS);
    if (learned?.outcome === 'created') addActivity(db, orgId, a.leadId, { type: 'system' }, 'prefix-learned', { prefix: a.prefix, emails: learned.evidence }, a.now);
  }
  return { companyId, createdCompany, sessionIds };
}

/**
 * Attribution for a lead restored from spam: the company of its business e-mail and the visits
 * of the visitor found when it was submitted (spam gets neither). Its own transaction.
 */
export function reattributeLead(db: Db, orgId: string, leadId: string, now: number): StitchOutcome {
  return db.transaction(() => {
    const l = db
      .prepare('SELECT email, email_domain, company_name, company_id, visitor_id, ip_prefix FROM leads WHERE org_id = ? AND id = ?')
      .get(orgId, leadId) as { email: string; email_domain: string; company_name: string | null; company_id: string | null; visitor_id: number | null; ip_prefix: string | null } | undefined;
    if (!l) return { companyId: null, createdCompany: false, sessionIds: [] };
    const business = !isFreeMailDomain(l.email_domain) && !isDisposableDomain(l.email_domain) && !suggestEmail(l.email);
    return identifyAndStitch(db, orgId, {
      leadId, email: l.email, domain: business && !l.company_id ? l.email_domain : null, typedCompany: l.company_name,
      knownCompanyId: l.company_id, visitorId: l.visitor_id, prefix: l.ip_prefix ?? 'unknown', now,
    });
  })();
}
