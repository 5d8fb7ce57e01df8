import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/orgs/repo.js';
import { login, seedAccount, type TestServer, type SeededAccount } from '../helpers/server.js';
import type { FormView } from '../../server/schemas/lead-forms.js';
import type { LeadDetail, LeadListItem, LeadListReply, LeadReport } from '../../server/schemas/lead-inbox.js';
import { createForm, leadRow, leadsServer, pageview, person, render, submit } from './leads-fixtures.js';

let srv: TestServer;
let acct: SeededAccount;
let headers: Record<string, string>;
let clock: { now: number; advance: (ms: number) => void };
let form: FormView;
let webinar: FormView;
let colleagueId: string;
const DAY = 86_400_000;
let ipCounter = 1;

beforeAll(async () => {
  ({ srv, acct, headers, clock } = await leadsServer());
  form = await createForm(srv.url, headers, acct.siteId);
  webinar = await createForm(srv.url, headers, acct.siteId, { name: 'Webinar' });
  colleagueId = createUser(srv.deps.db, acct.orgId, { email: `sales-${acct.orgId}@example.com`, name: 'Sam Sales', passwordHash: 'x' }).id;
});
afterAll(() => srv.close());

async function newLead(email: string, opts: { formId?: string; utm?: string } = {}): Promise<string> {
  const ip = `198.51.${ipCounter++}.7`;
  if (opts.utm) await pageview(srv.url, acct.siteKey, `https://example.com/?${opts.utm}`, { ip });
  const { token } = await render(srv.url, opts.formId ?? form.id);
  clock.advance(5_000);
  const res = await submit(srv.url, opts.formId ?? form.id, { token, values: person(email) }, { ip });
  expect(res.status).toBe(200);
  return String(leadRow(srv, email)!.id);
}
const api = async <T>(path: string, init: { method?: string; body?: unknown } = {}) => {
  const res = await fetch(`${srv.url}/api${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return { status: res.status, body: (res.status === 204 ? null : await res.json()) as T };
};
const patch = (id: string, body: unknown) => api<{ lead: LeadDetail; error?: { field: string } }>(`/leads/${id}`, { method: 'PATCH', body });
const inbox = async (query = '') => (await api<LeadListReply>(`/leads${query}`)).body;

describe('lead lifecycle', () => {
  it('moves new → qualified → contacted, refuses with a required reason, filters by reason and reopens', async () => {
    const id = await newLead('life@acme-industrie.fr');
    expect((await patch(id, { status: 'qualified' })).body.lead).toMatchObject({ status: 'qualified' });
    expect((await patch(id, { status: 'contacted' })).status).toBe(200);
    const noReason = await patch(id, { status: 'refused' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error!.field).toBe('refusedReason');
    expect((await patch(id, { status: 'converted' })).status).toBe(400); // only through /convert
    expect((await patch(id, { status: 'refused', refusedReason: 'timing' })).body.lead).toMatchObject({ status: 'refused', refusedReason: 'timing' });
    expect((await patch(id, { status: 'qualified' })).status).toBe(409); // a refused lead is reopened first

    const other = await newLead('budget@acme-industrie.fr');
    await patch(other, { status: 'refused', refusedReason: 'budget' });
    const timing = await inbox('?status=refused&refusedReason=timing');
    expect(timing.leads.map((l) => l.id)).toEqual([id]);

    const reopened = await api<{ status: string }>(`/leads/${id}/reopen`, { method: 'POST' });
    expect(reopened.body.status).toBe('contacted');
    const lead = (await api<{ lead: LeadDetail }>(`/leads/${id}`)).body.lead;
    expect(lead).toMatchObject({ status: 'contacted', refusedReason: null });
    expect(lead.activity.map((a) => a.kind)).toEqual(['submitted', 'company-identified', 'status', 'status', 'status', 'reopened']);
    expect(lead.activity[4]).toMatchObject({ actor: 'user', actorName: 'Admin', detail: { from: 'contacted', to: 'refused', reason: 'timing' } });
    expect((await api(`/leads/${id}/reopen`, { method: 'POST' })).status).toBe(409);
  });

  it('assigns an owner, keeps notes and tasks with due dates, and records it all', async () => {
    const id = await newLead('owner@acme-industrie.fr');
    expect((await patch(id, { ownerId: colleagueId })).body.lead).toMatchObject({ ownerId: colleagueId, ownerName: 'Sam Sales' });
    expect((await patch(id, { ownerId: 'usr_elsewhere' })).status).toBe(400);
    expect((await inbox(`?ownerId=${colleagueId}`)).leads.map((l) => l.id)).toEqual([id]);
    expect((await inbox('?ownerId=none')).leads.map((l) => l.id)).not.toContain(id);

    expect((await api(`/leads/${id}/notes`, { method: 'POST', body: { body: 'Budget validé en mars' } })).status).toBe(201);
    expect((await api(`/leads/${id}/notes`, { method: 'POST', body: { body: '  ' } })).status).toBe(400);
    const tuesday = clock.now + 3 * DAY;
    const task = await api<{ id: string }>(`/leads/${id}/tasks`, { method: 'POST', body: { title: 'Rappeler mardi', dueAt: tuesday, assigneeId: colleagueId } });
    expect(task.status).toBe(201);
    expect((await inbox()).leads.find((l) => l.id === id)!.openTasks).toBe(1);
    const open = await api<{ tasks: Array<{ title: string; leadId: string; dueAt: number }> }>('/leads/tasks');
    expect(open.body.tasks).toContainEqual(expect.objectContaining({ title: 'Rappeler mardi', leadId: id, dueAt: tuesday }));
    expect((await api(`/leads/${id}/tasks/${task.body.id}`, { method: 'PATCH', body: { done: true } })).status).toBe(204);

    const lead = (await api<{ lead: LeadDetail }>(`/leads/${id}`)).body.lead;
    expect(lead.notes.map((n) => [n.body, n.authorName])).toEqual([['Budget validé en mars', 'Admin']]);
    expect(lead.tasks).toEqual([expect.objectContaining({ title: 'Rappeler mardi', dueAt: tuesday, assigneeName: 'Sam Sales', doneAt: clock.now })]);
    expect(lead.activity.map((a) => a.kind).slice(-4)).toEqual(['owner', 'note', 'task', 'task-done']);
  });

  it('derives the temperature from behaviour, lets a user set it by hand and hand it back', async () => {
    const id = await newLead('temp@acme-industrie.fr');
    const auto = (await api<{ lead: LeadDetail }>(`/leads/${id}`)).body.lead;
    expect(auto.temperatureManual).toBe(false);
    expect((await patch(id, { temperature: 'hot' })).body.lead).toMatchObject({ temperature: 'hot', temperatureManual: true });
    expect((await inbox('?temperature=hot')).leads.map((l) => l.id)).toContain(id);
    expect((await patch(id, { temperature: 'auto' })).body.lead).toMatchObject({ temperature: auto.temperature, temperatureManual: false });
  });

  it('converts a lead into a contact, marks its company as a customer on request, and only once', async () => {
    const id = await newLead('buyer@omega-logistique.fr');
    const companyId = String(leadRow(srv, 'buyer@omega-logistique.fr')!.company_id);
    clock.advance(4 * DAY);
    const res = await api<{ contactId: string; movedCompany: boolean }>(`/leads/${id}/convert`, { method: 'POST', body: { markCustomer: true } });
    expect(res.status).toBe(201);
    expect(res.body.movedCompany).toBe(true);
    const lead = (await api<{ lead: LeadDetail }>(`/leads/${id}`)).body.lead;
    expect(lead).toMatchObject({ status: 'converted', contactId: res.body.contactId, convertedAt: clock.now });
    expect(lead.company).toMatchObject({ id: companyId, listName: 'client-default', category: 'client' });
    const move = srv.deps.db.prepare('SELECT actor, actor_id FROM list_moves WHERE company_id = ? ORDER BY id DESC LIMIT 1').get(companyId);
    expect(move).toMatchObject({ actor: 'user' });
    const contacts = await api<{ contacts: Array<{ id: string; leadId: string; email: string }> }>(`/leads/contacts?companyId=${companyId}`);
    expect(contacts.body.contacts).toEqual([expect.objectContaining({ id: res.body.contactId, leadId: id, email: 'buyer@omega-logistique.fr' })]);
    expect((await api(`/leads/${id}/convert`, { method: 'POST', body: {} })).status).toBe(409);
    expect((await api<{ leads: LeadListItem[] }>(`/leads?companyId=${companyId}`)).body.leads.map((l) => l.id)).toEqual([id]);
  });

  it('reports leads, qualified, converted, rate and median days to convert per source and per form', async () => {
    const from = new Date(clock.now).toISOString().slice(0, 10);
    const a = await newLead('r1@kappa.fr', { utm: 'utm_source=google&utm_medium=cpc&utm_campaign=brand' });
    const b = await newLead('r2@kappa.fr', { utm: 'utm_source=google&utm_medium=cpc&utm_campaign=brand' });
    await newLead('r3@kappa.fr', { utm: 'utm_source=linkedin&utm_medium=social' });
    await newLead('r4@kappa.fr', { formId: webinar.id });
    await patch(b, { status: 'qualified' });
    clock.advance(2 * DAY);
    await api(`/leads/${a}/convert`, { method: 'POST', body: {} });
    clock.advance(4 * DAY);
    await api(`/leads/${b}/convert`, { method: 'POST', body: {} });
    const to = new Date(clock.now).toISOString().slice(0, 10);
    const { report } = (await api<{ report: LeadReport }>(`/leads/report?from=${from}&to=${to}`)).body;
    const google = report.bySource.find((r) => r.key === 'google')!;
    expect(google).toEqual({ key: 'google', leads: 2, qualified: 2, converted: 2, conversionRate: 1, medianDaysToConvert: 4 });
    expect(report.bySource.find((r) => r.key === 'linkedin')).toMatchObject({ leads: 1, converted: 0, conversionRate: 0, medianDaysToConvert: null });
    expect(report.byCampaign.find((r) => r.key === 'brand')).toMatchObject({ leads: 2, converted: 2 });
    expect(report.byForm.find((r) => r.key === 'Webinar')).toMatchObject({ leads: 1, converted: 0 });
    expect(report.byForm.find((r) => r.key === 'Contact')).toMatchObject({ leads: 3, converted: 2 });
    expect(report.totals).toMatchObject({ leads: 4, converted: 2, conversionRate: 0.5 });
    expect((await api(`/leads/report?from=yesterday&to=${to}`)).status).toBe(400);
  });
});

describe('inbox and bell', () => {
  it('filters by quality, form, date and text, and keeps spam out by default', async () => {
    const id = await newLead('filter@theta.fr', { formId: webinar.id });
    expect((await inbox(`?formId=${webinar.id}&q=theta`)).leads.map((l) => l.id)).toEqual([id]);
    const today = new Date(clock.now).toISOString().slice(0, 10);
    expect((await inbox(`?from=${today}&to=${today}&q=filter`)).total).toBe(1);
    expect((await inbox(`?to=2000-01-01`)).total).toBe(0);
    expect((await inbox('?quality=suspect')).leads.every((l) => l.quality === 'suspect')).toBe(true);
    expect((await api('/leads?status=lost')).status).toBe(400);
  });

  it('counts the leads the filters match that were left out as spam, so that an empty inbox can say why', async () => {
    const salon = await createForm(srv.url, headers, acct.siteId, { name: 'Salon' });
    const [a, b, c] = [await newLead('spam-a@salon-corp.fr', { formId: salon.id }), await newLead('spam-b@salon-corp.fr', { formId: salon.id }), await newLead('kept@salon-corp.fr', { formId: salon.id })];
    for (const id of [a, b]) expect((await patch(id, { quality: 'spam' })).status).toBe(200);
    expect(await inbox(`?formId=${salon.id}`)).toMatchObject({ total: 1, spamHidden: 2 });
    expect((await patch(c, { quality: 'spam' })).status).toBe(200);
    expect(await inbox(`?formId=${salon.id}`)).toEqual({ leads: [], total: 0, spamHidden: 3 });
    // The other filters apply to the count as well.
    expect(await inbox(`?formId=${salon.id}&q=spam-a`)).toMatchObject({ total: 0, spamHidden: 1 });
    expect(await inbox(`?formId=${salon.id}&status=refused`)).toMatchObject({ total: 0, spamHidden: 0 });
    // Spam asked for: nothing is left out.
    expect(await inbox(`?formId=${salon.id}&quality=spam`)).toMatchObject({ total: 3, spamHidden: 0 });
    expect(await inbox(`?formId=${salon.id}&quality=all`)).toMatchObject({ total: 3, spamHidden: 0 });
  });

  it('rings the bell for each new valid lead until the user opens it', async () => {
    await api('/leads/notifications/seen', { method: 'POST' });
    expect((await api<{ unread: number }>('/leads/notifications')).body.unread).toBe(0);
    clock.advance(1_000);
    await newLead('bell@iota.fr');
    const { body } = await api<{ unread: number; items: Array<{ name: string }> }>('/leads/notifications');
    expect(body.unread).toBe(1);
    expect(body.items[0]!.name).toBe('Claire Martin');
  });

  it('answers 404 for another organisation\'s lead, exactly as for a missing one, and 401 without a session', async () => {
    const id = await newLead('private@lambda.fr');
    const other = await seedAccount(srv.deps);
    const otherHeaders = await login(srv.url, other.email, other.password);
    const res = await fetch(`${srv.url}/api/leads/${id}`, { headers: otherHeaders });
    const missing = await fetch(`${srv.url}/api/leads/lead_missing`, { headers: otherHeaders });
    expect(res.status).toBe(404);
    expect(await res.text()).toBe(await missing.text());
    expect((await fetch(`${srv.url}/api/leads/${id}`, { method: 'PATCH', headers: otherHeaders, body: '{"status":"qualified"}' })).status).toBe(404);
    expect((await fetch(`${srv.url}/api/leads/${id}/notes`, { method: 'POST', headers: otherHeaders, body: '{"body":"x"}' })).status).toBe(404);
    expect(((await (await fetch(`${srv.url}/api/leads`, { headers: otherHeaders })).json()) as { total: number }).total).toBe(0);
    expect((await fetch(`${srv.url}/api/leads`)).status).toBe(401);
    expect((await fetch(`${srv.url}/api/forms`)).status).toBe(401);
  });
});
