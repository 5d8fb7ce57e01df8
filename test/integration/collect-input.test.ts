import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedAccount, startTestServer, type SeededAccount, type TestServer } from '../helpers/server.js';
import { CHROME, collect, rawRequest, statusOf, trafficCounts } from './collect-helpers.js';

let srv: TestServer;
let acct: SeededAccount;
let page: { site: string; url: string };

beforeAll(async () => {
  srv = await startTestServer();
  acct = await seedAccount(srv.deps, { domains: ['example.com', 'Boutique.Example.FR'] });
  page = { site: acct.siteKey, url: 'https://example.com/produits' };
});
afterAll(() => srv.close());

/** Sends, checks the status (and the field named), and checks that nothing was stored. */
async function refused(send: () => Promise<{ status: number; field?: string }>, status: number, field?: string) {
  const before = trafficCounts(srv.deps);
  const r = await send();
  expect(r.status).toBe(status);
  if (field !== undefined) expect(r.field).toBe(field);
  expect(trafficCounts(srv.deps)).toEqual(before);
}

const viaFetch = (body: unknown, headers?: Record<string, string>) => async () => {
  const res = await collect(srv.url, body, headers);
  const json = res.status === 202 ? null : ((await res.json()) as { error: { field?: string } });
  return { status: res.status, field: json?.error.field };
};

describe('POST /api/collect refuses bad input and stores nothing', () => {
  it.each([
    ['an empty body', '', 'body'],
    ['null', 'null', 'body'],
    ['an array', '[]', 'body'],
    ['malformed JSON', '{"site":', 'body'],
    ['a __proto__ key', '{"site":"SITE","url":"https://example.com/","__proto__":{"polluted":true}}', 'body'],
    ['a lone surrogate', '{"site":"SITE","url":"https://example.com/","title":"\\ud83d"}', 'title'],
    ['a missing URL', '{"site":"SITE"}', 'url'],
    // (an overlong title is cut to its cap and stored: collect-truncate.test.ts)
    ['a title that is not a string', JSON.stringify({ site: 'SITE', url: 'https://example.com/', title: 600 }), 'title'],
    ['a custom event without a name', '{"site":"SITE","url":"https://example.com/","type":"event"}', 'name'],
  ])('400 for %s, naming %s', async (_what, body, field) => {
    await refused(viaFetch(body.replace('SITE', acct?.siteKey ?? '')), 400, field);
  });

  it('400 for bytes that are not UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from(`{"site":"${acct.siteKey}","url":"https://example.com/","title":"`), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    await refused(async () => {
      const r = await rawRequest(srv.url, { headers: { 'content-type': 'text/plain', 'user-agent': CHROME, 'content-length': String(bytes.length) }, chunks: [bytes] });
      return { status: statusOf(r), field: 'status' in r ? (JSON.parse(r.body) as { error: { field: string } }).error.field : undefined };
    }, 400, 'body');
  });

  it('415 for a form-encoded body', async () => {
    await refused(viaFetch(page, { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'content-type');
  });

  it('413 for a body over 8 KB with Content-Length', async () => {
    await refused(viaFetch({ ...page, title: 'x'.repeat(9000) }), 413, 'body');
  });

  it('413 for a chunked body over 8 KB sent without Content-Length', async () => {
    const start = Buffer.from(`{"site":"${acct.siteKey}","url":"https://example.com/","title":"`);
    const chunks = [start, ...Array.from({ length: 12 }, () => Buffer.alloc(1024, 'x')), Buffer.from('"}')];
    await refused(async () => {
      const r = await rawRequest(srv.url, { headers: { 'content-type': 'text/plain', 'user-agent': CHROME, 'transfer-encoding': 'chunked' }, chunks });
      return { status: statusOf(r) };
    }, 413);
  });

  it('403 for an unknown site key', async () => {
    await refused(viaFetch({ ...page, site: 'no-such-site' }), 403, 'site');
  });

  it.each([
    ['another domain', 'https://evil.example.net/'],
    ['a look-alike', 'https://notexample.com/'],
    ['a parent domain', 'https://example.fr/'],
  ])('403 for a page on %s (referrer spam), storing nothing', async (_what, url) => {
    await refused(viaFetch({ ...page, url }), 403, 'url');
  });

  it('accepts subdomains, any case and any port of a site domain', async () => {
    for (const url of ['https://www.example.com/', 'https://EXAMPLE.com:8443/a', 'https://shop.boutique.example.fr/b']) {
      expect((await collect(srv.url, { ...page, url })).status).toBe(202);
    }
  });

  it('survives a 64 KB header (refused by Node with 431) and stores nothing', async () => {
    await refused(async () => {
      const r = await rawRequest(srv.url, { headers: { 'content-type': 'text/plain', 'user-agent': CHROME, 'x-padding': 'a'.repeat(64 * 1024) }, chunks: [Buffer.from(JSON.stringify(page))] });
      return { status: statusOf(r) };
    }, 431);
    expect((await collect(srv.url, page)).status).toBe(202); // still serving
  });

  it('accepts an 8 KB user agent but keeps only its first 512 characters', async () => {
    const seen: string[] = [];
    const off = srv.deps.bus.on('session-started', (e) => seen.push(e.userAgent));
    const ua = `${CHROME} ${'x'.repeat(8 * 1024)}`;
    const res = await collect(srv.url, page, { 'user-agent': ua, 'x-forwarded-for': '203.0.113.99' }); // untrusted: ignored
    expect(res.status).toBe(202);
    await vi.waitFor(() => expect(seen).toEqual([ua.slice(0, 512)]));
    off();
  });
});

describe('CORS on the collector', () => {
  it('answers the preflight and every reply with Access-Control-Allow-Origin: *', async () => {
    const pre = await fetch(`${srv.url}/api/collect`, { method: 'OPTIONS', headers: { origin: 'https://example.com', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect((await collect(srv.url, page)).headers.get('access-control-allow-origin')).toBe('*');
    expect((await collect(srv.url, { ...page, site: 'nope' })).headers.get('access-control-allow-origin')).toBe('*');
  });

  it('is not open on the other API routes', async () => {
    const res = await fetch(`${srv.url}/api/auth/me`, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
