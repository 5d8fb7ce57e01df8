import type { Db } from '../db/open.js';

/** Sessions are counted once this old: identification (and its network class) has settled by then. */
export const SESSION_SETTLE_MS = 3_600_000;

const SOURCE = `lower(coalesce(nullif(utm_source, ''), nullif(referrer_host, ''), '(direct)'))`;
const NETWORK = `CASE WHEN company_id IS NOT NULL THEN 'company' ELSE coalesce(network_class, 'unknown') END`;

const lastId = (db: Db, name: string) => (db.prepare('SELECT last_id FROM rollup_state WHERE name = ?').pluck().get(name) as number | undefined) ?? 0;
const setLast = (db: Db, name: string, id: number) =>
  db.prepare('INSERT INTO rollup_state (name, last_id) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET last_id = excluded.last_id').run(name, id);

/**
 * Adds the pageviews written since the last run to page_days, at most `maxRows` event ids per call
 * (a first run over millions of events goes chunk by chunk). Returns how many ids it covered.
 */
export function rollupEvents(db: Db, maxRows = 200_000): number {
  return db.transaction(() => {
    const from = lastId(db, 'events');
    const top = (db.prepare('SELECT max(id) FROM events').pluck().get() as number | null) ?? 0;
    const to = Math.min(top, from + maxRows);
    if (to <= from) return 0;
    db.prepare(
      `INSERT INTO page_days (org_id, day, site_id, path, views)
       SELECT org_id, ts / 86400000, site_id, substr(path, 1, 300), count(*) FROM events
       WHERE id > @from AND id <= @to AND type = 'pageview' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
       ON CONFLICT (org_id, day, site_id, path) DO UPDATE SET views = views + excluded.views`,
    ).run({ from, to });
    setLast(db, 'events', to);
    return to - from;
  })();
}

/**
 * Adds sessions that started more than an hour ago to session_days, in id order, stopping at the
 * first one still settling (session ids follow start times). Returns how many ids it covered.
 */
export function rollupSessions(db: Db, now: number, maxRows = 200_000): number {
  return db.transaction(() => {
    const from = lastId(db, 'sessions');
    const settled = db
      .prepare('SELECT max(id) FROM (SELECT id FROM sessions WHERE id > ? AND started_at < ? ORDER BY id LIMIT ?)')
      .pluck()
      .get(from, now - SESSION_SETTLE_MS, maxRows) as number | null;
    const younger = db.prepare('SELECT min(id) FROM sessions WHERE id > ? AND started_at >= ?').pluck().get(from, now - SESSION_SETTLE_MS) as number | null;
    let to = settled ?? from;
    if (younger !== null && younger <= to) to = younger - 1;
    if (to <= from) return 0;
    db.prepare(
      `INSERT INTO session_days (org_id, day, site_id, source, network, identified, sessions)
       SELECT org_id, started_at / 86400000, site_id, ${SOURCE}, ${NETWORK}, company_id IS NOT NULL, count(*) FROM sessions
       WHERE id > @from AND id <= @to GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
       ON CONFLICT (org_id, day, site_id, source, network, identified) DO UPDATE SET sessions = sessions + excluded.sessions`,
    ).run({ from, to });
    setLast(db, 'sessions', to);
    return to - from;
  })();
}

/**
 * The sessions not rolled up yet (the last hour or so), for the figures to include them live.
 * Walks ids after the watermark only (`+` keeps the date/org indexes from driving).
 */
export function pendingSessionsSql(): string {
  return `SELECT started_at / 86400000 AS day, site_id, ${SOURCE} AS source, ${NETWORK} AS network, company_id IS NOT NULL AS identified, count(*) AS sessions
    FROM sessions WHERE id > @after AND +org_id = @org AND +started_at >= @start AND +started_at < @end GROUP BY 1, 2, 3, 4, 5`;
}

export const rollupLastId = lastId;
