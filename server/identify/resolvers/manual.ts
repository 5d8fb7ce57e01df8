import type { Db } from '../../db/open.js';
import { getCompany } from '../../companies/repo.js';
import { CONFIDENCE as C } from '../confidence.js';
import { cidrContains, parseCidr, type Cidr, type IpNum } from '../ip.js';
import { cachedRules } from '../org-cache.js';
import { loadRuleRows, type IpRuleAction } from '../rules-repo.js';
import type { Verdict } from '../types.js';
import { knownCompanyVerdict } from './known-company.js';

type CompiledRule = { id: string; cidr: Cidr; action: IpRuleAction; companyId: string | null };

/**
 * Resolver 1: the organisation's manual IP rules. The most specific CIDR wins, so an "ignore"
 * /32 inside a company /24 ignores that one address. Rules are compiled once per organisation and
 * recompiled after any rule change.
 */
export function resolveManual(db: Db, orgId: string, ip: IpNum): Verdict | null {
  const rules = cachedRules(db, orgId, () => compile(db, orgId));
  for (const r of rules) {
    if (!cidrContains(r.cidr, ip)) continue;
    const evidence = { ruleId: r.id, cidr: r.cidr.text };
    if (r.action === 'ignore') {
      return { kind: 'class', class: 'ignored', source: 'manual_rule', confidence: C.manualRule, matched: r.cidr.text, evidence };
    }
    const company = r.companyId ? getCompany(db, orgId, r.companyId) : undefined;
    if (!company) continue; // the company was deleted since: the rule is void
    return knownCompanyVerdict(company, { source: 'manual_rule', confidence: C.manualRule, matched: r.cidr.text, evidence });
  }
  return null;
}

function compile(db: Db, orgId: string): CompiledRule[] {
  const out: CompiledRule[] = [];
  for (const row of loadRuleRows(db, orgId)) {
    const cidr = parseCidr(row.cidr);
    if (cidr) out.push({ id: row.id, cidr, action: row.action, companyId: row.company_id });
  }
  // Most specific first; at equal length an ignore rule wins (the safer reading).
  return out.sort((a, b) => b.cidr.len - a.cidr.len || (a.action === 'ignore' ? -1 : 1));
}
