import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEvents } from '../../server/bus.js';
import { ipPrefix } from '../../server/identify/ip.js';
import { identifyEmailDomain } from '../../server/identify/email.js';
import { login, seedAccount, startTestServer, type SeededAccount, type TestServer } from '../helpers/server.js';

/*
 * From a started session to a company in prospect-default, through the real server: the
 * collector announces `session-started` after committing the session (it has not landed in git
 * yet, so this test writes the session rows and emits the event the way it does).
 */
let srv: TestServer;
let acct: SeededAccount;
const identified: Array<BusEvents['session-identified'][0]> = [];
const changed: Array<BusEvents['company-changed'][0]> = [];

beforeAll(async () => {
  srv = await startTestServer();
  acct = await seedAccount(srv.deps);
  srv.deps.bus.on('session-identified', (e) => identified.push(e));
  srv.deps.bus.on('company-changed', (e) => changed.push(e));
});
afterAll(() => srv.close());

/** Writes a visitor and a session as the collector does, then announces the session. */
function startSession(ip: string, at = Date.now()): { sessionId: number; visitorId: number; done: Promise<void> } {
  const db = srv.deps.db;
  const hasKind = (db.prepare('PRAGMA table_info(visitors)').all() as Array<{ name: string }>).some((c) => c.name === 'kind');
  const key = `h:${Math.random().toString(36).slice(2)}`;
  const visitorId = Number(
    hasKind
      ? db.prepare('INSERT INTO visitors (org_id, site_id, kind, key, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)').run(acct.orgId, acct.siteId, 'hash', key, at, at).lastInsertRowid
      : db.prepare('INSERT INTO visitors (org_id, site_id, key, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)').run(acct.orgId, acct.siteId, key, at, at).lastInsertRowid,
  );
  const sessionId = Number(
    db.prepare('INSERT INTO sessions (org_id, site_id, visitor_id, started_at, last_seen_at, entry_url, ip_prefix, pageviews) VALUES (?, ?, ?, ?, ?, ?, ?, 1)')
      .run(acct.orgId, acct.siteId, visitorId, at, at, 'https://example.com/', ipPrefix(ip)).lastInsertRowid,
  );
  // Resolves when identification has written this session back (company or class).
  const done = new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const row = db.prepare('SELECT company_id, network_class FROM sessions WHERE id = ?').get(sessionId) as { company_id: string | null; network_class: string | null };
      if (row.company_id !== null || row.network_class !== null) {
        clearInterval(timer);
        resolve();
      }
    }, 10);
  });
  srv.deps.bus.emit('session-started', { orgId: acct.orgId, siteId: acct.siteId, sessionId, visitorId, ip, userAgent: 'Mozilla/5.0', at });
  return { sessionId, visitorId, done };
}

const session = (id: number) => srv.deps.db.prepare('SELECT company_id, network_class, country, ident_source, ident_confidence FROM sessions WHERE id = ?').get(id) as Record<string, unknown>;

describe('identification of collected sessions', () => {
  it('attributes a session from a company network to a new company in prospect-default, with evidence', async () => {
    const s = startSession('138.21.5.5');
    await s.done;
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
    const a = startSession('138.21.5.5');
    const b = startSession('138.21.9.9');
    await Promise.all([a.done, b.done]);
    const companyId = session(a.sessionId).company_id;
    expect(session(b.sessionId).company_id).toBe(companyId);
    expect(srv.deps.db.prepare("SELECT count(*) FROM companies WHERE org_id = ? AND name = 'RENAULT SAS'").pluck().get(acct.orgId)).toBe(1);
    expect(srv.deps.db.prepare('SELECT count(*) FROM company_evidence WHERE company_id = ?').pluck().get(companyId)).toBe(3);
  });

  it('matches a form e-mail to the company found by its network name, then by its domain', async () => {
    const s = startSession('138.21.30.1');
    await s.done;
    const companyId = session(s.sessionId).company_id;
    const byName = identifyEmailDomain(srv.deps.db, acct.orgId, 'jean@renault.com', { now: Date.now(), name: 'Renault' });
    expect(byName).toMatchObject({ kind: 'company', created: false, company: { id: companyId, domain: 'renault.com' } });
    const byDomain = identifyEmailDomain(srv.deps.db, acct.orgId, 'marie@renault.com', { now: Date.now(), name: 'Renault Group' });
    expect(byDomain).toMatchObject({ kind: 'company', created: false, company: { id: companyId, name: 'RENAULT SAS' } });
    expect(srv.deps.db.prepare("SELECT count(*) FROM companies WHERE org_id = ? AND name_key = 'renault'").pluck().get(acct.orgId)).toBe(1);
  });

  it('keeps the network class of a visit that yields no company', async () => {
    const isp = startSession('2.3.4.5');
    const mobile = startSession('37.165.3.4');
    const swg = startSession('8.34.34.9');
    await Promise.all([isp.done, mobile.done, swg.done]);
    expect(session(isp.sessionId)).toMatchObject({ company_id: null, network_class: 'isp', country: 'FR', ident_source: 'asn_table' });
    expect(session(mobile.sessionId)).toMatchObject({ company_id: null, network_class: 'mobile' });
    expect(session(swg.sessionId)).toMatchObject({ company_id: null, network_class: 'business_unknown' });
    expect(srv.deps.db.prepare('SELECT company_id FROM visitors WHERE id = ?').pluck().get(isp.visitorId)).toBeNull();
    const unknown = startSession('192.0.2.1');
    await unknown.done;
    expect(session(unknown.sessionId)).toMatchObject({ company_id: null, network_class: 'unknown', ident_source: null });
  });

  it('writes the other sessions of a batch when one write-back fails', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      // An organisation without lists cannot place a new company: that write-back throws.
      srv.deps.bus.emit('session-started', { orgId: 'org_missing', siteId: 'x', sessionId: 999_999, visitorId: 999_999, ip: '130.98.1.1', userAgent: '', at: Date.now() });
      const ok = startSession('79.170.57.1');
      await ok.done;
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
    const s = startSession('2.3.4.5');
    await s.done;
    const row = session(s.sessionId);
    expect(row).toMatchObject({ network_class: null, ident_source: 'manual_rule', ident_confidence: 1 });
    expect(srv.deps.db.prepare('SELECT name, domain FROM companies WHERE id = ?').get(row.company_id)).toEqual({ name: 'Acme', domain: 'acme.fr' });
    expect(srv.deps.db.prepare('SELECT source, matched_value FROM company_evidence WHERE session_id = ?').get(s.sessionId)).toEqual({ source: 'manual_rule', matched_value: '2.3.4.0/24' });
  });
});
