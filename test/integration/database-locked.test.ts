import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { login, seedAccount, startTestServer, type SeededAccount, type TestServer } from '../helpers/server.js';
import { APP_BUSY_TIMEOUT_MS } from '../../server/main.js';

// A dashboard write while another process holds the database: a quick 503, /health says so,
// and both come back by themselves once the lock is gone (real server, real SQLite file).
let srv: TestServer;
let acct: SeededAccount;
let h: Record<string, string>;

beforeAll(async () => {
  srv = await startTestServer();
  acct = await seedAccount(srv.deps, { domains: ['example.com'] });
  h = await login(srv.url, acct.email, acct.password);
});
afterAll(() => srv.close());

type Components = Record<string, { status: string; detail?: string }>;
const database = async () => ((await (await fetch(`${srv.url}/health`)).json()) as { components: Components }).components.database;
const addSite = (name: string) => fetch(`${srv.url}/api/sites`, { method: 'POST', headers: h, body: JSON.stringify({ name, domains: [`${name}.fr`] }) });

describe('a dashboard write while the database is locked by another process', () => {
  it('answers 503 within the short busy timeout, reports the database degraded, and recovers by itself', async () => {
    const other = new Database(srv.deps.config.dbPath);
    other.exec('BEGIN IMMEDIATE');
    try {
      // Every request queues behind a wait for the lock: it is bounded by a short busy timeout.
      expect(srv.deps.db.pragma('busy_timeout', { simple: true })).toBe(APP_BUSY_TIMEOUT_MS);
      const res = await addSite('verrou');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await database()).toMatchObject({ status: 'degraded', detail: expect.stringMatching(/locked/) });
      // Reads still answer while writes cannot.
      expect((await fetch(`${srv.url}/api/sites`, { headers: h })).status).toBe(200);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await vi.waitFor(async () => expect((await database())?.status).toBe('ok'), { timeout: 5_000, interval: 100 });
    expect((await addSite('libre')).status).toBe(201);
  });
});
