import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../server/config.js';
import { seedAccount, startTestServer, type TestServer } from '../helpers/server.js';
import { collect } from './collect-helpers.js';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** Sends one pageview with the given headers and returns the stored session's IP prefix. */
async function prefixSeen(config: Partial<Config>, headers: Record<string, string>): Promise<string> {
  const srv = await startTestServer({ config });
  servers.push(srv);
  const acct = await seedAccount(srv.deps, { domains: ['example.com'] });
  const res = await collect(srv.url, { site: acct.siteKey, url: 'https://example.com/' }, headers);
  expect(res.status).toBe(202);
  return srv.deps.db.prepare('SELECT ip_prefix FROM sessions WHERE org_id = ?').pluck().get(acct.orgId) as string;
}

describe('client IP behind proxies, end to end', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    expect(await prefixSeen({ trustedProxies: [] }, { 'x-forwarded-for': '203.0.113.50' })).toBe('127.0.0.0/24');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    expect(await prefixSeen({ trustedProxies: ['10.0.0.0/8'] }, { 'x-forwarded-for': '203.0.113.50' })).toBe('127.0.0.0/24');
  });

  it('takes the right-most untrusted hop of X-Forwarded-For from a trusted proxy', async () => {
    const headers = { 'x-forwarded-for': '6.6.6.6, 203.0.113.50, 10.1.2.3' }; // forged, client, inner proxy
    expect(await prefixSeen({ trustedProxies: ['127.0.0.1', '10.0.0.0/8'] }, headers)).toBe('203.0.113.0/24');
  });

  it('reads Forwarded (RFC 7239) when configured so, and then ignores X-Forwarded-For', async () => {
    const headers = { forwarded: 'for="[2001:db8:cafe:4::1]:443";proto=https', 'x-forwarded-for': '203.0.113.50' };
    expect(await prefixSeen({ trustedProxies: ['127.0.0.0/8'], proxyHeader: 'forwarded' }, headers)).toBe('2001:db8:cafe::/48');
  });

  it('ignores Forwarded in the default X-Forwarded-For mode', async () => {
    expect(await prefixSeen({ trustedProxies: ['127.0.0.1'] }, { forwarded: 'for=203.0.113.50' })).toBe('127.0.0.0/24');
  });
});
