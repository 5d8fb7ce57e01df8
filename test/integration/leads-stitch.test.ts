import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer, SeededAccount } from '../helpers/server.js';
import type { FormView } from '../../server/schemas/lead-forms.js';
import type { LeadDetail } from '../../server/schemas/lead-inbox.js';
import { decayLearnedMappings } from '../../server/identify/learned-decay.js';
import type { LearnedMappingView } from '../../server/schemas/identify.js';
import { CHROME_UA, createForm, leadRow, leadsServer, pageview, person, render, submit, until } from './leads-fixtures.js';

let srv: TestServer;
let acct: SeededAccount;
let headers: Record<string, string>;
let clock: { now: number; advance: (ms: number) => void };
let form: FormView;

beforeAll(async () => {
  ({ srv, acct, headers, clock } = await leadsServer());
  form = await createForm(srv.url, headers, acct.siteId);
});
afterAll(() => srv.close());

async function fill(email: string, opts: { ip: string; ua?: string; cid?: string; company?: string }) {
  const { token } = await render(srv.url, form.id);
  clock.advance(5_000);
  const res = await submit(srv.url, form.id, { token, values: person(email, opts.company ? { company: opts.company } : {}), locale: 'fr', ...(opts.cid ? { cid: opts.cid } : {}) }, opts);
  expect(res.status).toBe(200);
  return leadRow(srv, email)!;
}
const detail = async (id: unknown) => ((await (await fetch(`${srv.url}/api/leads/${String(id)}`, { headers })).json()) as { lead: LeadDetail }).lead;
const sessionsOf = (visitorId: unknown) =>
  srv.deps.db.prepare('SELECT id, company_id, lead_id FROM sessions WHERE visitor_id = ? ORDER BY id').all(visitorId) as Array<{ id: number; company_id: string | null; lead_id: string | null }>;

