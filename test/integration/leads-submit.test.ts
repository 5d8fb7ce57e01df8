import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer, SeededAccount } from '../helpers/server.js';
import type { FormView } from '../../server/schemas/lead-forms.js';
import { leadMessage } from '../../server/schemas/leads.js';
import { CHROME_UA, createForm, leadRow, leadsServer, person, render, submit } from './leads-fixtures.js';

let srv: TestServer;
let acct: SeededAccount;
let headers: Record<string, string>;
let clock: { now: number; advance: (ms: number) => void };
let form: FormView;
let ipCounter = 1;
/** A fresh client network for each test, so that the per-prefix rate limit never interferes. */
const freshIp = () => `203.0.${ipCounter++}.10`;

beforeAll(async () => {
  ({ srv, acct, headers, clock } = await leadsServer());
  form = await createForm(srv.url, headers, acct.siteId);
});
afterAll(() => srv.close());

/** Renders the form, lets a human-like 5 s pass, submits. */
async function fill(values: Record<string, unknown>, extra: Record<string, unknown> = {}, opts: { ip?: string; ua?: string; formId?: string } = {}) {
  const { token } = await render(srv.url, opts.formId ?? form.id);
  clock.advance(5_000);
  return submit(srv.url, opts.formId ?? form.id, { token, values, locale: 'fr', ...extra }, { ip: opts.ip ?? freshIp(), ua: opts.ua });
}

const reasons = (row: Record<string, unknown> | undefined) => (JSON.parse(String(row?.quality_reasons)) as Array<{ code: string; detail?: string }>);

