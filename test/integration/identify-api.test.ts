import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordCompanyEvidence } from '../../server/companies/repo.js';
import { recordLearnedMappingEvidence } from '../../server/identify/learned.js';
import { login, seedAccount, startTestServer, type SeededAccount, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let acct: SeededAccount;
let other: SeededAccount;
let h: Record<string, string>;
let hOther: Record<string, string>;

beforeAll(async () => {
  srv = await startTestServer();
  acct = await seedAccount(srv.deps);
  other = await seedAccount(srv.deps);
  h = await login(srv.url, acct.email, acct.password);
  hOther = await login(srv.url, other.email, other.password);
});
afterAll(() => srv.close());

const api = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  fetch(`${srv.url}/api/identify${path}`, {
    method: init.method ?? 'GET',
    headers: init.headers ?? h,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });

describe('/api/identify IP rules', () => {
  it('requires a log-in, and the CSRF token to change anything', async () => {
    expect((await fetch(`${srv.url}/api/identify/rules`)).status).toBe(401);
    const res = await api('/rules', { method: 'POST', headers: { cookie: h.cookie! }, body: { cidr: '192.0.2.0/24', action: 'ignore' } });
    expect(res.status).toBe(403);
  });

  it('creates rules with canonical IPv4 and IPv6 CIDRs, lists, replaces and deletes them', async () => {
    const a = await api('/rules', { method: 'POST', body: { cidr: '192.0.2.77/24', action: 'company', company: { name: 'Acme', domain: 'www.acme.fr' }, note: 'HQ' } });
    expect(a.status).toBe(201);
    const { rule } = (await a.json()) as { rule: { id: string; cidr: string; company: { id: string; name: string; domain: string } } };
    expect(rule).toMatchObject({ cidr: '192.0.2.0/24', action: 'company', note: 'HQ', company: { name: 'Acme', domain: 'acme.fr' } });

    const v6 = await api('/rules', { method: 'POST', body: { cidr: '2001:DB8:1::5/48', action: 'ignore' } });
    expect(((await v6.json()) as { rule: { cidr: string } }).rule.cidr).toBe('2001:db8:1::/48');
    const host = await api('/rules', { method: 'POST', body: { cidr: '198.51.100.7', action: 'company', companyId: rule.company.id } });
    expect(((await host.json()) as { rule: { cidr: string; company: { name: string } } }).rule).toMatchObject({ cidr: '198.51.100.7/32', company: { name: 'Acme' } });

    const list = (await (await api('/rules')).json()) as { rules: Array<{ cidr: string }> };
    expect(list.rules.map((r) => r.cidr)).toEqual(['192.0.2.0/24', '2001:db8:1::/48', '198.51.100.7/32']);

    const put = await api(`/rules/${rule.id}`, { method: 'PUT', body: { cidr: '192.0.2.0/25', action: 'ignore', note: 'guests' } });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { rule: unknown }).rule).toMatchObject({ cidr: '192.0.2.0/25', action: 'ignore', company: null, note: 'guests' });
    expect((await api(`/rules/${rule.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/rules/${rule.id}`)).status).toBe(404);
  });

  it('names the field of invalid input and refuses a duplicate CIDR with 409', async () => {
    const cases: Array<[unknown, string]> = [
      [{ cidr: '300.1.1.0/24', action: 'ignore' }, 'cidr'],
      [{ cidr: '192.0.2.0/33', action: 'ignore' }, 'cidr'],
      [{ cidr: '10.0.0.0/4', action: 'ignore' }, 'cidr'],
      [{ cidr: '2001:db8::/8', action: 'ignore' }, 'cidr'],
      [{ cidr: 'fe80::1%eth0', action: 'ignore' }, 'cidr'],
      [{ cidr: '203.0.113.0/24', action: 'company' }, 'company.name'],
      [{ cidr: '203.0.113.0/24', action: 'company', company: { name: 'X', domain: '4.3.2.1.in-addr.arpa' } }, 'company.domain'],
      [{ cidr: '203.0.113.0/24', action: 'company', company: { name: 'X', domain: '192.0.2.1' } }, 'company.domain'],
      [{ cidr: '203.0.113.0/24', action: 'block' }, 'action'],
      [{ cidr: '203.0.113.0/24', action: 'ignore', note: 'x'.repeat(501) }, 'note'],
    ];
    for (const [body, field] of cases) {
      const res = await api('/rules', { method: 'POST', body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { field: string } }).error.field, JSON.stringify(body)).toBe(field);
    }
    expect((await api('/rules', { method: 'POST', body: '{"cidr":' })).status).toBe(400);
    expect((await api('/rules', { method: 'POST', body: { cidr: '203.0.113.0/24', action: 'ignore', note: 'x'.repeat(9000) } })).status).toBe(413);
    expect((await api('/rules', { method: 'POST', body: { cidr: '203.0.113.0/24', action: 'ignore' } })).status).toBe(201);
    const dup = await api('/rules', { method: 'POST', body: { cidr: '203.0.113.9/24', action: 'ignore' } });
    expect(dup.status).toBe(409);
  });

  it("answers 404 for another organisation's rule or company, exactly as for a missing one", async () => {
    const mine = (await (await api('/rules', { method: 'POST', body: { cidr: '198.18.0.0/15', action: 'ignore' } })).json()) as { rule: { id: string } };
    const missing = await api('/rules/ipr_missing', { headers: hOther });
    const foreign = await api(`/rules/${mine.rule.id}`, { headers: hOther });
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).toBe(await missing.text());
    expect((await api(`/rules/${mine.rule.id}`, { method: 'DELETE', headers: hOther })).status).toBe(404);
    expect((await api(`/rules/${mine.rule.id}`, { method: 'PUT', headers: hOther, body: { cidr: '198.18.0.0/15', action: 'ignore' } })).status).toBe(404);

    const { company } = recordCompanyEvidence(srv.deps.db, acct.orgId, { name: 'Private Co' }, { source: 'import', matchedValue: 'x', confidence: 1 }, Date.now());
    const steal = await api('/rules', { method: 'POST', headers: hOther, body: { cidr: '100.0.0.0/16', action: 'company', companyId: company.id } });
    expect(steal.status).toBe(404);
  });
});

