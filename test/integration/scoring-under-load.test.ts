import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedAccount, startTestServer, type SeededAccount, type TestServer } from '../helpers/server.js';
import { company } from './companies-fixtures.js';

let srv: TestServer;
let acct: SeededAccount;
let busy = false;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const scored = (id: string) => srv.deps.db.prepare('SELECT 1 FROM company_scores WHERE company_id = ?').get(id) !== undefined;

beforeAll(async () => {
  srv = await startTestServer();
  acct = await seedAccount(srv.deps);
  // Stands for the collector's intake: the test says when it is absorbing a burst.
  srv.deps.bus.reportIntakeBusy(() => busy);
});
afterAll(() => srv.close());

describe('live scoring while the collector absorbs a burst', () => {
  it('gathers refreshes for 10 s instead of every second, and refreshes within the second once the burst is over', async () => {
    const first = company(srv.deps.db, acct.orgId, { name: 'Avant Rafale', domain: 'avant-rafale.fr', country: 'FR', confidence: 0.9 }, Date.now());
    await vi.waitFor(() => expect(scored(first)).toBe(true), { timeout: 5_000, interval: 50 }); // the 1 s refresh ran
    busy = true;
    const during = company(srv.deps.db, acct.orgId, { name: 'Pendant Rafale', domain: 'pendant-rafale.fr', country: 'FR', confidence: 0.9 }, Date.now());
    await sleep(3_000);
    expect(scored(during)).toBe(false);
    busy = false;
    await vi.waitFor(() => expect(scored(during)).toBe(true), { timeout: 2_500, interval: 50 });
  }, 20_000);
});
