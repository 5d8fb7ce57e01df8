import type { Db } from '../db/open.js';
import { prepared } from '../db/prepared.js';

/*
 * Per-company traffic aggregates (company_days, company_pages, company_sources and the counters
 * on company_stats), rebuilt from sessions and events. A company's aggregates are recomputed
 * whole rather than patched with deltas: a session keeps growing after its first commit and can
 * be attributed to a company later, and a rebuild is idempotent whatever order events arrive in.
 * Counters come from the session row; paths from the pageview events.
 */

const PATH_MAX = 300;
const SOURCE = `lower(coalesce(nullif(s.utm_source, ''), nullif(s.referrer_host, ''), '(direct)'))`;
// The collector keeps sessions.pageviews and engaged_ms up to date as hits arrive.
const PAGEVIEWS_OF_SESSION = 's.pageviews';

// `+s.org_id`: scoped, but the per-company index must drive, never the organisation-wide time index.
const one = {
  clearDays: 'DELETE FROM company_days WHERE company_id = @id',
  clearPages: 'DELETE FROM company_pages WHERE company_id = @id',
  clearSources: 'DELETE FROM company_sources WHERE company_id = @id',
  days: `INSERT INTO company_days (company_id, day, org_id, sessions, pageviews, engaged_ms, first_at, last_at)
    SELECT @id, s.started_at / 86400000, @org, count(*), sum(${PAGEVIEWS_OF_SESSION}), sum(s.engaged_ms), min(s.started_at), max(s.last_seen_at)
    FROM sessions s WHERE +s.org_id = @org AND s.company_id = @id GROUP BY s.started_at / 86400000`,
  pages: `INSERT INTO company_pages (company_id, path, org_id, views, last_at)
    SELECT @id, substr(e.path, 1, ${PATH_MAX}), @org, count(*), max(e.ts)
    FROM sessions s JOIN events e ON e.session_id = s.id
    WHERE +s.org_id = @org AND s.company_id = @id AND e.type = 'pageview'
    GROUP BY substr(e.path, 1, ${PATH_MAX})`,
  sources: `INSERT INTO company_sources (company_id, source, org_id, sessions)
    SELECT @id, ${SOURCE}, @org, count(*) FROM sessions s WHERE +s.org_id = @org AND s.company_id = @id GROUP BY 2`,
  stats: `UPDATE company_stats SET
      sessions = coalesce((SELECT sum(sessions) FROM company_days WHERE company_id = @id), 0),
      pageviews = coalesce((SELECT sum(pageviews) FROM company_days WHERE company_id = @id), 0),
      engaged_ms = coalesce((SELECT sum(engaged_ms) FROM company_days WHERE company_id = @id), 0),
      first_visit_at = (SELECT min(first_at) FROM company_days WHERE company_id = @id),
      last_visit_at = (SELECT max(last_at) FROM company_days WHERE company_id = @id),
      top_source = (SELECT source FROM company_sources WHERE company_id = @id ORDER BY sessions DESC, source LIMIT 1),
      network_class = coalesce((SELECT s.network_class FROM sessions s WHERE +s.org_id = @org AND s.company_id = @id
        AND s.network_class IS NOT NULL GROUP BY s.network_class ORDER BY count(*) DESC LIMIT 1), 'company'),
      dirty = 0
    WHERE org_id = @org AND company_id = @id`,
};

/**
 * Rebuilds the aggregates of the given companies (in one transaction); the caller rescores them.
 * Ids that are not (or no longer) the organisation's companies are skipped: a session can still
 * point at a company that was merged away.
 */
