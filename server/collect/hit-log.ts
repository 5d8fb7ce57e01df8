import type { Db } from '../db/open.js';
import type { Hit, TrafficHit } from './hit.js';

/**
 * The intake log's SQL (table hit_log, migration 0003): append a batch of acknowledged hits as
 * one row, read the oldest rows back in order, remove them once expanded. Appends commit with the
 * writer's batch, removals with the expansion's, so the log never tells a different story from
 * the events. One row per batch rather than per hit: the append is the hot path, and one insert
 * of a few kilobytes costs about what one small insert does.
 */
export function hitLogStatements(db: Db) {
  const insert = db.prepare('INSERT INTO hit_log (hits, batch) VALUES (?, ?)');
  const oldest = db.prepare('SELECT id, batch FROM hit_log WHERE id > ? ORDER BY id LIMIT ?');
  const removeThrough = db.prepare('DELETE FROM hit_log WHERE id <= ?');
  const count = db.prepare('SELECT coalesce(sum(hits), 0) FROM hit_log').pluck();
  return {
    /** One statement, so one transaction; throws (nothing written) when it cannot commit. */
    append: (hits: readonly Hit[]) => {
      insert.run(hits.length, encodeBatch(hits));
    },
    /**
     * The oldest rows, in order, until they hold at least `minHits` hits. A row that cannot be
     * decoded (a damaged file) comes back with no hits and `unreadable`, so that it is still removed.
     */
    oldest: (minHits: number): Array<{ id: number; hits: Hit[]; unreadable: boolean }> => {
      const rows: Array<{ id: number; hits: Hit[]; unreadable: boolean }> = [];
      let total = 0;
      let last = 0;
      while (total < minHits) {
        const page = oldest.all(last, 64) as Array<{ id: number; batch: string }>;
        for (const r of page) {
          const hits = decodeBatch(r.batch);
          rows.push({ id: r.id, hits: hits ?? [], unreadable: hits === null });
          total += hits?.length ?? 0;
          last = r.id;
          if (total >= minHits) break;
        }
        if (page.length < 64) break;
      }
      return rows;
    },
    /** Inside the expansion's transaction. */
    removeThrough: (id: number) => removeThrough.run(id),
    /** Hits waiting in the log. */
    count: () => count.get() as number,
  };
}

export type HitLogStatements = ReturnType<typeof hitLogStatements>;

const TYPES = ['pageview', 'event', 'engagement'] as const;

/**
 * Each hit as a positional array (a third of the bytes of an object, quicker to write, which is
 * what the hot path pays): [0, org, site, ts] for a bot, [1, org, site, ts, …] for traffic.
 */
export function encodeBatch(hits: readonly Hit[]): string {
  const rows: unknown[][] = new Array(hits.length);
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    rows[i] =
      h.kind === 'bot'
        ? [0, h.orgId, h.siteId, h.ts]
        : [1, h.orgId, h.siteId, h.ts, h.visitorKey, h.hashKey ?? null, TYPES.indexOf(h.type), h.url, h.path, h.title,
            h.referrer, h.name, h.props, h.engagedMs, h.ipPrefix, h.browser, h.os, h.device, h.language, h.screen];
  }
  return JSON.stringify(rows);
}

/** The hits `encodeBatch` wrote, or null when the text is not such a batch (never throws). */
export function decodeBatch(text: string): Hit[] | null {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(rows)) return null;
  const hits: Hit[] = [];
  for (const row of rows) {
    const hit = decodeHit(row);
    if (!hit) return null;
    hits.push(hit);
  }
  return hits;
}

const isText = (x: unknown): x is string | null => x === null || typeof x === 'string';
const isNumber = (x: unknown): x is number | null => x === null || (typeof x === 'number' && Number.isFinite(x));

/** One hit of a batch, every field checked: a damaged row must be dropped, not block the log at its insert. */
function decodeHit(a: unknown): Hit | null {
  if (!Array.isArray(a) || typeof a[1] !== 'string' || typeof a[2] !== 'string' || typeof a[3] !== 'number') return null;
  if (a[0] === 0 && a.length === 4) return { kind: 'bot', orgId: a[1], siteId: a[2], ts: a[3] };
  if (a[0] !== 1 || a.length !== 20) return null;
  const [, orgId, siteId, ts, visitorKey, hashKey, typeIndex, url, path, title, referrer, name, props, engagedMs, ipPrefix, browser, os, device, language, screen] = a as unknown[];
  const type = Number.isInteger(typeIndex) ? TYPES[typeIndex as number] : undefined;
  if (
    !type || typeof visitorKey !== 'string' || typeof url !== 'string' || typeof path !== 'string' || typeof ipPrefix !== 'string' ||
    typeof device !== 'string' || !isText(hashKey) || !isText(title) || !isText(referrer) || !isText(name) || !isText(props) ||
    !isText(browser) || !isText(os) || !isText(language) || !isNumber(engagedMs) || !isNumber(screen)
  ) {
    return null;
  }
  return {
    kind: 'traffic', orgId: orgId as string, siteId: siteId as string, ts: ts as number, visitorKey, hashKey, type, url, path, title,
    referrer, name, props, engagedMs, ipPrefix, browser, os, device, language, screen,
  };
}