describe('stitching a lead to the visits of its visitor', () => {
  it('links the cookieless visitor of today (same IP and browser) with its pages, first touch and company', async () => {
    const ip = '198.51.100.20';
    await pageview(srv.url, acct.siteKey, 'https://example.com/?utm_source=newsletter&utm_medium=email&utm_campaign=printemps', { ip });
    clock.advance(60_000);
    await pageview(srv.url, acct.siteKey, 'https://example.com/pricing', { ip });
    clock.advance(60_000);
    const row = await fill('claire@acme-industrie.fr', { ip, company: 'Acme Industrie' });
    expect(row).toMatchObject({ source: 'newsletter', medium: 'email', campaign: 'printemps' });
    expect(row.visitor_id).not.toBeNull();
    const sessions = sessionsOf(row.visitor_id);
    expect(sessions.length).toBe(1);
    expect(sessions.every((s) => s.lead_id === row.id && s.company_id === row.company_id)).toBe(true);
    expect(srv.deps.db.prepare('SELECT company_id, lead_id FROM visitors WHERE id = ?').get(row.visitor_id)).toEqual({ company_id: row.company_id, lead_id: row.id });

    // Pages read afterwards are shown too, marked as after the form.
    clock.advance(60_000);
    await pageview(srv.url, acct.siteKey, 'https://example.com/merci', { ip });
    const lead = await detail(row.id);
    expect(lead.company).toMatchObject({ name: 'Acme Industrie', domain: 'acme-industrie.fr', category: 'prospect' });
    expect(lead.pages.map((p) => [p.path, p.beforeSubmit])).toEqual([['/', true], ['/pricing', true], ['/merci', false]]);
    expect(lead.behaviour).toMatchObject({ pages: 3, keyPages: ['/pricing'], visits: 1 });
    expect(lead.temperature).toBe('warm');
  });

  it('attributes the same visitor\'s later sessions to the lead and its company', async () => {
    const ip = '198.51.100.21';
    await pageview(srv.url, acct.siteKey, 'https://example.com/', { ip });
    const row = await fill('marc@acme-industrie.fr', { ip });
    clock.advance(31 * 60_000); // a new session
    await pageview(srv.url, acct.siteKey, 'https://example.com/tarifs', { ip });
    const later = await until(() => {
      const s = sessionsOf(row.visitor_id);
      return s.length === 2 && s[1]!.lead_id ? s[1] : null;
    }, 'the second session attributed');
    expect(later).toMatchObject({ lead_id: row.id, company_id: row.company_id });
  });

  it('links the consented visitor by consent id, even from another network', async () => {
    const cid = 'consentId_0123456789';
    await pageview(srv.url, acct.siteKey, 'https://example.com/?utm_source=linkedin', { ip: '198.51.100.30', cid });
    clock.advance(24 * 3_600_000); // another day: the cookieless hash has changed, the consent id has not
    await pageview(srv.url, acct.siteKey, 'https://example.com/demo', { ip: '198.51.100.31', cid });
    const row = await fill('lea@beta-conseil.fr', { ip: '192.0.2.99', cid });
    const visitor = srv.deps.db.prepare("SELECT id FROM visitors WHERE key = ?").pluck().get(`c:${cid}`);
    expect(row).toMatchObject({ visitor_id: visitor, source: 'linkedin' });
    expect(sessionsOf(visitor).map((s) => s.lead_id)).toEqual([row.id, row.id]);
  });

  it('does not link visits of another browser on the same network, nor those of a spam submission', async () => {
    const ip = '198.51.100.40';
    await pageview(srv.url, acct.siteKey, 'https://example.com/', { ip, ua: CHROME_UA.replace('126', '125') });
    const row = await fill('paul@acme-industrie.fr', { ip });
    expect(row.visitor_id).toBeNull();
    const { token } = await render(srv.url, form.id);
    clock.advance(5_000);
    await submit(srv.url, form.id, { token, values: person('bot@gamma.fr'), hp: 'x' }, { ip, ua: CHROME_UA.replace('126', '125') });
    const spam = leadRow(srv, 'bot@gamma.fr')!;
    expect(spam).toMatchObject({ quality: 'spam', company_id: null });
    expect(srv.deps.db.prepare('SELECT count(*) FROM sessions WHERE lead_id = ?').pluck().get(spam.id)).toBe(0);
  });
});

