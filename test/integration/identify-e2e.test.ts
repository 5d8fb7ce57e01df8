import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEvents } from '../../server/bus.js';
import { ipPrefix } from '../../server/identify/ip.js';
import { identifyEmailDomain } from '../../server/identify/email.js';
import { login, seedAccount, startTestServer, type SeededAccount, type TestServer } from '../helpers/server.js';

/*
 * From a pageview to a company in prospect-default, through the real server: POST /api/collect
 * (client IP set by a trusted proxy header), the collector's `session-started`, identification off
 * the request path, the write-back.
 */
let srv: TestServer;
let acct: SeededAccount;
const identified: Array<BusEvents['session-identified'][0]> = [];
const changed: Array<BusEvents['company-changed'][0]> = [];
let visitors = 0;

beforeAll(async () => {
  srv = await startTestServer({ config: { trustedProxies: ['127.0.0.1'] } });
  acct = await seedAccount(srv.deps, { domains: ['example.com'] });
  srv.deps.bus.on('session-identified', (e) => identified.push(e));
  srv.deps.bus.on('company-changed', (e) => changed.push(e));
});
afterAll(() => srv.close());

/** Resolves once `check` holds (identification runs after the 202). */
async function until<T>(check: () => T | null | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 1000; i++) {
    const v = check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never happened: ${what}`);
}

/**
 * A pageview from `ip` by a new visitor (each call another browser version, so another cookieless
 * visitor and session); resolves with the session once identification has written it back.
 */
async function visit(ip: string): Promise<{ sessionId: number; visitorId: number }> {
  const db = srv.deps.db;
  const before = db.prepare('SELECT coalesce(max(id), 0) FROM sessions').pluck().get() as number;
  const ua = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.${++visitors}.0 Safari/537.36`;
  const res = await fetch(`${srv.url}/api/collect`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': ua, 'x-forwarded-for': ip },
    body: JSON.stringify({ site: acct.siteKey, type: 'pageview', url: 'https://example.com/pricing', title: 'Pricing' }),
  });
  expect(res.status).toBe(202);
  const row = await until(
    () => db.prepare('SELECT id, visitor_id FROM sessions WHERE id > ? AND ip_prefix = ? AND (company_id IS NOT NULL OR network_class IS NOT NULL)').get(before, ipPrefix(ip)) as
      | { id: number; visitor_id: number }
      | undefined,
    `identification of the visit from ${ip}`,
  );
  return { sessionId: row.id, visitorId: row.visitor_id };
}

const session = (id: number) => srv.deps.db.prepare('SELECT company_id, network_class, country, ident_source, ident_confidence FROM sessions WHERE id = ?').get(id) as Record<string, unknown>;

