import type { Db } from '../db/open.js';
import type { FacetsReply, LiveReply } from '../schemas/companies.js';
import { orgLists } from './query.js';

export const LIVE_WINDOW_MS = 5 * 60_000;

/** Companies seen on the site in the last five minutes, most recent first. */
export function liveCompanies(db: Db, orgId: string, now: number, limit = 20): LiveReply {
  const since = now - LIVE_WINDOW_MS;
  const companies = (db
    .prepare(`SELECT company_id, name, domain, last_visit_at, temperature FROM company_stats
      WHERE org_id = ? AND last_visit_at >= ? ORDER BY last_visit_at DESC, company_id LIMIT ?`)
    .all(orgId, since, limit) as Array<{ company_id: string; name: string; domain: string | null; last_visit_at: number; temperature: LiveReply['companies'][number]['temperature'] }>)
    .map((r) => ({ id: r.company_id, name: r.name, domain: r.domain, lastVisitAt: r.last_visit_at, temperature: r.temperature }));
  const count = db.prepare('SELECT count(*) FROM company_stats WHERE org_id = ? AND last_visit_at >= ?').pluck().get(orgId, since) as number;
  return { since, count, companies };
}

const FACETS_TTL_MS = 30_000;
const facetsCache = new WeakMap<Db, Map<string, { at: number; value: FacetsReply }>>();

/**
 * Values the filters offer: lists, countries and network classes seen, the top sources. Kept for
 * 30 seconds per organisation: every page load asks, and on 100,000 companies the distinct values
 * cost a scan; sources are the companies' top sources (the filter takes any source typed).
 */
export function facets(db: Db, orgId: string, now: number): FacetsReply {
  let byOrg = facetsCache.get(db);
  if (!byOrg) facetsCache.set(db, (byOrg = new Map()));
  const hit = byOrg.get(orgId);
  const lists = orgLists(db, orgId); // always fresh: a list just created or locked must show
  if (hit && now - hit.at < FACETS_TTL_MS) return { ...hit.value, lists };
  // One pass over the narrow table gives all three; sources ranked by how many companies they bring most.
  const rows = db
    .prepare('SELECT country, network_class, top_source, count(*) AS n FROM company_stats WHERE +org_id = ? GROUP BY 1, 2, 3')
    .all(orgId) as Array<{ country: string | null; network_class: string | null; top_source: string | null; n: number }>;
  const distinct = (values: Array<string | null>) => [...new Set(values.filter((v): v is string => !!v))].sort();
  const bySource = new Map<string, number>();
  for (const r of rows) if (r.top_source) bySource.set(r.top_source, (bySource.get(r.top_source) ?? 0) + r.n);
  const value: FacetsReply = {
    lists,
    countries: distinct(rows.map((r) => r.country)),
    sources: [...bySource].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 50).map(([source]) => source),
    networkClasses: distinct(rows.map((r) => r.network_class)),
  };
  if (byOrg.size > 1000) byOrg.clear();
  byOrg.set(orgId, { at: now, value });
  return value;
}
