import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open.js';
import type { VisitorKeys } from '../collect/visitor-key.js';
import { utcDay } from '../collect/visitor-key.js';
import { CONFIDENCE } from '../identify/confidence.js';

/**
 * Finds the visitor who is submitting a form, the way the collector counted them: by the consent
 * id the tracker passed along, else by today's cookieless key, computed here from the socket IP
 * and user agent (never from anything the browser claims), so a forged body cannot claim
 * someone else's visits.
 */
export function findSubmittingVisitor(
  db: Db,
  keys: VisitorKeys,
  site: { id: string; orgId: string },
  who: { cid: string | null; ip: string; userAgent: string },
  now: number,
): number | null {
  if (who.cid) {
    const id = db.prepare('SELECT id FROM visitors WHERE org_id = ? AND site_id = ? AND key = ?').pluck().get(site.orgId, site.id, `c:${who.cid}`) as number | undefined;
    if (id) return id;
  }
  const key = keys.keyOf(site.id, who.ip, who.userAgent, null, now);
  // Hashed keys are not indexed (random keys): today's visitors are found through first_seen.
  const dayStart = Date.parse(`${utcDay(now)}T00:00:00Z`);
  const id = db
    .prepare('SELECT id FROM visitors WHERE first_seen >= ? AND org_id = ? AND site_id = ? AND key = ? ORDER BY id DESC LIMIT 1')
    .pluck()
    .get(dayStart, site.orgId, site.id, key) as number | undefined;
  return id ?? null;
}

/**
 * Attributes a visitor and all their sessions to the lead, and to its company when known (a
 * business e-mail outranks an IP guess). Later sessions follow through `applyVisitorLead`.
 * Returns the sessions touched.
 */
export function attachVisitor(db: Db, orgId: string, visitorId: number, leadId: string, companyId: string | null): number[] {
  db.prepare('UPDATE visitors SET lead_id = ?, company_id = coalesce(?, company_id) WHERE org_id = ? AND id = ?').run(leadId, companyId, orgId, visitorId);
  const ids = db.prepare('SELECT id FROM sessions WHERE org_id = ? AND visitor_id = ?').pluck().all(orgId, visitorId) as number[];
  stampSessions(db, orgId, ids, leadId, companyId);
  return ids;
}

function stampSessions(db: Db, orgId: string, ids: readonly number[], leadId: string, companyId: string | null): void {
  const stamp = companyId
    ? db.prepare(`UPDATE sessions SET lead_id = ?, company_id = ?, ident_source = 'form_email', ident_confidence = ? WHERE org_id = ? AND id = ?`)
    : null;
  const leadOnly = db.prepare('UPDATE sessions SET lead_id = ? WHERE org_id = ? AND id = ?');
  for (const id of ids) {
    if (stamp) stamp.run(leadId, companyId, CONFIDENCE.formEmail, orgId, id);
    else leadOnly.run(leadId, orgId, id);
  }
}

type VisitorLeadRow = { sessionId: number; current: string | null; currentLead: string | null; leadId: string; companyId: string | null };

/** The query of `applyVisitorLead`, prepared once per connection: it runs for every new session. */
const visitorLeadQueries = new WeakMap<Db, Statement>();
function visitorLeadsOfSessions(db: Db): Statement {
  let stmt = visitorLeadQueries.get(db);
  if (!stmt) {
    // `+s.org_id`: look the sessions up by id, not by walking the organisation's sessions_org_time range.
    stmt = db.prepare(
      `SELECT s.id AS sessionId, s.company_id AS current, s.lead_id AS currentLead, v.lead_id AS leadId, l.company_id AS companyId
       FROM sessions s JOIN visitors v ON v.id = s.visitor_id JOIN leads l ON l.id = v.lead_id AND l.org_id = s.org_id
       WHERE +s.org_id = ? AND s.id IN (SELECT value FROM json_each(?)) AND v.lead_id IS NOT NULL`,
    );
    visitorLeadQueries.set(db, stmt);
  }
  return stmt;
}

/**
 * For sessions just started or identified: those of a visitor who filled a form get the lead and
 * its company. Returns the sessions whose company changed. One read for all the sessions; a write
 * transaction only when one of them belongs to a lead's visitor (rare: most visitors fill no form).
 */
export function applyVisitorLead(db: Db, orgId: string, sessionIds: readonly number[]): Array<{ sessionId: number; companyId: string; leadId: string }> {
  if (sessionIds.length === 0) return [];
  const rows = (visitorLeadsOfSessions(db).all(orgId, JSON.stringify(sessionIds)) as VisitorLeadRow[]).filter(
    (r) => !(r.currentLead === r.leadId && (r.companyId === null || r.current === r.companyId)),
  );
  if (rows.length === 0) return [];
  const changed: Array<{ sessionId: number; companyId: string; leadId: string }> = [];
  db.transaction(() => {
    for (const r of rows) {
      stampSessions(db, orgId, [r.sessionId], r.leadId, r.companyId);
      if (r.companyId && r.current !== r.companyId) changed.push({ sessionId: r.sessionId, companyId: r.companyId, leadId: r.leadId });
    }
  })();
  return changed;
}

export type FirstTouch = { source: string; medium: string | null; campaign: string | null };

/** Where the visitor first came from: UTM of their first session, else its referrer, else direct. */
export function firstTouch(db: Db, orgId: string, visitorId: number | null): FirstTouch {
  const row = visitorId === null ? undefined : (db
    .prepare('SELECT utm_source, utm_medium, utm_campaign, referrer_host FROM sessions WHERE org_id = ? AND visitor_id = ? ORDER BY started_at, id LIMIT 1')
    .get(orgId, visitorId) as { utm_source: string | null; utm_medium: string | null; utm_campaign: string | null; referrer_host: string | null } | undefined);
  if (row?.utm_source) return { source: row.utm_source, medium: row.utm_medium, campaign: row.utm_campaign };
  if (row?.referrer_host) return { source: row.referrer_host, medium: 'referral', campaign: null };
  return { source: '(direct)', medium: null, campaign: null };
}

/** The visitor's latest session (the one the form was filled in). */
export function currentSession(db: Db, orgId: string, visitorId: number | null): number | null {
  if (visitorId === null) return null;
  return (db.prepare('SELECT id FROM sessions WHERE org_id = ? AND visitor_id = ? ORDER BY last_seen_at DESC, id DESC LIMIT 1').pluck().get(orgId, visitorId) as number | undefined) ?? null;
}
