import type { Db } from '../db/open.js';
import { findCompany, recordCompanyEvidence, type Company } from '../companies/repo.js';
import { nameKey, registrableDomain } from '../companies/normalize.js';

/** How sure a business e-mail domain makes us of the employer (as identification rates it). */
export const FORM_EMAIL_CONFIDENCE = 0.9;

/** `acme-industries.fr` → `Acme Industries`: a readable name until someone knows better. */
export function nameFromDomain(domain: string): string {
  const label = domain.split('.')[0] ?? domain;
  return label.split(/[-_]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ') || domain;
}

/**
 * The company of a business e-mail domain, found again or created, with `form_email` evidence.
 * The caller has already ruled out free, ISP and disposable domains. The typed company name
 * names a new company, but only the domain finds an existing one: a visitor typing "Google"
 * must not attach their lead, or their domain, to the real Google record.
 */
export function companyFromEmail(
  db: Db,
  orgId: string,
  email: { domain: string; typedCompany: string | null; leadId: string; sessionId: number | null },
  now: number,
): { company: Company; created: boolean } | null {
  const domain = registrableDomain(email.domain);
  if (!domain) return null;
  const existing = findCompany(db, orgId, { domain });
  // A name that would find another company (same name, other domain) is not used to create one.
  const usable = (n: string | null | undefined): n is string => {
    if (!n || !n.trim() || nameKey(n) === '') return false;
    const byName = findCompany(db, orgId, { name: n });
    return !(byName && byName.domain && byName.domain !== domain);
  };
  const typed = email.typedCompany?.trim().slice(0, 200);
  const name = existing ? existing.name : usable(typed) ? typed : usable(nameFromDomain(domain)) ? nameFromDomain(domain) : domain;
  return recordCompanyEvidence(
    db,
    orgId,
    { name, domain },
    { source: 'form_email', matchedValue: domain, confidence: FORM_EMAIL_CONFIDENCE, detail: { leadId: email.leadId }, sessionId: email.sessionId },
    now,
  );
}
