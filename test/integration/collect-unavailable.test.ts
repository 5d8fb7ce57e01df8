import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { useServerWithAccount } from '../helpers/server.js';
import { collect, trafficCounts } from './collect-helpers.js';

const w = useServerWithAccount({ domains: ['example.com'] });

const send = (path: string) => collect(w.srv.url, { site: w.acct.siteKey, url: `https://example.com${path}` });
const health = async () => ((await (await fetch(`${w.srv.url}/health`)).json()) as { components: Record<string, { status: string }> }).components;

describe('when the database cannot write', () => {
  it('answers 503 with Retry-After, stores nothing, stays up, and recovers once the lock is gone', async () => {
    expect((await send('/before')).status).toBe(202);
    const before = trafficCounts(w.srv.deps);

    // Another process holds the write lock longer than the collector's busy timeout.
    const other = new Database(w.srv.deps.config.dbPath);
    other.exec('BEGIN IMMEDIATE');
    try {
      const res = await send('/while-locked');
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unavailable');
      expect((await health()).collector?.status).toBe('degraded');
      expect((await fetch(`${w.srv.url}/health`)).status).toBe(200); // the process still serves
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(trafficCounts(w.srv.deps)).toEqual(before);

    // Clients retry; within the cool-down they get 503 at once, then writes go through again.
    await vi.waitFor(async () => expect((await send('/after')).status).toBe(202), { timeout: 10_000, interval: 200 });
    expect((await health()).collector?.status).toBe('ok');
    const paths = w.srv.deps.db.prepare('SELECT path FROM events WHERE org_id = ? ORDER BY id').pluck().all(w.acct.orgId) as string[];
    expect(paths[0]).toBe('/before');
    expect(paths).not.toContain('/while-locked');
    expect(paths).toContain('/after');
  });
});
