import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, seedAccount, startTestServer, type SeededAccount, type TestServer } from '../../test/helpers/server.js';
import type { PageviewsReply, VisitsReply } from '../schemas/overview.js';

// Traffic goes in through the real collector; the clock decides which UTC day it lands on.
let now = Date.parse('2025-03-30T10:00:00.000Z');
let srv: TestServer;
let acct: SeededAccount;
let headers: Record<string, string>;

const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

async function pageview(path: string, extra: Record<string, unknown> = {}): Promise<void> {
  const res = await fetch(`${srv.url}/api/collect`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA },
    body: JSON.stringify({ site: acct.siteKey, type: 'pageview', url: `https://example.com${path}`, title: `Title of ${path}`, ...extra }),
  });
  expect(res.status).toBe(202);
}

beforeAll(async () => {
  srv = await startTestServer({ clock: () => now });
  acct = await seedAccount(srv.deps, { domains: ['example.com'] });
  headers = await login(srv.url, acct.email, acct.password);
});
afterAll(() => srv.close());

describe('collector to overview', () => {
  it('shows what the collector acknowledged, per UTC day and newest first', async () => {
    await pageview('/', { referrer: 'https://www.google.com/search?q=acme' });
    now = Date.parse('2025-03-31T09:00:00.000Z');
    await pageview('/pricing?utm_source=newsletter');
    now += 60_000;
    await pageview('/contact');

    const visits = (await (await fetch(`${srv.url}/api/overview/visits?siteId=${acct.siteId}`, { headers })).json()) as VisitsReply;
    expect(visits.days.at(-2)).toEqual({ day: '2025-03-30', sessions: 1, pageviews: 1 });
    expect(visits.days.at(-1)).toEqual({ day: '2025-03-31', sessions: 1, pageviews: 2 });

    const latest = (await (await fetch(`${srv.url}/api/overview/pageviews?siteId=${acct.siteId}`, { headers })).json()) as PageviewsReply;
    expect(latest.pageviews.map((p) => p.path)).toEqual(['/contact', '/pricing', '/']);
    expect(latest.pageviews[0]).toMatchObject({ title: 'Title of /contact', source: 'newsletter' });
    expect(latest.pageviews[2]).toMatchObject({ source: 'www.google.com' });
  });
});
