import type { Db } from '../db/open.js';
import type { InsightsReply } from '../schemas/companies.js';
import { daysOf, type DayRange } from '../overview/days.js';
import { pendingSessionsSql, rollupEvents, rollupLastId, rollupSessions } from './rollups.js';

const DAY_MS = 86_400_000;

type Pending = { day: number; site_id: string; source: string; network: string; identified: number; sessions: number };

/**
 * The Overview's figures for a range: companies identified and new companies per day, top pages,
 * top sources, unidentified traffic by reason. Reads the daily roll-ups (brought up to date first)
 * plus the sessions of the last hour that are not rolled up yet.
 */
export function insights(db: Db, orgId: string, siteId: string | null, range: DayRange, now: number): InsightsReply {
  rollupEvents(db);
  rollupSessions(db, now);
  const d0 = Math.floor(range.startMs / DAY_MS);
  const d1 = Math.floor(range.endMs / DAY_MS);
  const p = { org: orgId, site: siteId, d0, d1, start: range.startMs, end: range.endMs };
  const site = '(@site IS NULL OR site_id = @site)';

  const identified = new Map<number, number>(
    (siteId
      ? (db.prepare(`SELECT started_at / 86400000 AS day, count(DISTINCT company_id) AS n FROM sessions
          WHERE org_id = @org AND started_at >= @start AND started_at < @end AND site_id = @site AND company_id IS NOT NULL GROUP BY 1`).all(p) as Array<{ day: number; n: number }>)
      : (db.prepare('SELECT day, count(*) AS n FROM company_days WHERE org_id = @org AND day >= @d0 AND day < @d1 GROUP BY day').all(p) as Array<{ day: number; n: number }>)
    ).map((r) => [r.day, r.n]),
  );
  const created = new Map<number, number>(
    (db.prepare(`SELECT first_visit_at / 86400000 AS day, count(*) AS n FROM company_stats
        WHERE +org_id = @org AND first_visit_at >= @start AND first_visit_at < @end GROUP BY 1`).all(p) as Array<{ day: number; n: number }>).map((r) => [r.day, r.n]),
  );

  const topPages = db
    .prepare(`SELECT path, sum(views) AS views FROM page_days WHERE org_id = @org AND day >= @d0 AND day < @d1 AND ${site}
      GROUP BY path ORDER BY views DESC, path LIMIT 10`)
    .all(p) as Array<{ path: string; views: number }>;

  // Rolled-up sessions plus the recent ones still settling.
  const rows = db
    .prepare(`SELECT day, site_id, source, network, identified, sum(sessions) AS sessions FROM session_days
      WHERE org_id = @org AND day >= @d0 AND day < @d1 AND ${site} GROUP BY 1, 2, 3, 4, 5`)
    .all(p) as Pending[];
  const pending = (db.prepare(pendingSessionsSql()).all({ ...p, after: rollupLastId(db, 'sessions') }) as Pending[]).filter((r) => !siteId || r.site_id === siteId);
  const sources = new Map<string, number>();
  const reasons = new Map<string, number>();
  let sessions = 0;
  for (const r of [...rows, ...pending]) {
    sessions += r.sessions;
    sources.set(r.source, (sources.get(r.source) ?? 0) + r.sessions);
    if (!r.identified) reasons.set(r.network, (reasons.get(r.network) ?? 0) + r.sessions);
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);

  return {
    from: range.from,
    to: range.to,
    days: daysOf(range).map((day) => {
      const n = Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
      return { day, identified: identified.get(n) ?? 0, newCompanies: created.get(n) ?? 0 };
    }),
    topPages,
    topSources: top(sources, 10).map(([source, s]) => ({ source, sessions: s })),
    unidentified: top(reasons, 10).map(([reason, s]) => ({ reason, sessions: s })),
    sessions,
  };
}

/** Keeps the roll-ups current in the background (a first run over a big database goes chunk by chunk). */
export function startRollups(db: Db, clock: () => number, onClose: (fn: () => void) => void, everyMs = 2000): void {
  const timer = setInterval(() => {
    try {
      rollupEvents(db, 50_000);
      rollupSessions(db, clock(), 50_000);
    } catch (err) {
      console.error('[vigie] traffic roll-up failed', err);
    }
  }, everyMs);
  timer.unref();
  onClose(() => clearInterval(timer));
}

