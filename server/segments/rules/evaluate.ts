import type { Db } from '../../db/open.js';
import { nameKey, registrableDomain } from '../../companies/normalize.js';
import type { RuleCondition, RuleView } from '../../schemas/segments.js';

/**
 * What rules look at. Visit facts are loaded only when a rule needs them; at creation time a
 * company has no visit yet, so they are empty.
 */
export type CompanyFacts = {
  domain: string | null;
  nameKey: string;
  country: string | null;
  visits: () => { count: number; networkClasses: Set<string>; utmSources: Set<string>; paths: Set<string> };
};

const NO_VISITS = { count: 0, networkClasses: new Set<string>(), utmSources: new Set<string>(), paths: new Set<string>() };
export const noVisits = () => NO_VISITS;

/** Facts of an existing company from its sessions and pageviews (memoised per call). */
export function companyFacts(db: Db, orgId: string, c: { id: string; domain: string | null; name_key: string; country: string | null }): CompanyFacts {
  let memo: ReturnType<CompanyFacts['visits']> | null = null;
  return {
    domain: c.domain,
    nameKey: c.name_key,
    country: c.country,
    visits: () => {
      if (memo) return memo;
      const s = db.prepare('SELECT count(*) AS n FROM sessions WHERE org_id = ? AND company_id = ?').get(orgId, c.id) as { n: number };
      const classes = db.prepare('SELECT DISTINCT network_class FROM sessions WHERE org_id = ? AND company_id = ? AND network_class IS NOT NULL').pluck().all(orgId, c.id) as string[];
      const utm = db.prepare('SELECT DISTINCT lower(utm_source) FROM sessions WHERE org_id = ? AND company_id = ? AND utm_source IS NOT NULL').pluck().all(orgId, c.id) as string[];
      const paths = db
        .prepare("SELECT DISTINCT e.path FROM sessions s JOIN events e ON e.session_id = s.id WHERE s.org_id = ? AND s.company_id = ? AND e.type = 'pageview' LIMIT 5000")
        .pluck()
        .all(orgId, c.id) as string[];
      memo = { count: s.n, networkClasses: new Set(classes), utmSources: new Set(utm), paths: new Set(paths) };
      return memo;
    },
  };
}

/** Does one condition hold? Domains compare registrable domains; names compare normalised names. */
export function conditionHolds(cond: RuleCondition, f: CompanyFacts): boolean {
  switch (cond.field) {
    case 'domain': {
      if (!f.domain) return false;
      const v = cond.value.trim().toLowerCase().replace(/^\*?\.?/, '');
      if (cond.op === 'equals') return f.domain === (registrableDomain(v) ?? v);
      return f.domain === v || f.domain.endsWith(`.${v}`);
    }
    case 'name': {
      const v = nameKey(cond.value);
      return cond.op === 'equals' ? f.nameKey === v : !!v && f.nameKey.includes(v);
    }
    case 'country':
      return !!f.country && f.country.toUpperCase() === cond.value.toUpperCase();
    case 'networkClass':
      return f.visits().networkClasses.has(cond.value);
    case 'utmSource':
      return f.visits().utmSources.has(cond.value.toLowerCase());
    case 'pageVisited': {
      const paths = f.visits().paths;
      if (cond.op === 'equals') return paths.has(cond.value);
      for (const p of paths) if (p.includes(cond.value)) return true;
      return false;
    }
    case 'visitCount':
      return cond.op === 'gte' ? f.visits().count >= cond.value : f.visits().count <= cond.value;
  }
}

/** The first enabled rule (in order) whose every condition holds. */
export function firstMatchingRule(rules: readonly RuleView[], f: CompanyFacts): RuleView | undefined {
  return rules.find((r) => r.enabled && r.conditions.every((c) => conditionHolds(c, f)));
}
