import type { Db } from '../db/open.js';
import { getCompany, recordCompanyEvidence } from '../companies/repo.js';
import { registrableDomain } from '../companies/normalize.js';
import { badRequest, notFound } from '../http/errors.js';
import type { IpRuleInput } from '../schemas/identify.js';
import { CONFIDENCE as C } from './confidence.js';
import { parseCidr } from './ip.js';
import { insertIpRule, updateIpRule, type IpRule } from './rules-repo.js';

// Wider rules than this would map a whole provider's space to one company: surely a typo.
const MIN_PREFIX = { 4: 8, 6: 16 } as const;

/** Checks and canonicalises a rule's CIDR (`192.0.2.7/24` → `192.0.2.0/24`); 400 naming `cidr`. */
export function canonicalCidr(input: string): string {
  const c = parseCidr(input);
  if (!c) throw badRequest('cidr: not an IPv4 or IPv6 address or CIDR (e.g. 192.0.2.0/24, 2001:db8::/48)', 'cidr');
  if (c.len < MIN_PREFIX[c.net.v]) throw badRequest(`cidr: too wide (at least /${MIN_PREFIX[c.net.v]} for IPv${c.net.v})`, 'cidr');
  return c.text;
}

/**
 * The rule's company: an existing one of the organisation (404 otherwise, whoever owns the id) or
 * one found again or created from a name and domain, with `manual_rule` evidence.
 */
function resolveRuleCompany(db: Db, orgId: string, input: IpRuleInput, cidr: string, now: number): string | null {
  if (input.action === 'ignore') return null;
  if (input.companyId) {
    if (!getCompany(db, orgId, input.companyId)) throw notFound('Company not found');
    return input.companyId;
  }
  // A typed domain that is not one (an IP, in-addr.arpa, a bare TLD) would be dropped silently.
  const typed = input.company!.domain || null;
  const domain = typed === null ? null : registrableDomain(typed);
  if (typed !== null && !domain) throw badRequest('company.domain: not a domain name such as example.com', 'company.domain');
  const { company } = recordCompanyEvidence(
    db,
    orgId,
    { name: input.company!.name, domain },
    { source: 'manual_rule', matchedValue: cidr, confidence: C.manualRule, detail: { rule: 'created with an IP rule' } },
    now,
  );
  return company.id;
}

/** Creates a manual IP rule; a second rule for the same CIDR answers 409. */
export function createIpRule(db: Db, orgId: string, input: IpRuleInput, now: number): IpRule {
  const cidr = canonicalCidr(input.cidr);
  return db.transaction(() => {
    const companyId = resolveRuleCompany(db, orgId, input, cidr, now);
    return insertIpRule(db, orgId, { cidr, action: input.action, companyId, note: input.note }, now);
  })();
}

/** Replaces a rule's CIDR, action, company and note; 404 when not the organisation's. */
export function replaceIpRule(db: Db, orgId: string, id: string, input: IpRuleInput, now: number): IpRule {
  const cidr = canonicalCidr(input.cidr);
  return db.transaction(() => {
    const companyId = resolveRuleCompany(db, orgId, input, cidr, now);
    return updateIpRule(db, orgId, id, { cidr, action: input.action, companyId, note: input.note }, now);
  })();
}
