import type { Db } from '../db/open.js';
import type { CompanyDetail, EvidenceView, ListRef, MoveView, VisitPage, VisitsReply } from '../schemas/companies.js';
import { currentScore } from '../scoring/rescore.js';
import { getCompany } from './repo.js';

const MAX_PAGE_TIME_MS = 30 * 60_000;

function listRef(db: Db, orgId: string, id: string | null): ListRef | null {
  if (!id) return null;
  const r = db.prepare('SELECT id, name, category, locked FROM lists WHERE org_id = ? AND id = ?').get(orgId, id) as
    | { id: string; name: string; category: string; locked: number }
    | undefined;
  return r ? { id: r.id, name: r.name, category: r.category, locked: r.locked === 1 } : null;
}

/** Everything the company page shows at once; undefined for a missing or foreign id. */
export function companyDetail(db: Db, orgId: string, id: string, now: number): CompanyDetail | undefined {
  const c = getCompany(db, orgId, id);
  if (!c) return undefined;
  const score = currentScore(db, orgId, id, now)!;
  const s = db.prepare('SELECT sessions, pageviews, engaged_ms, first_visit_at, last_visit_at, top_source, network_class FROM company_stats WHERE org_id = ? AND company_id = ?').get(orgId, id) as
    { sessions: number; pageviews: number; engaged_ms: number; first_visit_at: number | null; last_visit_at: number | null; top_source: string | null; network_class: string | null };
  // One line per source and matched value (each visit from the same network adds a row): a stream
  // of identical network matches must not push a form e-mail or an IP rule off the page.
  const evidence = (db
    .prepare(`SELECT source, matched_value, max(confidence) AS confidence, max(seen_at) AS seen_at, min(seen_at) AS first_seen_at, count(*) AS times
      FROM company_evidence WHERE org_id = ? AND company_id = ?
      GROUP BY source, matched_value ORDER BY confidence DESC, seen_at DESC LIMIT 50`)
    .all(orgId, id) as Array<{ source: string; matched_value: string; confidence: number; seen_at: number; first_seen_at: number; times: number }>)
    .map((e): EvidenceView => ({ source: e.source, matchedValue: e.matched_value, confidence: e.confidence, seenAt: e.seen_at, firstSeenAt: e.first_seen_at, times: e.times }));
  const moves = (db
    .prepare(`SELECT m.from_list_id, m.to_list_id, m.actor, u.name AS actor_name, u.email AS actor_email, m.reason, m.at
      FROM list_moves m LEFT JOIN users u ON m.actor = 'user' AND u.id = m.actor_id AND u.org_id = m.org_id
      WHERE m.org_id = ? AND m.company_id = ? ORDER BY m.at DESC, m.id DESC LIMIT 100`)
    .all(orgId, id) as Array<{ from_list_id: string | null; to_list_id: string; actor: string; actor_name: string | null; actor_email: string | null; reason: string | null; at: number }>)
    .map((m): MoveView => ({
      from: listRef(db, orgId, m.from_list_id),
      to: listRef(db, orgId, m.to_list_id) ?? { id: m.to_list_id, name: '?', category: 'autre', locked: false },
      actor: m.actor,
      actorName: m.actor_name || m.actor_email,
      reason: m.reason,
      at: m.at,
    }));
  return {
    company: {
      id: c.id, name: c.name, domain: c.domain, siren: c.siren, country: c.country, tags: c.tags, list: listRef(db, orgId, c.listId)!,
      bestSource: c.bestSource, bestConfidence: c.bestConfidence, firstSeenAt: c.firstSeenAt, lastSeenAt: c.lastSeenAt,
    },
    stats: {
      visits: s.sessions, pages: s.pageviews, engagedMs: s.engaged_ms, firstVisitAt: s.first_visit_at, lastVisitAt: s.last_visit_at,
      topSource: s.top_source, networkClass: s.network_class,
    },
    score,
    evidence,
    moves,
  };
}

type SessionRow = {
  id: number; started_at: number; last_seen_at: number; entry_url: string; referrer: string | null; referrer_host: string | null;
  utm_source: string | null; utm_medium: string | null; utm_campaign: string | null; country: string | null; device: string | null;
};
type EventRow = { session_id: number; type: string; ts: number; path: string; title: string | null; engaged_ms: number | null };

/**
 * Time spent per page: the engagement the tracker reported for that page when there is some,
 * else the gap to the next pageview (or to the end of the session), capped at 30 minutes.
 */
function pagesOf(events: EventRow[], sessionEnd: number): VisitPage[] {
  const views = events.filter((e) => e.type === 'pageview');
  const engaged = new Map<string, number>();
  for (const e of events) if (e.type === 'engagement' && e.engaged_ms) engaged.set(e.path, (engaged.get(e.path) ?? 0) + e.engaged_ms);
  return views.map((v, i) => {
    const next = views[i + 1]?.ts ?? sessionEnd;
    const reported = engaged.get(v.path);
    if (reported !== undefined) engaged.delete(v.path); // counted once, on the first view of that path
    const gap = next > v.ts ? Math.min(next - v.ts, MAX_PAGE_TIME_MS) : null;
    return { path: v.path, title: v.title, at: v.ts, timeMs: reported ?? gap };
  });
}

/** The company's sessions, newest first, with their pages; `before` is the last session id of the previous page. */
export function companyVisits(db: Db, orgId: string, id: string, before: number | undefined, limit: number): VisitsReply | undefined {
  if (!getCompany(db, orgId, id)) return undefined;
  // Newest first by start time; the cursor is the last session shown (its start, then its id).
  // `+org_id` keeps the scope without letting the (org_id, time) index drive: the company's index must.
  const cursor = before === undefined ? undefined
    : (db.prepare('SELECT started_at FROM sessions WHERE org_id = ? AND company_id = ? AND id = ?').pluck().get(orgId, id, before) as number | undefined);
  const sessions = db
    .prepare(`SELECT id, started_at, last_seen_at, entry_url, referrer, referrer_host, utm_source, utm_medium, utm_campaign, country, device
      FROM sessions WHERE +org_id = @org AND company_id = @id AND (@cs IS NULL OR started_at < @cs OR (started_at = @cs AND id < @cid))
      ORDER BY started_at DESC, id DESC LIMIT @limit`)
    .all({ org: orgId, id, cs: before === undefined ? null : (cursor ?? -1), cid: before ?? 0, limit: limit + 1 }) as SessionRow[];
  const page = sessions.slice(0, limit);
  const events = page.length
    ? (db
        .prepare(`SELECT session_id, type, ts, path, title, engaged_ms FROM events
          WHERE +org_id = ? AND session_id IN (SELECT value FROM json_each(?)) AND type IN ('pageview', 'engagement') ORDER BY ts, id`)
        .all(orgId, JSON.stringify(page.map((s) => s.id))) as EventRow[])
    : [];
  const bySession = new Map<number, EventRow[]>();
  for (const e of events) {
    const list = bySession.get(e.session_id);
    if (list) list.push(e);
    else bySession.set(e.session_id, [e]);
  }
  return {
    visits: page.map((s) => ({
      id: s.id,
      startedAt: s.started_at,
      lastSeenAt: s.last_seen_at,
      entryUrl: s.entry_url,
      source: s.utm_source || s.referrer_host || null,
      utm: { source: s.utm_source, medium: s.utm_medium, campaign: s.utm_campaign },
      referrer: s.referrer,
      country: s.country,
      device: s.device,
      pages: pagesOf(bySession.get(s.id) ?? [], s.last_seen_at),
    })),
    next: sessions.length > limit ? page[page.length - 1]!.id : null,
  };
}
