// The form component rendered in a happy-dom window, talking to a real Vigie server on 127.0.0.1
// (real SQLite, real HTTP): what a visitor sees (labels, inline errors, aria wiring, the summary)
// and what the server stores. The file runs in the node environment (the happy-dom environment
// replaces the global URL, which the server needs); Preact renders through the host element's
// ownerDocument, and the page's `location` is the one global the component reads.
import { Window } from 'happy-dom';
import { render } from 'preact';
import { startTestServer, seedAccount, type TestServer, type SeededAccount } from '../../test/helpers/server';
import { createForm, defaultFormInput, type LeadForm as StoredForm } from '../../server/leads/forms';
import { leadMessage } from '../../server/schemas/leads';
import { LeadForm } from './LeadForm';

const window = new Window({ url: 'https://www.acme-widgets.fr/contact' });
const document = window.document as unknown as Document;
const Event = window.Event as unknown as typeof globalThis.Event;
let srv: TestServer;
let acct: SeededAccount;
let form: StoredForm;
const clock = { now: Date.now() };
const realFetch = globalThis.fetch;
const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

beforeAll(async () => {
  srv = await startTestServer({ clock: () => clock.now });
  acct = await seedAccount(srv.deps);
  form = createForm(srv.deps.db, acct.orgId, defaultFormInput(acct.siteId), clock.now);
  (globalThis as { location?: unknown }).location = window.location;
  // Node's fetch says "node", which the server rightly takes for a bot: send what a browser sends.
  globalThis.fetch = (input, init) => realFetch(input, { ...init, headers: { ...(init?.headers as object), 'user-agent': CHROME_UA } });
});
afterAll(async () => {
  delete (globalThis as { location?: unknown }).location;
  globalThis.fetch = realFetch;
  await window.happyDOM.close();
  await srv.close();
});

let host: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = '<main><div id="host"></div></main>';
  host = document.getElementById('host')!;
});
afterEach(() => render(null, host));

