// @vitest-environment happy-dom
import { render } from 'preact';
import { LocationProvider } from 'preact-iso';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { locale } from '../../i18n';
import type { LeadListReply } from '../../../server/schemas/lead-inbox';
import { LeadInbox } from './LeadInbox';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

/** Answers the inbox's three requests; `inbox` gives the GET /api/leads reply for its query. */
function serve(inbox: (q: URLSearchParams) => LeadListReply) {
  const asked: URLSearchParams[] = [];
  vi.stubGlobal('fetch', vi.fn(async (input: string) => {
    const url = new URL(input, 'http://vigie.test');
    if (url.pathname === '/api/forms') return json({ forms: [] });
    if (url.pathname === '/api/leads/owners') return json({ users: [] });
    asked.push(url.searchParams);
    return json(inbox(url.searchParams));
  }));
  return asked;
}

const section = () => document.querySelector('section[aria-labelledby="leads-count"]');
const text = () => section()?.textContent ?? '';

beforeEach(() => {
  history.replaceState(null, '', '/leads');
});
afterEach(() => {
  render(null, document.body);
  vi.unstubAllGlobals();
});

describe('Leads inbox: empty', () => {
  it('says that every lead was left out as spam, and shows them on request', async () => {
    locale.value = 'fr';
    const asked = serve((q) => (q.get('quality') === 'spam' ? { leads: [], total: 3, spamHidden: 0 } : { leads: [], total: 0, spamHidden: 3 }));
    render(<LocationProvider><LeadInbox /></LocationProvider>, document.body);
    await vi.waitFor(() => expect(text()).toContain('Aucun lead à afficher : 3 leads classés comme spam sont masqués.'));
    expect(text()).not.toContain('Aucun lead ne correspond à ces filtres.');

    const show = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Afficher les leads classés comme spam')!;
    show.click();
    await vi.waitFor(() => expect(asked.at(-1)?.get('quality')).toBe('spam'));
    expect(location.search).toBe('?quality=spam');
    const quality = [...document.querySelectorAll('label')].find((l) => l.firstChild?.textContent === 'Qualité')?.querySelector('select');
    await vi.waitFor(() => expect(quality?.value).toBe('spam'));
  });

  it('names a single hidden lead in the singular, in English too', async () => {
    locale.value = 'en';
    serve(() => ({ leads: [], total: 0, spamHidden: 1 }));
    render(<LocationProvider><LeadInbox /></LocationProvider>, document.body);
    await vi.waitFor(() => expect(text()).toContain('No lead to show: 1 lead marked as spam is hidden.'));
    expect([...document.querySelectorAll('button')].map((b) => b.textContent)).toContain('Show the leads marked as spam');
  });

  it('keeps the plain message when no lead was left out as spam', async () => {
    locale.value = 'fr';
    serve(() => ({ leads: [], total: 0, spamHidden: 0 }));
    render(<LocationProvider><LeadInbox /></LocationProvider>, document.body);
    await vi.waitFor(() => expect(text()).toContain('Aucun lead ne correspond à ces filtres.'));
    expect(text()).not.toContain('spam');
    expect(document.querySelectorAll('section button')).toHaveLength(0);
  });
});
