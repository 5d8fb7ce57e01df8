// The collector cuts an overlong title or referrer to its cap instead of refusing the visit (the
// tracker no longer caps them itself, to stay small), without leaving half a surrogate pair; a
// value of the wrong type is still refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, startTestServer, type SeededAccount, type TestServer } from '../helpers/server.js';
import { collect, trafficCounts } from './collect-helpers.js';

let srv: TestServer;
let acct: SeededAccount;

beforeAll(async () => {
  // 127.0.0.1 is a trusted proxy here, so each test is its own visitor through X-Forwarded-For.
  srv = await startTestServer({ config: { trustedProxies: ['127.0.0.1'] } });
  acct = await seedAccount(srv.deps, { domains: ['example.com'] });
});
afterAll(() => srv.close());

/** Sends a pageview from `ip` and returns the events row it stored (202 means committed). */
async function storedPageview(ip: string, body: Record<string, unknown>) {
  const res = await collect(srv.url, { site: acct.siteKey, url: 'https://example.com/', ...body }, { 'x-forwarded-for': ip });
  expect(res.status).toBe(202);
  return srv.deps.db
    .prepare(
      `SELECT e.title, e.referrer FROM events e JOIN sessions s ON s.id = e.session_id
       WHERE e.org_id = ? AND s.ip_prefix = ? ORDER BY e.id DESC LIMIT 1`,
    )
    .get(acct.orgId, `${ip.slice(0, ip.lastIndexOf('.'))}.0/24`) as { title: string | null; referrer: string | null };
}

describe('POST /api/collect with overlong strings', () => {
  it('stores a title over 512 characters cut to 512', async () => {
    const row = await storedPageview('198.51.100.10', { title: 'T'.repeat(600) });
    expect(row.title).toBe('T'.repeat(512));
  });

  it('stores a referrer over 2,048 characters cut to 2,048', async () => {
    const referrer = `https://www.google.fr/search?q=${'x'.repeat(3000)}`;
    const row = await storedPageview('198.51.100.11', { referrer });
    expect(row.referrer).toBe(referrer.slice(0, 2048));
  });

  it('drops the half of an emoji that the cap would split, never storing a lone surrogate', async () => {
    const row = await storedPageview('198.51.100.12', { title: `${'a'.repeat(511)}😀 and more` });
    expect(row.title).toBe('a'.repeat(511));
  });

  it('keeps a title of exactly 512 characters that ends with an emoji whole', async () => {
    const title = `${'a'.repeat(510)}😀`;
    const row = await storedPageview('198.51.100.13', { title });
    expect(row.title).toBe(title);
  });

  it.each([
    ['title', 512],
    ['referrer', ['https://a.example/']],
  ])('still answers 400 naming %s when it is not a string, and stores nothing', async (field, value) => {
    const before = trafficCounts(srv.deps);
    const res = await collect(srv.url, { site: acct.siteKey, url: 'https://example.com/', [field]: value }, { 'x-forwarded-for': '198.51.100.14' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field?: string } }).error.field).toBe(field);
    expect(trafficCounts(srv.deps)).toEqual(before);
  });
});
