import type { Db } from '../db/open.js';
import type { PageviewView, VisitsDay } from '../schemas/overview.js';
import { daysOf, type DayRange } from './days.js';

// `siteId` null means every site of the organisation. Both tables are indexed on (org_id, time).
const SESSIONS_PER_DAY = `
  SELECT strftime('%Y-%m-%d', started_at / 1000, 'unixepoch') AS day, count(*) AS n
  FROM sessions
  WHERE org_id = @orgId AND started_at >= @startMs AND started_at < @endMs
    AND (@siteId IS NULL OR site_id = @siteId)
  GROUP BY day`;

const PAGEVIEWS_PER_DAY = `
  SELECT strftime('%Y-%m-%d', ts / 1000, 'unixepoch') AS day, count(*) AS n
  FROM events
  WHERE org_id = @orgId AND ts >= @startMs AND ts < @endMs AND type = 'pageview'
    AND (@siteId IS NULL OR site_id = @siteId)
  GROUP BY day`;

const LATEST_PAGEVIEWS = `
  SELECT e.ts, e.site_id, e.url, e.path, e.title, e.referrer, s.utm_source, s.referrer_host
  FROM events e
  LEFT JOIN sessions s ON s.id = e.session_id AND s.org_id = e.org_id
  WHERE e.org_id = @orgId AND e.ts >= @startMs AND e.ts < @endMs AND e.type = 'pageview' AND (@siteId IS NULL OR e.site_id = @siteId)
  ORDER BY e.ts DESC, e.id DESC
  LIMIT @limit`;

type DayCount = { day: string; n: number };
type PageviewRow = {
  ts: number;
  site_id: string;
  url: string;
  path: string;
  title: string | null;
  referrer: string | null;
  utm_source: string | null;
  referrer_host: string | null;
};

/** Sessions started and pageviews per UTC day of the range; days without traffic count zero. */
export function visitsPerDay(db: Db, orgId: string, siteId: string | null, range: DayRange): VisitsDay[] {
  const params = { orgId, siteId, startMs: range.startMs, endMs: range.endMs };
  const sessions = new Map((db.prepare(SESSIONS_PER_DAY).all(params) as DayCount[]).map((r) => [r.day, r.n]));
  const pageviews = new Map((db.prepare(PAGEVIEWS_PER_DAY).all(params) as DayCount[]).map((r) => [r.day, r.n]));
  return daysOf(range).map((day) => ({ day, sessions: sessions.get(day) ?? 0, pageviews: pageviews.get(day) ?? 0 }));
}

/** The most recent pageviews (of the time bounds, end excluded), newest first, with the source of their session. */
export function latestPageviews(db: Db, orgId: string, siteId: string | null, limit: number, bounds = { startMs: 0, endMs: Number.MAX_SAFE_INTEGER }): PageviewView[] {
  const rows = db.prepare(LATEST_PAGEVIEWS).all({ orgId, siteId, limit, ...bounds }) as PageviewRow[];
  return rows.map((r) => ({
    ts: r.ts,
    siteId: r.site_id,
    url: r.url,
    path: r.path,
    title: r.title,
    referrer: r.referrer,
    source: r.utm_source || r.referrer_host || null,
  }));
}
