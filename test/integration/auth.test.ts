import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, seedAccount, startTestServer, type SeededAccount, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let acct: SeededAccount;

beforeAll(async () => {
  srv = await startTestServer();
  acct = await seedAccount(srv.deps);
});
afterAll(() => srv.close());

describe('dashboard authentication', () => {
  it('rejects a wrong password with 401 and sets no cookie', async () => {
    const res = await fetch(`${srv.url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ email: acct.email, password: 'nope' }) });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('sets an HttpOnly SameSite=Lax cookie and answers /me once logged in', async () => {
    const res = await fetch(`${srv.url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ email: acct.email, password: acct.password }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await fetch(`${srv.url}/api/auth/me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { orgId: string } }).user.orgId).toBe(acct.orgId);
  });

  it('refuses a mutating request without the CSRF token', async () => {
    const h = await login(srv.url, acct.email, acct.password);
    const without = await fetch(`${srv.url}/api/sites`, { method: 'POST', headers: { cookie: h.cookie! }, body: JSON.stringify({ name: 'x', domains: ['x.com'] }) });
    expect(without.status).toBe(403);
    const withToken = await fetch(`${srv.url}/api/sites`, { method: 'POST', headers: h, body: JSON.stringify({ name: 'x', domains: ['x.com'] }) });
    expect(withToken.status).toBe(201);
  });

  it('names the field when a site is invalid', async () => {
    const h = await login(srv.url, acct.email, acct.password);
    const res = await fetch(`${srv.url}/api/sites`, { method: 'POST', headers: h, body: JSON.stringify({ name: 'x', domains: ['not a host'] }) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { field: string } };
    expect(body.error.field).toBe('domains.0');
    for (const whole of ['[]', 'null', '"x"']) {
      const r = await fetch(`${srv.url}/api/sites`, { method: 'POST', headers: h, body: whole });
      expect(r.status, whole).toBe(400);
      expect(((await r.json()) as { error: { field: string } }).error.field, whole).toBe('body');
    }
  });

  it('answers 404 for another organisation\'s site, as for a missing one', async () => {
    const other = await seedAccount(srv.deps);
    const h = await login(srv.url, acct.email, acct.password);
    const res = await fetch(`${srv.url}/api/sites/${other.siteId}`, { headers: h });
    const missing = await fetch(`${srv.url}/api/sites/site_doesnotexist`, { headers: h });
    expect(res.status).toBe(404);
    expect(await res.text()).toBe(await missing.text());
  });
});

describe('log-in throttling', () => {
  it('answers 429 with Retry-After after ten failed attempts on one account, even with the right password', async () => {
    const victim = await seedAccount(srv.deps);
    const attempt = (password: string) =>
      fetch(`${srv.url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ email: victim.email, password }) });
    for (let i = 0; i < 10; i++) expect((await attempt('guess' + i)).status).toBe(401);
    const blocked = await attempt(victim.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