export function refreshAggregates(db: Db, orgId: string, companyIds: Iterable<string>): number {
  const st = Object.fromEntries(Object.entries(one).map(([k, sql]) => [k, prepared(db, sql)])) as Record<keyof typeof one, ReturnType<Db['prepare']>>;
  const exists = prepared(db, 'SELECT 1 FROM company_stats WHERE company_id = ? AND org_id = ?');
  let n = 0;
  db.transaction(() => {
    for (const id of companyIds) {
      if (!exists.get(id, orgId)) continue;
      const p = { id, org: orgId };
      st.clearDays.run(p);
      st.clearPages.run(p);
      st.clearSources.run(p);
      st.days.run(p);
      st.pages.run(p);
      st.sources.run(p);
      n += st.stats.run(p).changes;
    }
  })();
  return n;
}

const all = [
  'DELETE FROM company_days WHERE org_id = @org',
  'DELETE FROM company_pages WHERE org_id = @org',
  'DELETE FROM company_sources WHERE org_id = @org',
  `INSERT INTO company_days (company_id, day, org_id, sessions, pageviews, engaged_ms, first_at, last_at)
    SELECT s.company_id, s.started_at / 86400000, @org, count(*), sum(${PAGEVIEWS_OF_SESSION}), sum(s.engaged_ms), min(s.started_at), max(s.last_seen_at)
    FROM sessions s JOIN company_stats cs ON cs.company_id = s.company_id AND cs.org_id = @org
    WHERE s.org_id = @org AND s.company_id IS NOT NULL GROUP BY s.company_id, s.started_at / 86400000`,
  `INSERT INTO company_pages (company_id, path, org_id, views, last_at)
    SELECT s.company_id, substr(e.path, 1, ${PATH_MAX}), @org, count(*), max(e.ts)
    FROM events e JOIN sessions s ON s.id = e.session_id JOIN company_stats cs ON cs.company_id = s.company_id AND cs.org_id = @org
    WHERE e.org_id = @org AND e.type = 'pageview' AND s.company_id IS NOT NULL
    GROUP BY s.company_id, substr(e.path, 1, ${PATH_MAX})`,
  `INSERT INTO company_sources (company_id, source, org_id, sessions)
    SELECT s.company_id, ${SOURCE}, @org, count(*) FROM sessions s JOIN company_stats cs ON cs.company_id = s.company_id AND cs.org_id = @org
    WHERE s.org_id = @org AND s.company_id IS NOT NULL GROUP BY s.company_id, 2`,
  `UPDATE company_stats SET sessions = 0, pageviews = 0, engaged_ms = 0, first_visit_at = NULL, last_visit_at = NULL,
      top_source = NULL, network_class = 'company', dirty = 0 WHERE org_id = @org`,
  `UPDATE company_stats SET sessions = d.sessions, pageviews = d.pageviews, engaged_ms = d.engaged_ms,
      first_visit_at = d.first_at, last_visit_at = d.last_at
    FROM (SELECT company_id, sum(sessions) AS sessions, sum(pageviews) AS pageviews, sum(engaged_ms) AS engaged_ms,
            min(first_at) AS first_at, max(last_at) AS last_at
          FROM company_days WHERE org_id = @org GROUP BY company_id) AS d
    WHERE company_stats.company_id = d.company_id`,
  `UPDATE company_stats SET top_source = t.source
    FROM (SELECT company_id, source, max(sessions) FROM company_sources WHERE org_id = @org GROUP BY company_id) AS t
    WHERE company_stats.company_id = t.company_id`,
  `UPDATE company_stats SET network_class = n.network_class
    FROM (SELECT company_id, network_class, max(c) FROM (
            SELECT company_id, network_class, count(*) AS c FROM sessions
            WHERE org_id = @org AND company_id IS NOT NULL AND network_class IS NOT NULL GROUP BY company_id, network_class)
          GROUP BY company_id) AS n
    WHERE company_stats.company_id = n.company_id`,
];

/**
 * Rebuilds every company's aggregates of an organisation with set-based statements (seed, repair).
 * Blocks for seconds on a large database: not for the request path.
 */
export function rebuildAllAggregates(db: Db, orgId: string): void {
  db.transaction(() => {
    for (const sql of all) db.prepare(sql).run({ org: orgId });
  })();
}