describe('GET /api/forms/:id', () => {
  it('serves the public definition, a render token and the messages, to any origin', async () => {
    const res = await fetch(`${srv.url}/api/forms/${form.id}?locale=en`, { headers: { origin: 'https://elsewhere.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await res.json()) as { form: { id: string; fields: unknown[]; minHeight: number }; token: string; messages: Record<string, string> };
    expect(body.form.id).toBe(form.id);
    expect(body.form.fields.length).toBe(7);
    expect(body.form.minHeight).toBeGreaterThan(300);
    expect(body.token).toMatch(/^\d+\.[\w-]{12}\.[\w-]{43}$/);
    expect(body.messages.required).toBe(leadMessage('en', 'required'));
    expect(JSON.stringify(body)).not.toContain(acct.orgId);
  });

  it('serves the demo page\'s form under the id "demo": the demo site\'s first form', async () => {
    const demo = await render(srv.url, 'demo');
    expect(demo.form.id).toBe(form.id); // the seeded site is the first site, its first form is the demo's
    clock.advance(5_000);
    const res = await submit(srv.url, 'demo', { token: demo.token, values: person('demo@demo-corp.fr') }, { ip: freshIp() });
    expect(res.status).toBe(200);
    expect(leadRow(srv, 'demo@demo-corp.fr')).toMatchObject({ form_id: form.id, quality: 'valid' });
  });

  it('answers 404 for an unknown or archived form', async () => {
    expect((await fetch(`${srv.url}/api/forms/frm_nope`)).status).toBe(404);
    const archived = await createForm(srv.url, headers, acct.siteId, { name: 'Old' });
    await fetch(`${srv.url}/api/forms/${archived.id}/archive`, { method: 'POST', headers, body: JSON.stringify({ archived: true }) });
    expect((await fetch(`${srv.url}/api/forms/${archived.id}`)).status).toBe(404);
    expect((await submit(srv.url, archived.id, { token: 'x', values: {} })).status).toBe(404);
  });
});

describe('POST /api/forms/:id/submit: input checks', () => {
  it('stores a valid lead with its company from the business e-mail, only after commit, with CORS', async () => {
    const events: string[] = [];
    const off = srv.deps.bus.on('lead-stored', (e) => events.push(e.leadId));
    const res = await fill(person('claire.martin@acme-industrie.fr', { company: 'Acme Industrie', phone: '06 12 34 56 78' }));
    off();
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual({ ok: true });
    const row = leadRow(srv, 'claire.martin@acme-industrie.fr')!;
    expect(row).toMatchObject({ quality: 'valid', status: 'new', phone: '+33612345678', phone_valid: 1, first_name: 'Claire' });
    expect(events).toEqual([row.id]);
    const company = srv.deps.db.prepare('SELECT * FROM companies WHERE id = ?').get(row.company_id) as { name: string; domain: string };
    expect(company).toMatchObject({ name: 'Acme Industrie', domain: 'acme-industrie.fr' });
    const evidence = srv.deps.db.prepare('SELECT source, matched_value, confidence FROM company_evidence WHERE company_id = ?').all(row.company_id);
    expect(evidence).toEqual([{ source: 'form_email', matched_value: 'acme-industrie.fr', confidence: 0.9 }]);
  });

  it('returns 413 when the body exceeds 32 KB and stores nothing', async () => {
    const res = await fill(person('big@acme-industrie.fr', { message: 'x'.repeat(40_000) }));
    expect(res.status).toBe(413);
    expect(leadRow(srv, 'big@acme-industrie.fr')).toBeUndefined();
  });

  it('returns 400 for malformed JSON and for a body that is not an object', async () => {
    expect((await submit(srv.url, form.id, '{"token":', { ip: freshIp() })).status).toBe(400);
    const res = await submit(srv.url, form.id, '[1,2]', { ip: freshIp() });
    expect(res.status).toBe(400);
  });

  it('names the missing field with the shared message, in the visitor language', async () => {
    const { token } = await render(srv.url, form.id);
    clock.advance(5_000);
    const fr = await submit(srv.url, form.id, { token, values: { firstName: 'A', lastName: 'B', consent: true }, locale: 'fr' }, { ip: freshIp() });
    expect(fr.status).toBe(400);
    expect(await fr.json()).toEqual({ error: { code: 'invalid-field', field: 'values.email', message: leadMessage('fr', 'required') } });
    const en = await submit(srv.url, form.id, { token, values: { ...person('not-an-address'), }, locale: 'en' }, { ip: freshIp() });
    expect(await en.json()).toMatchObject({ error: { field: 'values.email', message: leadMessage('en', 'email') } });
    const consent = await submit(srv.url, form.id, { token, values: { ...person('a@acme-industrie.fr'), consent: false } }, { ip: freshIp() });
    expect(await consent.json()).toMatchObject({ error: { field: 'values.consent', message: leadMessage('fr', 'consent') } });
    const wrongType = await submit(srv.url, form.id, { token: 5, values: {} }, { ip: freshIp() });
    expect(await wrongType.json()).toMatchObject({ error: { field: 'token' } });
  });

  it('suggests the fix for a mistyped mail domain, and keeps it marked suspect when the visitor insists', async () => {
    const res = await fill(person('jean@gmial.com'));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'email-typo', field: 'values.email', suggestion: 'jean@gmail.com', message: leadMessage('fr', 'emailTypo', { suggestion: 'jean@gmail.com' }) },
    });
    const orange = await fill(person('paul@oragne.fr'));
    expect(((await orange.json()) as { error: { suggestion: string } }).error.suggestion).toBe('paul@orange.fr');
    const kept = await fill(person('paul@oragne.fr'), { confirm: ['email'] });
    expect(kept.status).toBe(200);
    const row = leadRow(srv, 'paul@oragne.fr');
    expect(row?.quality).toBe('suspect');
    expect(reasons(row)).toEqual([{ code: 'email-typo', detail: 'paul@orange.fr' }]);
    expect(row?.company_id).toBeNull(); // a typo of a mail provider names no company
  });

  it('asks again for a phone that does not parse for the site country, then keeps it as suspect', async () => {
    const res = await fill(person('phone@acme-industrie.fr', { phone: '12 34' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { field: 'values.phone', message: leadMessage('fr', 'phone') } });
    const bad = await fill(person('phone@acme-industrie.fr', { phone: '01 23 45' }));
    expect(await bad.json()).toMatchObject({ error: { field: 'values.phone' } });
    const kept = await fill(person('phone@acme-industrie.fr', { phone: '01 23 45' }), { confirm: ['phone'] });
    expect(kept.status).toBe(200);
    const row = leadRow(srv, 'phone@acme-industrie.fr');
    expect(row).toMatchObject({ quality: 'suspect', phone: '01 23 45', phone_valid: 0 });
    expect(reasons(row)).toEqual([{ code: 'phone-invalid' }]);
  });
});

describe('POST /api/forms/:id/submit: quality verdict (same thank-you for every verdict)', () => {
  it('marks a filled honeypot as spam, hidden from the inbox but kept and restorable', async () => {
    const res = await fill(person('honey@acme-industrie.fr'), { hp: 'http://spam.example' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    const row = leadRow(srv, 'honey@acme-industrie.fr')!;
    expect(row.quality).toBe('spam');
    expect(reasons(row)).toEqual([{ code: 'honeypot' }]);
    const inbox = (await (await fetch(`${srv.url}/api/leads`, { headers })).json()) as { leads: Array<{ id: string }> };
    expect(inbox.leads.map((l) => l.id)).not.toContain(row.id);
    const spam = (await (await fetch(`${srv.url}/api/leads?quality=spam`, { headers })).json()) as { leads: Array<{ id: string }> };
    expect(spam.leads.map((l) => l.id)).toContain(row.id);
    const restore = await fetch(`${srv.url}/api/leads/${row.id}`, { method: 'PATCH', headers, body: JSON.stringify({ quality: 'valid' }) });
    expect(restore.status).toBe(200);
    const after = (await (await fetch(`${srv.url}/api/leads`, { headers })).json()) as { leads: Array<{ id: string; restored: boolean; reasons: unknown[] }> };
    expect(after.leads.find((l) => l.id === row.id)).toMatchObject({ restored: true, reasons: [{ code: 'honeypot' }] });
    // Restored, it gets the company spam was denied.
    expect(leadRow(srv, 'honey@acme-industrie.fr')!.company_id).not.toBeNull();
  });

  it('marks a submission sent sooner than 3 s after rendering as spam (too fast)', async () => {
    const { token } = await render(srv.url, form.id);
    clock.advance(1_000);
    const res = await submit(srv.url, form.id, { token, values: person('fast@acme-industrie.fr') }, { ip: freshIp() });
    expect(res.status).toBe(200);
    expect(reasons(leadRow(srv, 'fast@acme-industrie.fr'))).toEqual([{ code: 'too-fast' }]);
  });

  it('marks a render token replayed for another address as spam, while the same person may send again', async () => {
    const { token } = await render(srv.url, form.id);
    clock.advance(5_000);
    expect((await submit(srv.url, form.id, { token, values: person('first@replay-corp.fr') }, { ip: freshIp() })).status).toBe(200);
    expect(leadRow(srv, 'first@replay-corp.fr')).toMatchObject({ quality: 'valid' });
    // The same visitor corrects their message and sends again from the same page: one lead, still valid.
    expect((await submit(srv.url, form.id, { token, values: { ...person('first@replay-corp.fr'), message: 'Précision' } }, { ip: freshIp() })).status).toBe(200);
    expect(leadRow(srv, 'first@replay-corp.fr')).toMatchObject({ quality: 'valid' });
    // A script replays the token with other addresses: same thank-you, but spam.
    const replay = await submit(srv.url, form.id, { token, values: person('second@replay-corp.fr') }, { ip: freshIp() });
    expect(replay.status).toBe(200);
    expect(leadRow(srv, 'second@replay-corp.fr')).toMatchObject({ quality: 'spam' });
    expect(reasons(leadRow(srv, 'second@replay-corp.fr'))).toEqual([{ code: 'token-reused' }]);
  });

  it('marks a forged, foreign or missing render token as spam', async () => {
    const { token } = await render(srv.url, form.id);
    clock.advance(5_000);
    const forged = token.replace(/\.(.)/, (_, ch: string) => `.${ch === 'A' ? 'B' : 'A'}`);
    await submit(srv.url, form.id, { token: forged, values: person('forged@acme-industrie.fr') }, { ip: freshIp() });
    expect(reasons(leadRow(srv, 'forged@acme-industrie.fr'))).toEqual([{ code: 'token-invalid' }]);
    const other = await createForm(srv.url, headers, acct.siteId, { name: 'Other' });
    await submit(srv.url, other.id, { token, values: person('foreign@acme-industrie.fr') }, { ip: freshIp() });
    expect(reasons(leadRow(srv, 'foreign@acme-industrie.fr'))).toEqual([{ code: 'token-invalid' }]);
    await submit(srv.url, form.id, { token: 'none', values: person('missing@acme-industrie.fr') }, { ip: freshIp() });
    expect(leadRow(srv, 'missing@acme-industrie.fr')?.quality).toBe('spam');
  });

  it('refuses bot user agents: stored as spam, never as a lead', async () => {
    await fill(person('bot@acme-industrie.fr'), {}, { ua: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' });
    await fill(person('headless@acme-industrie.fr'), {}, { ua: CHROME_UA.replace('Chrome/', 'HeadlessChrome/') });
    await fill(person('curl@acme-industrie.fr'), {}, { ua: 'curl/8.5.0' });
    for (const email of ['bot@acme-industrie.fr', 'headless@acme-industrie.fr', 'curl@acme-industrie.fr']) {
      expect(reasons(leadRow(srv, email))).toEqual([{ code: 'bot-ua' }]);
    }
  });

  it('marks a disposable mail domain as spam and creates no company', async () => {
    const before = srv.deps.db.prepare('SELECT count(*) FROM companies').pluck().get();
    await fill(person('temp@mailinator.com'));
    expect(reasons(leadRow(srv, 'temp@mailinator.com'))).toEqual([{ code: 'disposable-email' }]);
    expect(srv.deps.db.prepare('SELECT count(*) FROM companies').pluck().get()).toBe(before);
  });

  it('marks free mail as suspect where a business e-mail is required (the default form asks for one), and never creates a company from it', async () => {
    await fill(person('default-form@gmail.com'));
    expect(leadRow(srv, 'default-form@gmail.com')).toMatchObject({ quality: 'suspect', company_id: null });
    const pro = await createForm(srv.url, headers, acct.siteId, { name: 'Pro only', businessEmailRequired: true });
    const before = srv.deps.db.prepare('SELECT count(*) FROM companies').pluck().get();
    await fill(person('someone@gmail.com'), {}, { formId: pro.id });
    const row = leadRow(srv, 'someone@gmail.com');
    expect(row).toMatchObject({ quality: 'suspect', company_id: null });
    expect(reasons(row)).toEqual([{ code: 'free-email' }]);
    const open = await createForm(srv.url, headers, acct.siteId, { name: 'Any address', businessEmailRequired: false });
    await fill(person('other@orange.fr'), {}, { formId: open.id }); // a form that accepts free mail
    expect(leadRow(srv, 'other@orange.fr')).toMatchObject({ quality: 'valid', company_id: null });
    expect(srv.deps.db.prepare('SELECT count(*) FROM companies').pluck().get()).toBe(before);
  });

  it('flags an e-mail domain of a company in the Concurrent category', async () => {
    const list = srv.deps.db.prepare("SELECT id FROM lists WHERE org_id = ? AND name = 'concurrent-default'").pluck().get(acct.orgId) as string;
    srv.deps.db.prepare(
      "INSERT INTO companies (id, org_id, name, name_key, domain, list_id, created_at) VALUES ('cmp_rival', ?, 'Rival', 'rival', 'rival-soft.fr', ?, 0)",
    ).run(acct.orgId, list);
    await fill(person('spy@rival-soft.fr'));
    const row = leadRow(srv, 'spy@rival-soft.fr');
    expect(row).toMatchObject({ quality: 'suspect', company_id: 'cmp_rival' });
    expect(reasons(row)).toEqual([{ code: 'competitor', detail: 'Rival' }]);
  });

  it('merges a duplicate (same e-mail and form within 24 h) and counts it; a later one is a new lead', async () => {
    await fill(person('twice@acme-industrie.fr', { message: 'first' }));
    await fill(person('twice@acme-industrie.fr', { message: 'second' }));
    const rows = srv.deps.db.prepare('SELECT id, submissions, message FROM leads WHERE email = ?').all('twice@acme-industrie.fr') as Array<{ id: string; submissions: number; message: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ submissions: 2, message: 'second' });
    expect(srv.deps.db.prepare('SELECT count(*) FROM lead_submissions WHERE lead_id = ?').pluck().get(rows[0]!.id)).toBe(2);
    clock.advance(25 * 3_600_000);
    await fill(person('twice@acme-industrie.fr'));
    expect(srv.deps.db.prepare('SELECT count(*) FROM leads WHERE email = ?').pluck().get('twice@acme-industrie.fr')).toBe(2);
  });
});

describe('POST /api/forms/:id/submit: abuse and failure', () => {
  it('limits submissions per network prefix with 429 and Retry-After', async () => {
    const ip = '192.0.2.';
    let last: Response | undefined;
    for (let i = 0; i < 21; i++) last = await submit(srv.url, form.id, '{}', { ip: `${ip}${i + 1}` });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('access-control-allow-origin')).toBe('*');
    expect((await submit(srv.url, form.id, '{}', { ip: '192.0.3.1' })).status).toBe(400); // another network still gets through
    clock.advance(11 * 60_000);
    expect((await submit(srv.url, form.id, '{}', { ip: `${ip}1` })).status).toBe(400);
  });

  it('limits submissions per form with 429', async () => {
    const busy = await createForm(srv.url, headers, acct.siteId, { name: 'Busy' });
    const statuses: number[] = [];
    for (let i = 0; i < 301; i++) statuses.push((await submit(srv.url, busy.id, '{}', { ip: `10.${i >> 8}.${i & 255}.1` })).status);
    expect(statuses.slice(0, 300).every((s) => s === 400)).toBe(true);
    expect(statuses[300]).toBe(429);
    expect((await submit(srv.url, form.id, '{}', { ip: freshIp() })).status).toBe(400); // other forms are not affected
  });

  it('answers 503 with Retry-After when the database cannot take the write, and stores it once it can', async () => {
    const { token } = await render(srv.url, form.id);
    clock.advance(5_000);
    const other = new Database(path.join(srv.dataDir, 'vigie.db'));
    other.prepare('BEGIN IMMEDIATE').run(); // another writer holds the lock past the busy timeout
    const body = { token, values: person('locked@acme-industrie.fr'), locale: 'fr' };
    const ip = freshIp();
    try {
      const res = await submit(srv.url, form.id, body, { ip });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await res.json()).toMatchObject({ error: { code: 'unavailable', message: leadMessage('fr', 'unavailable') } });
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    expect(leadRow(srv, 'locked@acme-industrie.fr')).toBeUndefined();
    const retry = await submit(srv.url, form.id, body, { ip });
    expect(retry.status).toBe(200);
    expect(leadRow(srv, 'locked@acme-industrie.fr')?.quality).toBe('valid');
  });
});