async function until<T>(find: () => T | null | undefined, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const found = find();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function mount(locale: 'fr' | 'en' = 'fr', cid?: string) {
  render(<LeadForm formId={form.id} origin={srv.url} locale={locale} host={host} cid={() => cid} />, host);
  await until(() => host.querySelector('form'), 'the form');
}

const byLabel = (text: string): HTMLInputElement => {
  const label = [...host.querySelectorAll('label')].find((l) => l.textContent!.replace(' *', '').trim() === text)!;
  return (label.htmlFor ? host.querySelector(`#${label.htmlFor}`) : label.querySelector('input')) as HTMLInputElement;
};
/** Lets Preact render, as a browser does between two user events. */
const settle = () => new Promise((r) => setTimeout(r, 0));
async function type(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  await settle();
}
async function click(el: HTMLElement) {
  el.click();
  await settle();
}
const errorOf = (el: Element) => document.getElementById(el.getAttribute('aria-describedby')!.split(' ').pop()!)!.textContent;
const submit = () => click(host.querySelector<HTMLButtonElement>('button[type=submit]')!);
const leads = (email: string) => srv.deps.db.prepare('SELECT * FROM leads WHERE email = ?').all(email) as Array<Record<string, unknown>>;

it('renders every field with a bound label, in French by default and in English on an English page', async () => {
  await mount();
  for (const f of form.fields) {
    if (f.type === 'consent') continue;
    const input = byLabel(f.label.fr);
    expect(input, f.key).toBeTruthy();
    expect(input.required).toBe(f.required);
  }
  expect(byLabel(form.fields.find((f) => f.type === 'consent')!.label.fr).type).toBe('checkbox');
  expect(byLabel('E-mail professionnel').type).toBe('email');
  expect(byLabel('E-mail professionnel').autocomplete).toBe('email');
  expect(host.querySelector('button[type=submit]')!.textContent).toBe('Envoyer');
  // The honeypot is out of sight, out of the tab order and hidden from assistive technology.
  const trap = host.querySelector<HTMLInputElement>('input[name=website]')!;
  expect(trap.tabIndex).toBe(-1);
  expect(trap.closest('[aria-hidden=true]')).toBeTruthy();
  render(null, host);
  await mount('en');
  expect(byLabel('Work e-mail')).toBeTruthy();
  expect(host.querySelector('button[type=submit]')!.textContent).toBe('Send');
});

it('shows the shared messages under each invalid field, lists them in an alert and sends nothing', async () => {
  await mount();
  await type(byLabel('E-mail professionnel'), 'pas-une-adresse');
  await submit();
  const email = byLabel('E-mail professionnel');
  await until(() => email.getAttribute('aria-invalid') === 'true', 'the e-mail error');
  expect(errorOf(email)).toBe(leadMessage('fr', 'email'));
  expect(byLabel('Prénom').getAttribute('aria-invalid')).toBe('true');
  expect(errorOf(byLabel('Prénom'))).toBe(leadMessage('fr', 'required'));
  expect(byLabel('Téléphone').getAttribute('aria-invalid')).toBeNull(); // optional and empty
  const consent = byLabel('J’accepte d’être recontacté(e) au sujet de ma demande.');
  expect(errorOf(consent)).toBe(leadMessage('fr', 'consent'));
  const alert = host.querySelector('[role=alert]')!;
  expect(alert.textContent).toContain(leadMessage('fr', 'summary'));
  const links = [...alert.querySelectorAll('a')].map((a) => a.getAttribute('href'));
  expect(links).toEqual([`#${byLabel('Prénom').id}`, `#${byLabel('Nom').id}`, `#${email.id}`, `#${consent.id}`]);
  // Each entry reads "label : message", without the label's own final full stop (". :").
  expect([...alert.querySelectorAll('a')].at(-1)!.textContent).toBe(`J’accepte d’être recontacté(e) au sujet de ma demande\u00a0: ${leadMessage('fr', 'consent')}`);
  expect(document.activeElement).toBe(byLabel('Prénom'));
  expect(leads('pas-une-adresse')).toEqual([]);
  // Correcting a flagged field clears its error as the visitor types.
  await type(email, 'claire@acme-industrie.fr');
  await until(() => email.getAttribute('aria-invalid') === null, 'the error to clear');
  expect(errorOf(byLabel('Prénom'))).toBe(leadMessage('fr', 'required'));
});

it('offers the corrected address for a mistyped domain, then thanks the visitor and stores the lead', async () => {
  await mount('fr', 'consent_id_12345');
  await type(byLabel('Prénom'), 'Jean');
  await type(byLabel('Nom'), 'Dupont');
  await type(byLabel('E-mail professionnel'), 'jean@gmial.com');
  await click(byLabel('J’accepte d’être recontacté(e) au sujet de ma demande.'));
  clock.now += 5_000;
  await submit();
  const email = byLabel('E-mail professionnel');
  await until(() => email.getAttribute('aria-invalid') === 'true', 'the typo warning');
  expect(errorOf(email)).toContain(leadMessage('fr', 'emailTypo', { suggestion: 'jean@gmail.com' }));
  const fix = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Utiliser jean@gmail.com')!;
  await click(fix);
  await until(() => byLabel('E-mail professionnel').value === 'jean@gmail.com', 'the fix');
  await submit();
  const done = await until(() => host.querySelector('[role=status][tabindex="-1"]'), 'the thank-you');
  expect(done.textContent).toBe(form.successMessage.fr);
  expect(document.activeElement).toBe(done);
  expect(host.style.minHeight).toMatch(/px$/); // the thank-you keeps the form's room: nothing below moves
  const [lead] = leads('jean@gmail.com');
  // Suspect, not refused: the default form asks for a work address and gmail.com is not one.
  expect(lead).toMatchObject({ quality: 'suspect', first_name: 'Jean', last_name: 'Dupont', consent: 1 });
  expect(leads('jean@gmial.com')).toEqual([]);
});

it('keeps an unusual phone number when the visitor sends it again unchanged', async () => {
  await mount('en');
  await type(byLabel('First name'), 'Ann');
  await type(byLabel('Last name'), 'Lee');
  await type(byLabel('Work e-mail'), 'ann@acme-industrie.fr');
  await type(byLabel('Phone'), '01 23 45');
  await click(byLabel('I agree to be contacted about my request.'));
  clock.now += 5_000;
  await submit();
  const phone = byLabel('Phone');
  await until(() => phone.getAttribute('aria-invalid') === 'true', 'the phone warning');
  expect(errorOf(phone)).toBe(leadMessage('en', 'phone'));
  await submit();
  await until(() => host.querySelector('[role=status][tabindex="-1"]'), 'the thank-you');
  expect(leads('ann@acme-industrie.fr')[0]).toMatchObject({ quality: 'suspect', phone: '01 23 45' });
});

it('sends the visitor to the redirect address after a successful submission', async () => {
  const redirecting = createForm(srv.deps.db, acct.orgId, { ...defaultFormInput(acct.siteId), name: 'Redirect', redirectUrl: 'https://www.acme-widgets.fr/merci' }, clock.now);
  const assigned: string[] = [];
  const real = (globalThis as { location?: unknown }).location;
  // The page's navigation is the browser boundary: record it instead of leaving the page.
  (globalThis as { location?: unknown }).location = { href: window.location.href, assign: (url: string) => assigned.push(url) };
  try {
    render(<LeadForm formId={redirecting.id} origin={srv.url} locale="fr" host={host} />, host);
    await until(() => host.querySelector('form'), 'the form');
    await type(byLabel('Prénom'), 'Rémi');
    await type(byLabel('Nom'), 'Direct');
    await type(byLabel('E-mail professionnel'), 'remi@acme-industrie.fr');
    await click(byLabel('J’accepte d’être recontacté(e) au sujet de ma demande.'));
    clock.now += 5_000;
    await submit();
    await until(() => assigned.length > 0, 'the redirect');
    expect(assigned).toEqual(['https://www.acme-widgets.fr/merci']);
    expect(leads('remi@acme-industrie.fr')).toHaveLength(1);
  } finally {
    (globalThis as { location?: unknown }).location = real;
  }
});
