import { isDisposableEmailDomain } from 'disposable-email-domains-js';
import type { Db } from '../db/open.js';
import { findCompany, recordCompanyEvidence, type Company } from '../companies/repo.js';
import { nameKey, registrableDomain } from '../companies/normalize.js';
import { CONFIDENCE as C } from './confidence.js';
import { isFreeMailDomain } from './network-names.js';

export type EmailIdentification =
  | { kind: 'company'; company: Company; created: boolean; domain: string }
  | { kind: 'free-mail' | 'disposable'; domain: string }
  | { kind: 'invalid'; domain: null };

/** `acme-industries.fr` → `Acme Industries`, a readable name until someone knows better. */
export function nameFromDomain(domain: string): string {
  const label = domain.split('.')[0] ?? domain;
  return label.split(/[-_]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ') || domain;
}

/**
 * Identifies the company behind an e-mail address or domain (for the leads slice, evidence
 * `form_email`): a business domain finds its company again or creates it (new companies go to
 * `prospect-default`); free-mail, ISP-mail and disposable domains never create a company.
 * A typed company name only names a new company, and only when no other company (with another
 * domain) already has that name: typing "Google" must not attach a lead to the real Google.
 * Example: `identifyEmailDomain(db, orgId, 'jane@acme.fr', { now, sessionId })`.
 */
export function identifyEmailDomain(
  db: Db,
  orgId: string,
  emailOrDomain: string,
  opts: { now: number; name?: string | null; sessionId?: number | null; detail?: Record<string, unknown> },
): EmailIdentification {
  const domain = registrableDomain(emailOrDomain.includes('@') ? emailOrDomain.slice(emailOrDomain.lastIndexOf('@') + 1) : emailOrDomain);
  if (!domain) return { kind: 'invalid', domain: null };
  if (isFreeMailDomain(domain)) return { kind: 'free-mail', domain };
  if (isDisposableEmailDomain(domain)) return { kind: 'disposable', domain };
  const existing = findCompany(db, orgId, { domain });
  const usable = (n: string | null | undefined): n is string => {
    if (!n || !nameKey(n)) return false;
    const byName = findCompany(db, orgId, { name: n });
    return !byName || !byName.domain || byName.domain === domain;
  };
  const typed = opts.name?.trim().slice(0, 200);
  const name = existing ? existing.name : usable(typed) ? typed : usable(nameFromDomain(domain)) ? nameFromDomain(domain) : domain;
  const { company, created } = recordCompanyEvidence(
    db,
    orgId,
    { ...(existing ? { id: existing.id } : {}), name, domain },
    { source: 'form_email', matchedValue: domain, confidence: C.formEmail, detail: opts.detail, sessionId: opts.sessionId ?? null },
    opts.now,
  );
  return { kind: 'company', company, created, domain };
}