describe('learned IP mappings from form fills', () => {
  const learnedList = async () => ((await (await fetch(`${srv.url}/api/identify/learned`, { headers })).json()) as { items: LearnedMappingView[] }).items;
  const mappings = () => srv.deps.db.prepare('SELECT prefix, company_id, evidence_count, confidence, revoked FROM learned_mappings WHERE org_id = ?').all(acct.orgId) as Array<Record<string, unknown>>;

  it('maps an office prefix to the company after two distinct business e-mails, then identifies an anonymous visit from it', async () => {
    const first = await fill('anne@delta-industries.fr', { ip: '203.0.113.10' });
    await fill('anne@delta-industries.fr', { ip: '203.0.113.10' }); // the same person again is not more evidence
    expect(mappings().filter((m) => m.prefix === '203.0.113.0/24')).toEqual([]);
    await fill('bruno@delta-industries.fr', { ip: '203.0.113.77' });
    expect(mappings().filter((m) => m.prefix === '203.0.113.0/24')).toEqual([
      { prefix: '203.0.113.0/24', company_id: first.company_id, evidence_count: 2, confidence: 0.7, revoked: 0 },
    ]);
    expect((await learnedList()).find((m) => m.prefix === '203.0.113.0/24')).toMatchObject({
      company: { name: 'Delta Industries' }, evidenceCount: 2, emails: ['anne@delta-industries.fr', 'bruno@delta-industries.fr'],
    });

    // A third person from the office, who fills nothing, is recognised by identification.
    await pageview(srv.url, acct.siteKey, 'https://example.com/', { ip: '203.0.113.200', ua: CHROME_UA.replace('126', '124') });
    const session = await until(
      () => srv.deps.db.prepare("SELECT company_id, ident_source FROM sessions WHERE ip_prefix = '203.0.113.0/24' AND lead_id IS NULL AND company_id IS NOT NULL").get() as { company_id: string; ident_source: string } | undefined,
      'the anonymous visit identified',
    );
    expect(session).toEqual({ company_id: first.company_id, ident_source: 'learned' });
  });

  it('stops identifying through a revoked mapping', async () => {
    await fill('carl@epsilon-sa.fr', { ip: '192.0.2.10' });
    await fill('dora@epsilon-sa.fr', { ip: '192.0.2.11' });
    const mapping = (await learnedList()).find((m) => m.prefix === '192.0.2.0/24')!;
    expect((await fetch(`${srv.url}/api/identify/learned/${mapping.id}/revoke`, { method: 'POST', headers })).status).toBe(200);
    await fill('emma@epsilon-sa.fr', { ip: '192.0.2.12' }); // more evidence never re-enables it
    expect(mappings().find((m) => m.prefix === '192.0.2.0/24')).toMatchObject({ revoked: 1, evidence_count: 3 });
    await pageview(srv.url, acct.siteKey, 'https://example.com/', { ip: '192.0.2.200', ua: CHROME_UA.replace('126', '123') });
    const session = await until(
      () => srv.deps.db.prepare("SELECT company_id, network_class FROM sessions WHERE ip_prefix = '192.0.2.0/24' AND lead_id IS NULL AND (company_id IS NOT NULL OR network_class IS NOT NULL)").get() as { company_id: string | null } | undefined,
      'the anonymous visit processed',
    );
    expect(session.company_id).toBeNull();
  });

  it('never learns a prefix of a shared network (an ISP) nor from one e-mail, nor from free mail', async () => {
    await pageview(srv.url, acct.siteKey, 'https://example.com/', { ip: '2.4.1.20', ua: CHROME_UA.replace('126', '122') });
    await until(() => srv.deps.db.prepare("SELECT network_class FROM sessions WHERE ip_prefix = '2.4.1.0/24'").pluck().get() === 'isp', 'the ISP class');
    await fill('fred@zeta-group.fr', { ip: '2.4.1.21' });
    await fill('gina@zeta-group.fr', { ip: '2.4.1.22' });
    await fill('hugo@eta-sarl.fr', { ip: '198.18.0.1' });
    await fill('ines@gmail.com', { ip: '198.18.1.1' });
    await fill('jules@gmail.com', { ip: '198.18.1.2' });
    const learned = mappings().map((m) => m.prefix);
    for (const prefix of ['2.4.1.0/24', '198.18.0.0/24', '198.18.1.0/24']) expect(learned).not.toContain(prefix);
    // (The Acme colleagues of the stitching tests, from 198.51.100.0/24, did teach their office.)
    expect(learned).toContain('198.51.100.0/24');
  });

  // Last: it moves the clock by months (log-in sessions expire meanwhile).
  it('lets a mapping fade when no new evidence comes for months, and restores it with new evidence', async () => {
    await fill('kim@theta-sas.fr', { ip: '198.18.5.10' });
    await fill('lou@theta-sas.fr', { ip: '198.18.5.11' });
    const confidence = () => srv.deps.db.prepare("SELECT confidence FROM learned_mappings WHERE prefix = '198.18.5.0/24'").pluck().get();
    expect(confidence()).toBe(0.7);
    clock.advance(180 * 86_400_000);
    expect(decayLearnedMappings(srv.deps.db, acct.orgId, clock.now)).toBeGreaterThan(0);
    expect(confidence()).toBe(0.35);
    await fill('max@theta-sas.fr', { ip: '198.18.5.12' }); // one new e-mail confirms a known mapping
    expect(confidence()).toBe(0.8); // three distinct e-mails, fresh again
  });
});
