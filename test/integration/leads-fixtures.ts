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

/** A pageview as the tracker sends it, from a given client IP and user agent; resolves on the 202. */
export async function pageview(url: string, site: string, page: string, opts: { ip: string; ua?: string; cid?: string; referrer?: string }): Promise<void> {
  const res = await fetch(`${url}/api/collect`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': opts.ua ?? CHROME_UA, 'x-forwarded-for': opts.ip },
    body: JSON.stringify({ site, type: 'pageview', url: page, referrer: opts.referrer ?? null, title: 'Page', screen: 1440, lang: 'fr-FR', ...(opts.cid ? { cid: opts.cid } : {}) }),
  });
  if (res.status !== 202) throw new Error(`pageview refused: ${res.status} ${await res.text()}`);
}

/** Waits for a condition the server reaches asynchronously (identification runs off the request path). */
export async function until<T>(check: () => T | null | undefined | false, what: string, tries = 500): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never happened: ${what}`);
}