describe('/api/identify learned mappings', () => {
  it('lists, revokes and restores, scoped to the organisation', async () => {
    const { company } = recordCompanyEvidence(srv.deps.db, acct.orgId, { name: 'Globex', domain: 'globex.fr' }, { source: 'form_email', matchedValue: 'globex.fr', confidence: 0.9 }, Date.now());
    const m = recordLearnedMappingEvidence(srv.deps.db, acct.orgId, { ip: '192.88.99.50', companyId: company.id, evidenceKey: 'ada@globex.fr', now: Date.now() })!.mapping!;
    const list = (await (await api('/learned')).json()) as { items: Array<{ id: string; prefix: string; company: { name: string } }>; total: number };
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: m.id, prefix: '192.88.99.0/24', company: { name: 'Globex' }, evidenceCount: 1, revoked: false, emails: ['ada@globex.fr'] });
    expect(((await (await api('/learned', { headers: hOther })).json()) as { total: number }).total).toBe(0);

    const lookup = async () => ((await (await api('/lookup', { method: 'POST', body: { ip: '192.88.99.7' } })).json()) as { result: { source: string | null } }).result;
    expect((await lookup()).source).toBe('learned');
    const revoked = await api(`/learned/${m.id}/revoke`, { method: 'POST' });
    expect(((await revoked.json()) as { mapping: { revoked: boolean } }).mapping.revoked).toBe(true);
    expect((await lookup()).source).not.toBe('learned');
    expect((await api(`/learned/${m.id}/revoke`, { method: 'POST', headers: hOther })).status).toBe(404);
    await api(`/learned/${m.id}/restore`, { method: 'POST' });
    expect((await lookup()).source).toBe('learned');
    expect((await api('/learned?limit=0')).status).toBe(400);
  });
});

describe('/api/identify status and lookup', () => {
  it('reports the data sources, the embedded table ready once compiled', async () => {
    await vi.waitFor(async () => {
      const s = (await (await api('/status')).json()) as { asnTable: { status: string } };
      expect(s.asnTable.status).toBe('ok');
    });
    const s = await (await api('/status')).json();
    expect(s).toMatchObject({ maxmind: { configured: false, databases: [] }, country: { source: 'embedded' }, reverseDns: { enabled: false } });
    const health = (await (await fetch(`${srv.url}/health`)).json()) as { components: Record<string, { status: string }> };
    expect(health.components['asn-table']?.status).toBe('ok');
    expect(health.components.country?.status).toBe('ok');
  });

  it('explains how an IP would be identified, and refuses what is not an IP', async () => {
    const res = await api('/lookup', { method: 'POST', body: { ip: '2.3.4.5' } });
    expect(((await res.json()) as { result: unknown }).result).toMatchObject({
      ip: '2.3.4.5', class: 'isp', company: null, source: 'asn_table', country: 'FR', evidence: [{ source: 'asn_table', matched: 'AS3215', value: 'isp' }],
    });
    for (const ip of ['1.2.3', 'example.com', '::ffff:1.2.3']) {
      const bad = await api('/lookup', { method: 'POST', body: { ip } });
      expect(bad.status, ip).toBe(400);
      expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('ip');
    }
  });
});
