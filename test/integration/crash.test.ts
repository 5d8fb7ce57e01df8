import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../server/db/open.js';
import { tempDir } from '../helpers/temp.js';
import { sendNumbered, startChildServer, type ChildServer } from './crash-helpers.js';

let tmp: ReturnType<typeof tempDir>;
let dbFile: string;
let running: ChildServer | null = null;

beforeAll(() => {
  tmp = tempDir('vigie-crash-');
  dbFile = path.join(tmp.dir, 'vigie.db');
});
afterAll(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGKILL');
    await running.exited;
  }
  tmp.cleanup();
});

/** The numbers of the events stored (`/e/<n>`), read from the database file as a restart would. */
function storedNumbers(): Set<number> {
  const db = openDb(dbFile);
  try {
    const paths = db.prepare(`SELECT path FROM events WHERE path LIKE '/e/%'`).pluck().all() as string[];
    return new Set(paths.map((p) => Number(p.slice(3))));
  } finally {
    db.close();
  }
}

function siteKey(): string {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare('SELECT public_key FROM sites LIMIT 1').pluck().get() as string;
  } finally {
    db.close();
  }
}

describe('durability of acknowledged events (real server process)', () => {
  it('loses none of 5,000 acknowledged events when the process is killed with SIGKILL (read after a restart)', async () => {
    running = await startChildServer(tmp.dir);
    const server = running;
    const key = siteKey();
    let killed = false;
    const acked = await sendNumbered(server.url, key, 50, (a) => {
      // kill -9 the moment the 5,000th acknowledgement arrives, with 49 more requests in flight.
      if (!killed && a.size >= 5_000) {
        killed = true;
        server.child.kill('SIGKILL');
      }
      return killed;
    });
    expect((await server.exited).signal).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(5_000);
    // Hits acknowledged from the intake log reach the events table when the collector starts again.
    running = await startChildServer(tmp.dir);
    const stored = storedNumbers();
    const lost = [...acked].filter((n) => !stored.has(n));
    expect(lost).toEqual([]);
  }, 120_000);

  it('recounts the session counters left behind by the crash when it starts again', async () => {
    const db = new Database(dbFile, { readonly: true });
    try {
      const pageviews = db.prepare(`SELECT count(*) FROM events WHERE type = 'pageview'`).pluck().get();
      const counted = db.prepare('SELECT sum(pageviews) FROM sessions').pluck().get();
      expect(counted).toBe(pageviews);
    } finally {
      db.close();
    }
  }, 60_000);

  it('drains in-flight requests on SIGTERM and exits cleanly', async () => {
    const server = running!;
    const key = siteKey();
    let signalled = false;
    const acked = await sendNumbered(server.url, key, 50, (a) => {
      if (!signalled && a.size >= 500) {
        signalled = true;
        server.child.kill('SIGTERM');
      }
      return signalled && a.size >= 500 && server.child.exitCode !== null;
    });
    // main.ts exits 0 once drained, or 1 from its 9-second hard stop: 0 means it drained in time.
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const stored = storedNumbers();
    expect([...acked].filter((n) => !stored.has(n))).toEqual([]);
  }, 60_000);
});
