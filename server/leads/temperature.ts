import type { Db } from '../db/open.js';

export type Temperature = 'cold' | 'warm' | 'hot';
export const TEMPERATURES: readonly Temperature[] = ['cold', 'warm', 'hot'];

/** Pages that show buying intent (French and English paths). */
export const KEY_PAGE_RE = /\/(pricing|prices?|tarifs?|prix|plans?|demo|d[eé]mo|contact|devis|quote|offres?|essai|trial)(\/|$|\?|#)/i;

export type Behaviour = { pages: number; keyPages: string[]; visits: number; lastVisitAt: number | null };

const DAY = 86_400_000;

/**
 * Temperature from what the lead's visitor did: pages seen, key pages (pricing, demo, contact…),
 * repeat visits and how recently. Points: pages ≥ 3 (+1) or ≥ 8 (+2); a key page (+2);
 * 2 visits (+1) or 3+ (+2); last visit within 2 days (+1) or older than 30 (−2).
 * Hot from 5 points, warm from 2, cold below.
 */
export function temperatureOf(b: Behaviour, now: number): Temperature {
  let points = 0;
  if (b.pages >= 8) points += 2;
  else if (b.pages >= 3) points += 1;
  if (b.keyPages.length > 0) points += 2;
  if (b.visits >= 3) points += 2;
  else if (b.visits >= 2) points += 1;
  if (b.lastVisitAt !== null && now - b.lastVisitAt <= 2 * DAY) points += 1;
  if (b.lastVisitAt !== null && now - b.lastVisitAt > 30 * DAY) points -= 2;
  return points >= 5 ? 'hot' : points >= 2 ? 'warm' : 'cold';
}

/** What the sessions attributed to a lead show. */
export function leadBehaviour(db: Db, orgId: string, leadId: string): Behaviour {
  const s = db
    .prepare('SELECT count(*) AS visits, max(last_seen_at) AS last FROM sessions WHERE org_id = ? AND lead_id = ?')
    .get(orgId, leadId) as { visits: number; last: number | null };
  const paths = db
    .prepare(
      `SELECT e.path FROM events e JOIN sessions s ON s.id = e.session_id
       WHERE s.org_id = ? AND s.lead_id = ? AND e.org_id = ? AND e.type = 'pageview'`,
    )
    .pluck()
    .all(orgId, leadId, orgId) as string[];
  const keyPages = [...new Set(paths.filter((p) => KEY_PAGE_RE.test(p)))];
  return { pages: paths.length, keyPages, visits: s.visits, lastVisitAt: s.last };
}

/** Recomputes and stores a lead's temperature unless a user set it by hand. */
export function refreshTemperature(db: Db, orgId: string, leadId: string, now: number): Temperature | null {
  const manual = db.prepare('SELECT temperature_manual FROM leads WHERE org_id = ? AND id = ?').pluck().get(orgId, leadId) as number | undefined;
  if (manual === undefined || manual === 1) return null;
  const t = temperatureOf(leadBehaviour(db, orgId, leadId), now);
  db.prepare('UPDATE leads SET temperature = ? WHERE org_id = ? AND id = ?').run(t, orgId, leadId);
  return t;
}
