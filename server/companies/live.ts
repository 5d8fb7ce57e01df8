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

/** Values the filters offer: lists, countries and sources seen, network classes seen. */
export function facets(db: Db, orgId: string): FacetsReply {
  const pluck = (sql: string) => db.prepare(sql).pluck().all(orgId) as string[];
  return {
    lists: orgLists(db, orgId),
    countries: pluck('SELECT DISTINCT country FROM company_stats WHERE org_id = ? AND country IS NOT NULL ORDER BY country'),
    sources: pluck('SELECT source FROM company_sources WHERE org_id = ? GROUP BY source ORDER BY sum(sessions) DESC LIMIT 50'),
    networkClasses: pluck('SELECT DISTINCT network_class FROM company_stats WHERE org_id = ? AND network_class IS NOT NULL ORDER BY network_class'),
  };
}
