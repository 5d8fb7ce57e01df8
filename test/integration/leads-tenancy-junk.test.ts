// Every leads and forms endpoint against another organisation's ids and against junk bodies:
// 404 exactly as for a missing id, 4xx for junk, never a 5xx (real server, real SQLite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, seedAccount, type SeededAccount, type TestServer } from '../helpers/server.js';
import type { FormView } from '../../server/schemas/lead-forms.js';
import { createForm, leadRow, leadsServer, person, render, submit } from './leads-fixtures.js';

let srv: TestServer;
let theirs: SeededAccount;
let theirH: Record<string, string>;
let mineH: Record<string, string>;
let mySite: string;
let theirForm: FormView;
let theirLead: string;
let theirTask: string;
let clock: { now: number; advance: (ms: number) => void };

beforeAll(async () => {
  let acct: SeededAccount;
  ({ srv, acct, headers: theirH, clock } = await leadsServer());
  theirs = acct;
  theirForm = await createForm(srv.url, theirH, theirs.siteId);
  const { token } = await render(srv.url, theirForm.id);
  clock.advance(5_000);
  expect((await submit(srv.url, theirForm.id, { token, values: person('claire@their-co.fr') })).status).toBe(200);
  theirLead = String(leadRow(srv, 'claire@their-co.fr')!.id);
  const task = await fetch(`${srv.url}/api/leads/${theirLead}/tasks`, { method: 'POST', headers: theirH, body: JSON.stringify({ title: 'Rappeler', dueAt: clock.now }) });
  theirTask = ((await task.json()) as { id: string }).id;
  const me = await seedAccount(srv.deps, { domains: ['mine.fr'] });
  mySite = me.siteId;
  mineH = await login(srv.url, me.email, me.password);
});
afterAll(() => srv.close());

const call = (method: string, path: string, body?: unknown, headers = mineH) =>
  fetch(`${srv.url}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });

describe('leads and forms tenancy', () => {
  it('answers 404 for another organisation\'s lead, task and form on every route, exactly as for missing ones', async () => {
    const probes: Array<[string, string, unknown?]> = [
      ['POST', `/api/leads/${theirLead}/reopen`],
      ['POST', `/api/leads/${theirLead}/tasks`, { title: 'x', dueAt: 1 }],
      ['PATCH', `/api/leads/${theirLead}/tasks/${theirTask}`, { done: true }],
      ['POST', `/api/leads/${theirLead}/convert`, { markCustomer: true }],
      ['PUT', `/api/forms/${theirForm.id}`, { ...theirForm, siteId: mySite }],
      ['POST', `/api/forms/${theirForm.id}/archive`, { archived: true }],
    ];
    for (const [method, path, body] of probes) {
      const res = await call(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      const missingPath = path.replace(/(lead|task|frm)_[\w-]+/g, '$1_doesnotexist');
      expect(missingPath).not.toBe(path);
      const missing = await call(method, missingPath, body);
      expect(await res.text(), `${method} ${path}`).toBe(await missing.text());
    }
    // Their lead is untouched.
    expect(leadRow(srv, 'claire@their-co.fr')).toMatchObject({ status: 'new', contact_id: null });
    expect(srv.deps.db.prepare('SELECT done_at FROM lead_tasks WHERE id = ?').pluck().get(theirTask)).toBeNull();
  });
});

describe('junk sent to the leads and forms endpoints', () => {
  it('answers 4xx, never 5xx, to malformed, oversized, mistyped and hostile bodies', async () => {
    const routes: Array<[string, string]> = [
      ['PATCH', `/api/leads/${theirLead}`], ['POST', '/api/leads/lead_x/notes'], ['POST', '/api/leads/lead_x/tasks'],
      ['PATCH', '/api/leads/lead_x/tasks/task_x'], ['POST', '/api/leads/lead_x/convert'], ['POST', '/api/forms'],
      ['PUT', `/api/forms/${theirForm.id}`], ['POST', `/api/forms/${theirForm.id}/archive`],
    ];
    const junk: Array<[string, string]> = [
      ['malformed', '{"status":'], ['array', '[1,2]'], ['null', 'null'], ['string', '"x"'], ['empty', ''],
      ['wrong types', JSON.stringify({ status: 1, body: {}, title: 5, dueAt: 'mardi', done: 'yes', markCustomer: 'y', fields: 'x', siteId: [] })],
      ['prototype keys', '{"__proto__":{"admin":true},"constructor":{"prototype":{}}}'],
      ['deep nesting', '['.repeat(5_000) + ']'.repeat(5_000)],
      ['huge number', '{"dueAt":1e400,"title":"x"}'],
      ['oversized', JSON.stringify({ body: 'x'.repeat(200_000) })],
    ];
    for (const [method, path] of routes) {
      for (const [name, body] of junk) {
        const res = await call(method, path, body);
        expect(res.status, `${name} → ${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${name} → ${method} ${path}`).toBeLessThan(500);
      }
    }
    for (const q of ['?status=lost', '?limit=-1', '?from=2026-13-45', '?offset=1e30', '?q=%25%27%22', `?formId=${'x'.repeat(500)}`]) {
      const res = await call('GET', `/api/leads${q}`);
      expect(res.status, q).toBeLessThan(500);
    }
    for (const q of ['', '?from=2026-01-01', '?from=2026-02-30&to=2026-02-31', '?from=0&to=99999999999999999999']) {
      expect((await call('GET', `/api/leads/report${q}`)).status, q).toBeLessThan(500);
    }
  });

  it('refuses impossible days, backwards periods and dates beyond any calendar with a 400 naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['/api/leads?quality=all&from=2026-13-45', 'from'],
      ['/api/leads?quality=all&to=2026-02-30', 'to'],
      ['/api/leads?from=2030-01-01&to=2020-01-01', 'from'],
      ['/api/leads/report?from=2026-13-45&to=2026-12-31', 'from'],
      ['/api/leads/report?from=2030-01-01&to=2020-01-01', 'from'],
    ];
    for (const [path, field] of cases) {
      const res = await call('GET', path);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { field?: string } }).error.field, path).toBe(field);
    }
    // Text that cannot be stored as UTF-8 is refused where it enters, as the collector does.
    const { token } = await render(srv.url, theirForm.id);
    const broken = await submit(srv.url, theirForm.id, { token, values: { ...person('lone@their-co.fr'), firstName: 'Zo\ud800' } });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { field?: string } }).error.field).toBe('values.firstName');
    // A real leap day is a day.
    expect((await call('GET', '/api/leads?from=2028-02-29&to=2028-03-01')).status).toBe(200);
    const far = await call('POST', `/api/leads/${theirLead}/tasks`, { title: 'Loin', dueAt: 9_007_199_254_740_991 }, theirH);
    expect(far.status).toBe(400);
    expect(((await far.json()) as { error: { field?: string } }).error.field).toBe('dueAt');
  });
});
