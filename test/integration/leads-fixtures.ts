import { login, seedAccount, startTestServer, type SeededAccount, type TestServer } from '../helpers/server.js';
import type { FormInput, FormView, PublicFormReply } from '../../server/schemas/lead-forms.js';
import { defaultFormInput } from '../../server/leads/forms.js';

/** A desktop Chrome: headless browsers and scripts are treated as bots by the submission endpoint. */
export const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** A test server whose clock the test moves, trusting 127.0.0.1 as a proxy so X-Forwarded-For sets the client IP. */
export async function leadsServer(): Promise<{ srv: TestServer; acct: SeededAccount; headers: Record<string, string>; clock: { now: number; advance: (ms: number) => void } }> {
  const clock = { now: Date.now(), advance: (ms: number) => (clock.now += ms) };
  const srv = await startTestServer({ clock: () => clock.now, config: { trustedProxies: ['127.0.0.1'] } });
  const acct = await seedAccount(srv.deps, { domains: ['example.com'] });
  const headers = await login(srv.url, acct.email, acct.password);
  return { srv, acct, headers, clock };
}

export async function createForm(url: string, headers: Record<string, string>, siteId: string, overrides: Partial<FormInput> = {}): Promise<FormView> {
  const res = await fetch(`${url}/api/forms`, { method: 'POST', headers, body: JSON.stringify({ ...defaultFormInput(siteId), ...overrides }) });
  if (res.status !== 201) throw new Error(`form not created: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { form: FormView }).form;
}

export async function render(url: string, formId: string, locale = 'fr'): Promise<PublicFormReply> {
  const res = await fetch(`${url}/api/forms/${formId}?locale=${locale}`);
  if (res.status !== 200) throw new Error(`form not rendered: ${res.status}`);
  return (await res.json()) as PublicFormReply;
}

export type SubmitOptions = { ip?: string; ua?: string; origin?: string };

/** Posts a submission as the bundle does (text/plain JSON) from a given client IP and user agent. */
export function submit(url: string, formId: string, body: unknown, opts: SubmitOptions = {}): Promise<Response> {
  return fetch(`${url}/api/forms/${formId}/submit`, {
    method: 'POST',
    headers: {
      'content-type': 'text/plain;charset=UTF-8',
      'user-agent': opts.ua ?? CHROME_UA,
      'x-forwarded-for': opts.ip ?? '198.51.100.7',
      origin: opts.origin ?? 'https://example.com',
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const person = (email: string, extra: Record<string, string | boolean> = {}) => ({
  firstName: 'Claire', lastName: 'Martin', email, consent: true, ...extra,
});

/** Reads a lead row straight from the database (the API is tested separately). */
export function leadRow(srv: TestServer, email: string): Record<string, unknown> | undefined {
  return srv.deps.db.prepare('SELECT * FROM leads WHERE email = ? ORDER BY created_at DESC LIMIT 1').get(email) as Record<string, unknown> | undefined;
}
