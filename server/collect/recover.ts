import type { Db } from '../db/open.js';

/**
 * Makes session rows agree with their events after a crash. Session counters (pageviews,
 * engaged_ms, last_seen_at) are written in batches, behind the events; `collector_state`
 * remembers the last event they include. Sessions with later events are recounted from their
 * events (absolute counts, so running it twice changes nothing). Returns the last event id.
 */
export function recountUnsyncedSessions(db: Db): number {
  return db.transaction(() => {
    const marker = (db.prepare(`SELECT value FROM collector_state WHERE key = 'synced_event_id'`).pluck().get() as number | undefined) ?? 0;
    const last = (db.prepare('SELECT max(id) FROM events').pluck().get() as number | null) ?? 0;
    if (last > marker) {
      db.prepare(
        `UPDATE sessions SET
           pageviews = (SELECT count(*) FROM events e WHERE e.session_id = sessions.id AND e.type = 'pageview'),
           engaged_ms = (SELECT coalesce(sum(e.engaged_ms), 0) FROM events e WHERE e.session_id = sessions.id AND e.type = 'engagement'),
           last_seen_at = max(last_seen_at, (SELECT max(e.ts) FROM events e WHERE e.session_id = sessions.id))
         WHERE id IN (SELECT DISTINCT session_id FROM events WHERE id > ?)`,
      ).run(marker);
    }
    db.prepare(
      `INSERT INTO collector_state (key, value) VALUES ('synced_event_id', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run(last);
    return last;
  }).immediate();
}
