import type { Company } from '../../companies/repo.js';
import type { Source, Verdict } from '../types.js';

/**
 * The verdict of a resolver that points at a company the organisation already has (a manual rule,
 * a learned mapping): the candidate is that company as stored, so the pipeline finds it again by id.
 */
export function knownCompanyVerdict(company: Company, v: { source: Source; confidence: number; matched: string; evidence: Record<string, unknown> }): Verdict {
  return {
    kind: 'company',
    candidate: { name: company.name, domain: company.domain, siren: company.siren, country: company.country },
    companyId: company.id,
    ...v,
  };
}