describe('identification of collected sessions', () => {
  it('attributes a session from a company network to a new company in prospect-default, with evidence', async () => {
    const s = await visit('138.21.5.5');
    const row = session(s.sessionId);
    expect(row).toMatchObject({ network_class: null, country: 'FR', ident_source: 'asn_table', ident_confidence: 0.5 });
    const company = srv.deps.db.prepare('SELECT c.*, l.name AS list FROM companies c JOIN lists l ON l.id = c.list_id WHERE c.id = ?').get(row.company_id) as Record<string, unknown>;
    expect(company).toMatchObject({ org_id: acct.orgId, name: 'RENAULT SAS', list: 'prospect-default', best_source: 'asn_table', best_confidence: 0.5, country: 'FR' });
    expect(srv.deps.db.prepare('SELECT company_id FROM visitors WHERE id = ?').pluck().get(s.visitorId)).toBe(row.company_id);
    const evidence = srv.deps.db.prepare('SELECT source, matched_value, confidence, session_id, detail FROM company_evidence WHERE company_id = ?').all(row.company_id) as Array<Record<string, unknown>>;
    expect(evidence).toEqual([{ source: 'asn_table', matched_value: 'AS8528', confidence: 0.5, session_id: s.sessionId, detail: expect.stringContaining('RENAULT SAS') }]);
    expect(srv.deps.db.prepare('SELECT actor FROM list_moves WHERE company_id = ?').pluck().all(row.company_id)).toEqual(['identification']);
    expect(identified).toContainEqual(expect.objectContaining({ orgId: acct.orgId, sessionId: s.sessionId, companyId: row.company_id }));
    expect(changed).toContainEqual(expect.objectContaining({ companyId: row.company_id }));
  });

  it('finds the same company again on the next visits instead of duplicating it', async () => {
    const [a, b] = await Promise.all([visit('138.21.5.6'), visit('138.21.9.9')]);
    const companyId = session(a.sessionId).company_id;
    expect(session(b.sessionId).company_id).toBe(companyId);
    expect(srv.deps.db.prepare("SELECT count(*) FROM companies WHERE org_id = ? AND name = 'RENAULT SAS'").pluck().get(acct.orgId)).toBe(1);
    expect(srv.deps.db.prepare('SELECT count(*) FROM company_evidence WHERE company_id = ?').pluck().get(companyId)).toBe(3);
  });

  it('matches a form e-mail to the company found by its network name, then by its domain', async () => {
    const s = await visit('138.21.30.1');
    const companyId = session(s.sessionId).company_id;
    const byName = identifyEmailDomain(srv.deps.db, acct.orgId, 'jean@renault.com', { now: Date.now(), name: 'Renault' });
    expect(byName).toMatchObject({ kind: 'company', created: false, company: { id: companyId, domain: 'renault.com' } });
    const byDomain = identifyEmailDomain(srv.deps.db, acct.orgId, 'marie@renault.com', { now: Date.now(), name: 'Renault Group' });
    expect(byDomain).toMatchObject({ kind: 'company', created: false, company: { id: companyId, name: 'RENAULT SAS' } });
    expect(srv.deps.db.prepare("SELECT count(*) FROM companies WHERE org_id = ? AND name_key = 'renault'").pluck().get(acct.orgId)).toBe(1);
  });

  it('keeps the network class of a visit that yields no company', async () => {
    const [isp, mobile, swg] = await Promise.all([visit('2.3.4.5'), visit('37.165.3.4'), visit('8.34.34.9')]);
    expect(session(isp.sessionId)).toMatchObject({ company_id: null, network_class: 'isp', country: 'FR', ident_source: 'asn_table' });
    expect(session(mobile.sessionId)).toMatchObject({ company_id: null, network_class: 'mobile' });
    expect(session(swg.sessionId)).toMatchObject({ company_id: null, network_class: 'business_unknown' });
    expect(srv.deps.db.prepare('SELECT company_id FROM visitors WHERE id = ?').pluck().get(isp.visitorId)).toBeNull();
    const unknown = await visit('192.0.2.1');
    expect(session(unknown.sessionId)).toMatchObject({ company_id: null, network_class: 'unknown', ident_source: null });
  });

  it('keeps identifying, one clear log line later, when a write-back fails', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      // An organisation without lists cannot place a new company: that write-back throws.
      srv.deps.bus.emit('session-started', { orgId: 'org_missing', siteId: 'x', sessionId: 999_999, visitorId: 999_999, ip: '130.98.1.1', userAgent: '', at: Date.now() });
      const ok = await visit('79.170.57.1');
      expect(session(ok.sessionId)).toMatchObject({ ident_source: 'asn_table' });
      expect(srv.deps.db.prepare('SELECT name FROM companies WHERE id = ?').pluck().get(session(ok.sessionId).company_id)).toBe('BNP PARIBAS S.A.');
      expect(srv.deps.db.prepare("SELECT count(*) FROM companies WHERE name = 'Electricite de France SA'").pluck().get()).toBe(0);
      expect(String(errors[0])).toContain('999999');
    } finally {
      console.error = original;
    }
  });

  it('follows a manual rule made in the API: the ISP address becomes the rule’s company', async () => {
    const h = await login(srv.url, acct.email, acct.password);
    const res = await fetch(`${srv.url}/api/identify/rules`, { method: 'POST', headers: h, body: JSON.stringify({ cidr: '2.3.4.0/24', action: 'company', company: { name: 'Acme', domain: 'acme.fr' } }) });
    expect(res.status).toBe(201);
    const s = await visit('2.3.4.77');
    const row = session(s.sessionId);
    expect(row).toMatchObject({ network_class: null, ident_source: 'manual_rule', ident_confidence: 1 });
    expect(srv.deps.db.prepare('SELECT name, domain FROM companies WHERE id = ?').get(row.company_id)).toEqual({ name: 'Acme', domain: 'acme.fr' });
    expect(srv.deps.db.prepare('SELECT source, matched_value FROM company_evidence WHERE session_id = ?').get(s.sessionId)).toEqual({ source: 'manual_rule', matched_value: '2.3.4.0/24' });
  });
});
