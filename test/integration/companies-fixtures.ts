import type { Db } from '../../server/db/open.js';
import { recordCompanyEvidence } from '../../server/companies/repo.js';

export const DAY = 86_400_000;

/** Creates (or finds) a company through the shared repository, as identification does. */
export function company(db: Db, orgId: string, c: { name: string; domain?: string; country?: string; confidence?: number }, now: number): string {
  return recordCompanyEvidence(db, orgId, { name: c.name, domain: c.domain ?? null, country: c.country ?? null }, {
    source: 'asn_table', matchedValue: '192.0.2.0/24', confidence: c.confidence ?? 0.7,
  }, now).company.id;
}

/** Moves a company by hand, as a user would (the list is looked up by name). */
export function putInList(db: Db, orgId: string, companyId: string, listName: string): string {
  const listId = db.prepare('SELECT id FROM lists WHERE org_id = ? AND name = ?').pluck().get(orgId, listName) as string;
  db.prepare('UPDATE companies SET list_id = ? WHERE org_id = ? AND id = ?').run(listId, orgId, companyId);
  return listId;
}

export type VisitSpec = {
  at: number;
  paths: string[];
  companyId: string | null;
  utmSource?: string;
  referrerHost?: string;
  engagedMs?: number;
  networkClass?: string;
  country?: string;
};

/**
 * Writes a session and its pageviews the way the collector stores them (one minute between
 * pages) and returns the session id. Tests then announce it on the bus like the collector does.
 */
export function visit(db: Db, orgId: string, siteId: string, v: VisitSpec): number {
  const visitorId = Number(db.prepare(
    `INSERT INTO visitors (org_id, site_id, kind, key, first_seen, last_seen, company_id) VALUES (?, ?, 'hash', ?, ?, ?, ?)`,
  ).run(orgId, siteId, `h:${Math.random()}`, v.at, v.at, v.companyId).lastInsertRowid);
  const last = v.at + (v.paths.length - 1) * 60_000;
  const sessionId = Number(db.prepare(
    `INSERT INTO sessions (org_id, site_id, visitor_id, started_at, last_seen_at, entry_url, referrer_host, utm_source, ip_prefix, country,
       pageviews, engaged_ms, company_id, network_class)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, '192.0.2.0/24', ?, ?, ?, ?, ?)`,
  ).run(orgId, siteId, visitorId, v.at, last, `https://example.com${v.paths[0] ?? '/'}`, v.referrerHost ?? null, v.utmSource ?? null,
    v.country ?? 'FR', v.paths.length, v.engagedMs ?? 0, v.companyId, v.networkClass ?? null).lastInsertRowid);
  const ev = db.prepare(
    `INSERT INTO events (org_id, site_id, session_id, type, ts, url, path, title) VALUES (?, ?, ?, 'pageview', ?, ?, ?, ?)`,
  );
  v.paths.forEach((p, i) => ev.run(orgId, siteId, sessionId, v.at + i * 60_000, `https://example.com${p}`, p, `Page ${p}`));
  return sessionId;
}
