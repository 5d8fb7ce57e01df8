import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { decodeBatch } from '../../server/collect/hit-log.js';
import { pageviewTotals, sendUntilKilled, siteKeyOf, startChildServer, storedCounts as storedCountsOf, useCrashDir } from './crash-helpers.js';

/*
 * crash.test.ts's SIGKILL scenario with VIGIE_INTAKE_LOG_ABOVE=0: every hit is acknowledged once it
 * is in the intake log, so what the process had not yet expanded when it died is only there.
 */
const THROUGH_THE_LOG = { VIGIE_INTAKE_LOG_ABOVE: '0' };

const crash = useCrashDir('vigie-crash-log-');
const numberOf = (p: string) => Number(p.slice(3));
const storedCounts = () => storedCountsOf(crash.dbFile);
const siteKey = () => siteKeyOf(crash.dbFile);

/** What the killed process left on disk: the numbers in events, and those still waiting in the intake log. */
function leftBehind(): { events: number[]; logged: number[]; logRows: number; unreadable: number } {
  const db = new Database(crash.dbFile, { readonly: true });
  try {
    const events = (db.prepare(`SELECT path FROM events WHERE path LIKE '/e/%'`).pluck().all() as string[]).map(numberOf);
    const batches = db.prepare('SELECT batch FROM hit_log ORDER BY id').pluck().all() as string[];
    const logged: number[] = [];
    let unreadable = 0;
    for (const b of batches) {
      const hits = decodeBatch(b);
      if (!hits) unreadable++;
      for (const h of hits ?? []) if (h.kind === 'traffic') logged.push(numberOf(h.path));
    }
    return { events, logged, logRows: batches.length, unreadable };
  } finally {
    db.close();
  }
}

describe('durability of hits acknowledged from the intake log (real server process)', () => {
  let acked = new Set<number>();
  let before: ReturnType<typeof leftBehind>;

  it('keeps every one of 2,000 acknowledged hits on disk, in events or in the log, when killed with SIGKILL', async () => {
    crash.running = await startChildServer(crash.dir, THROUGH_THE_LOG);
    const server = crash.running;
    const key = siteKey();
    // kill -9 the moment the 2,000th acknowledgement arrives, with 49 more requests in flight.
    acked = await sendUntilKilled(server, key, 2_000);
    expect((await server.exited).signal).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(2_000);

    // Before anything restarts: the file as the dead process left it.
    before = leftBehind();
    console.log(`[crash-intake-log] left behind: ${before.events.length} events, ${before.logged.length} hits in ${before.logRows} intake log rows`);
    expect(before.unreadable).toBe(0);
    // A hit is either expanded or waiting in the log, never both (the expansion deletes what it wrote).
    const expanded = new Set(before.events);
    expect(before.logged.filter((n) => expanded.has(n))).toEqual([]);
    expect(new Set(before.logged).size).toBe(before.logged.length);
    expect(new Set(before.events).size).toBe(before.events.length);
    // Every acknowledged hit is on disk, one way or the other.
    const onDisk = new Set([...before.events, ...before.logged]);
    expect([...acked].filter((n) => !onDisk.has(n))).toEqual([]);
  }, 120_000);

  it('expands what the log held when it starts again: every acknowledged hit in events exactly once', async () => {
    crash.running = await startChildServer(crash.dir, THROUGH_THE_LOG);
    const stored = storedCounts();
    expect([...acked].filter((n) => !stored.has(n))).toEqual([]);
    expect([...stored].filter(([, n]) => n !== 1)).toEqual([]);
    // What was waiting in the log is now in events, once; the log is empty (drained before listening).
    for (const n of before.logged) expect(stored.get(n), `/e/${n}`).toBe(1);
    const db = new Database(crash.dbFile, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM hit_log').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
    // Nothing was invented either: every stored number was sent (acknowledged, or in flight when killed).
    const maxSent = Math.max(...acked) + 50;
    expect([...stored.keys()].filter((n) => n > maxSent)).toEqual([]);
  }, 60_000);

  it('counts the recovered hits in their sessions', async () => {
    // Written before the restarted server listens: no waiting.
    const { events, counted } = pageviewTotals(crash.dbFile);
    expect(counted).toBe(events);
  }, 30_000);

  it('stops cleanly on SIGTERM and finds nothing left to recover on the next start', async () => {
    const events = () => {
      const db = new Database(crash.dbFile, { readonly: true });
      try {
        return db.prepare('SELECT count(*) FROM events').pluck().get() as number;
      } finally {
        db.close();
      }
    };
    const n = events();
    crash.running!.child.kill('SIGTERM');
    expect(await crash.running!.exited).toEqual({ code: 0, signal: null });
    crash.running = await startChildServer(crash.dir, THROUGH_THE_LOG);
    expect(events()).toBe(n);
    const stored = storedCounts();
    expect([...stored].filter(([, times]) => times !== 1)).toEqual([]);
    expect([...acked].filter((k) => stored.get(k) !== 1)).toEqual([]);
  }, 60_000);
});
