// Each test opens its own happy-dom Window (widget/tracker/test-page.ts) and loads the built
// t.js through a real <script src data-*> tag: the code under test is the shipped bundle, and no
// test sees another's history wrappers or listeners. The file itself runs in the node environment:
// the happy-dom test environment would replace the global URL, which vite's build (run in
// beforeAll) needs. The page's setTimeout runs on vitest's fake timers (see `open`), so a test
// moves time on with `wait` instead of sleeping.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zCollectPayload } from '../server/schemas/collect';
import { findUnsafeJson } from '../server/http/json-guard';
import { buildWidgets } from '../scripts/bundle-size';
import { DEFAULT_URL, SCRIPT_ORIGIN, openTrackerPage, type PageOptions, type TrackerPage } from './tracker/test-page';

const STUB = 'window.vigie = window.vigie || function(){(vigie.q=vigie.q||[]).push(arguments)};';
const PAGE = 'https://www.acme.fr/pricing?utm_source=newsletter'; // DEFAULT_URL without its #hash
const COLLECT = `${SCRIPT_ORIGIN}/api/collect`;
/** How long the tracker waits before counting a SPA navigation (SPA_DELAY_MS in tracker.ts). */
const SPA_DELAY_MS = 300;

let distDir: string;
const pages: TrackerPage[] = [];

beforeAll(async () => {
  distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-tracker-'));
  await buildWidgets(distDir);
});
afterAll(() => fs.rmSync(distDir, { recursive: true, force: true }));
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(pages.splice(0).map((p) => p.close()));
});

function open(options: PageOptions = {}): TrackerPage {
  const page = openTrackerPage(distDir, options);
  // The page's timers are vitest's fake ones, looked up at each call (the tracker only needs
  // timers after it loaded, so the swap can come after the script ran).
  Object.assign(page.window, {
    setTimeout: (fn: () => void, ms?: number) => setTimeout(fn, ms),
    clearTimeout: (id?: ReturnType<typeof setTimeout>) => clearTimeout(id),
  });
  pages.push(page);
  return page;
}
/** Lets `ms` pass on the page: its clock (Date.now) and its timers. */
const wait = (page: TrackerPage, ms: number) => {
  page.advance(ms);
  vi.advanceTimersByTime(ms);
};
const payloads = async (page: TrackerPage) => (await page.hits()).map((h) => h.payload);
const pageviews = async (page: TrackerPage) => (await payloads(page)).filter((p) => p.type === 'pageview');
/** Calls the page's window.vigie as the site's own code would. */
const vigie = (page: TrackerPage, ...args: unknown[]) =>
  (page.window as unknown as { vigie: (...a: unknown[]) => void }).vigie(...args);

describe('pageviews', () => {
  it('sends a pageview on load with the collect payload fields, as text/plain fetch keepalive', async () => {
    const page = open({ referrer: 'https://www.google.fr/', title: 'Pricing — Acme' });
    const [hit, ...rest] = await page.hits();
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ via: 'fetch', url: COLLECT });
    expect(hit!.payload).toEqual({
      site: 'site_acme',
      type: 'pageview',
      url: PAGE,
      referrer: 'https://www.google.fr/',
      title: 'Pricing — Acme',
      screen: page.window.screen.width,
      lang: page.window.navigator.language,
    });
    expect(zCollectPayload.safeParse(hit!.payload).success).toBe(true);
    expect(hit!.init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'omit' });
    // What a browser would put on the wire: a CORS-safelisted text/plain body, no custom header.
    const request = new Request(hit!.url, hit!.init);
    expect(request.headers.get('content-type')).toMatch(/^text\/plain/);
    expect([...request.headers.keys()]).toEqual(['content-type']);
  });

  it('sends to data-api when it is set', async () => {
    const page = open({ data: { site: 'site_acme', api: 'https://stats.acme.fr/collect' } });
    expect((await page.hits()).map((h) => h.url)).toEqual(['https://stats.acme.fr/collect']);
  });

  it('sends nothing and does not throw without data-site', async () => {
    const page = open({ data: { debug: true } });
    expect(await page.hits()).toEqual([]);
    expect(page.consoleText()).toContain('data-site');
  });

  it('caps a 9,000 character title to 512 characters, so the body stays under the 8 KB limit', async () => {
    const page = open({ title: 'é'.repeat(9000) });
    const [hit] = await page.hits();
    expect(hit!.payload.title).toBe('é'.repeat(512));
    expect(Buffer.byteLength(String(hit!.init!.body))).toBeLessThan(8192);
    expect(zCollectPayload.parse(hit!.payload).title).toBe('é'.repeat(512));
  });

  it('never cuts a title inside a surrogate pair (the collector refuses half of one)', async () => {
    const title = `a${'😀'.repeat(600)}`; // the 512th UTF-16 unit is the first half of an emoji
    const page = open({ title });
    const [view] = await pageviews(page);
    const sent = String(view!.title);
    expect([...sent]).toHaveLength(512);
    expect(title.startsWith(sent)).toBe(true);
    expect(findUnsafeJson(view)).toBeNull();
    const stored = zCollectPayload.parse(view).title!;
    expect(stored.length).toBeLessThanOrEqual(512);
    expect(findUnsafeJson(stored)).toBeNull();
  });

  it('caps a referrer longer than 2,048 characters', async () => {
    const referrer = `https://www.google.fr/search?q=${'x'.repeat(5000)}`;
    const page = open({ referrer });
    const [view] = await pageviews(page);
    expect(view!.referrer).toBe(referrer.slice(0, 2048));
  });

  it('caps a URL longer than the collector accepts instead of losing the pageview', async () => {
    const page = open({ url: `https://www.acme.fr/?q=${'x'.repeat(3000)}` });
    const [view] = await pageviews(page);
    expect(String(view!.url)).toHaveLength(2048);
    expect(zCollectPayload.safeParse(view).success).toBe(true);
  });
});

describe('single-page navigation', () => {
  it('counts a pushState once per URL, with the previous URL as referrer', async () => {
    const page = open({ referrer: 'https://www.google.fr/' });
    page.window.history.pushState({}, '', '/contact');
    wait(page, SPA_DELAY_MS);
    page.window.history.pushState({ again: true }, '', '/contact');
    wait(page, SPA_DELAY_MS);
    const views = await pageviews(page);
    expect(views.map((v) => v.url)).toEqual([PAGE, 'https://www.acme.fr/contact']);
    expect(views[1]!.referrer).toBe(PAGE);
  });

  it('counts replaceState to a new URL, not a replaceState that only changes state', async () => {
    const page = open();
    page.window.history.replaceState({ scroll: 10 }, '');
    wait(page, SPA_DELAY_MS);
    page.window.history.replaceState({}, '', '/pricing/enterprise');
    wait(page, SPA_DELAY_MS);
    expect((await pageviews(page)).map((v) => v.url)).toEqual([PAGE, 'https://www.acme.fr/pricing/enterprise']);
  });

  it('counts the back button (popstate)', async () => {
    const page = open();
    page.window.history.pushState({}, '', '/contact');
    wait(page, SPA_DELAY_MS);
    page.window.history.back();
    await page.window.happyDOM.waitUntilComplete();
    expect(page.window.location.href).toBe(DEFAULT_URL);
    wait(page, SPA_DELAY_MS);
    const views = await pageviews(page);
    expect(views.map((v) => v.url)).toEqual([PAGE, 'https://www.acme.fr/contact', PAGE]);
    expect(views[2]!.referrer).toBe('https://www.acme.fr/contact');
  });

  it('ignores hash changes without data-hash', async () => {
    const page = open();
    page.window.location.hash = '#faq';
    page.window.history.pushState({}, '', '#team');
    await page.window.happyDOM.waitUntilComplete();
    expect((await pageviews(page)).map((v) => v.url)).toEqual([PAGE]);
  });

  it('counts hash changes with data-hash, once each', async () => {
    const page = open({ data: { site: 'site_acme', hash: true } });
    page.window.location.hash = '#faq';
    await page.window.happyDOM.waitUntilComplete();
    wait(page, SPA_DELAY_MS);
    page.window.history.pushState({}, '', '#faq');
    wait(page, SPA_DELAY_MS);
    expect((await pageviews(page)).map((v) => v.url)).toEqual([DEFAULT_URL, `${PAGE}#faq`]);
  });

  it('counts a navigation 300 ms later, with the title the app set after pushState', async () => {
    const page = open();
    page.window.history.pushState({}, '', '/contact');
    page.window.document.title = 'Contact — Acme'; // routers set the title after the URL
    wait(page, SPA_DELAY_MS - 1);
    expect(await pageviews(page)).toHaveLength(1);
    wait(page, 1);
    expect((await pageviews(page)).map((v) => [v.url, v.title])).toEqual([
      [PAGE, 'Pricing — Acme'],
      ['https://www.acme.fr/contact', 'Contact — Acme'],
    ]);
  });

  it("reads the title on the back button after the app's popstate listener set it", async () => {
    const page = open();
    page.window.history.pushState({}, '', '/contact');
    page.window.document.title = 'Contact — Acme';
    wait(page, SPA_DELAY_MS);
    // The app's listener comes after the tracker's, and sets the title in a later task.
    page.window.addEventListener('popstate', () =>
      page.window.setTimeout(() => (page.window.document.title = 'Pricing — Acme'), 20),
    );
    page.window.history.back();
    await page.window.happyDOM.waitUntilComplete();
    wait(page, SPA_DELAY_MS);
    expect((await pageviews(page)).map((v) => v.title)).toEqual(['Pricing — Acme', 'Contact — Acme', 'Pricing — Acme']);
  });

  it('skips a page passed through within the delay, and waits again for the newer one', async () => {
    const page = open();
    page.window.history.pushState({}, '', '/login');
    wait(page, 100);
    page.window.history.replaceState({}, '', '/dashboard'); // a redirect
    page.window.document.title = 'Dashboard';
    wait(page, SPA_DELAY_MS - 1);
    expect(await pageviews(page)).toHaveLength(1);
    wait(page, 1);
    const views = await pageviews(page);
    expect(views.map((v) => [v.url, v.referrer, v.title])).toEqual([
      [PAGE, null, 'Pricing — Acme'],
      ['https://www.acme.fr/dashboard', PAGE, 'Dashboard'],
    ]);
  });

  it('counts nothing when the app comes back to the counted URL within the delay', async () => {
    const page = open();
    page.window.history.pushState({}, '', '/contact');
    page.window.history.replaceState({}, '', '/pricing?utm_source=newsletter');
    wait(page, 10 * SPA_DELAY_MS);
    expect((await pageviews(page)).map((v) => v.url)).toEqual([PAGE]);
  });

  it.each([
    ['the tab is hidden', (page: TrackerPage) => page.setHidden(true)],
    ['the page is left (pagehide)', (page: TrackerPage) => page.window.dispatchEvent(new page.window.Event('pagehide'))],
  ])('sends a waiting pageview at once when %s, and only once', async (_name, leave) => {
    const page = open();
    page.window.history.pushState({}, '', '/contact');
    page.window.document.title = 'Contact — Acme';
    wait(page, 50);
    leave(page);
    expect((await pageviews(page)).map((v) => [v.url, v.title])).toEqual([
      [PAGE, 'Pricing — Acme'],
      ['https://www.acme.fr/contact', 'Contact — Acme'],
    ]);
    wait(page, 10 * SPA_DELAY_MS);
    expect(await pageviews(page)).toHaveLength(2);
    // The 50 ms since the navigation were spent on the new page.
    const engagement = (await payloads(page)).filter((p) => p.type === 'engagement');
    expect(engagement.at(-1)).toMatchObject({ url: 'https://www.acme.fr/contact', engagedMs: 50 });
  });

  it("keeps the host page's history calls working", async () => {
    const page = open();
    page.window.history.pushState({ n: 1 }, '', '/a');
    expect(page.window.location.pathname).toBe('/a');
    expect(page.window.history.state).toEqual({ n: 1 });
  });
});

describe('privacy', () => {
  const gates: [string, PageOptions['before']][] = [
    ['navigator.doNotTrack is 1', (w) => Object.defineProperty(w.navigator, 'doNotTrack', { value: '1' })],
    ['window.doNotTrack is 1', (w) => Object.defineProperty(w, 'doNotTrack', { value: '1' })],
    ['Global Privacy Control is on', (w) => Object.defineProperty(w.navigator, 'globalPrivacyControl', { value: true })],
  ];
  it.each(gates)('sends nothing at all when %s', async (_name, before) => {
    const page = open({ before, inline: `${STUB} vigie('event', 'early')` });
    page.window.history.pushState({}, '', '/contact');
    vigie(page, 'event', 'signup', { plan: 'pro' });
    vigie(page, 'consent', true);
    page.advance(5000);
    page.setHidden(true);
    page.window.dispatchEvent(new page.window.Event('pagehide'));
    expect(await page.hits()).toEqual([]);
    expect(page.window.localStorage.length).toBe(0);
  });

  it('still tracks when doNotTrack is 0 or unspecified and GPC is false', async () => {
    const page = open({
      before: (w) => {
        Object.defineProperty(w.navigator, 'doNotTrack', { value: '0' });
        Object.defineProperty(w.navigator, 'globalPrivacyControl', { value: false });
      },
    });
    expect(await pageviews(page)).toHaveLength(1);
  });

  it.each(['http://localhost:3000/', 'http://127.0.0.1:8080/demo', 'http://[::1]/', 'file:///home/me/site/index.html'])(
    'ignores %s',
    async (url) => {
      const page = open({ url });
      vigie(page, 'event', 'signup');
      expect(await page.hits()).toEqual([]);
    },
  );

  it('tracks localhost with data-allow-localhost', async () => {
    const page = open({ url: 'http://localhost:3000/demo', data: { site: 'site_acme', 'allow-localhost': true } });
    expect((await pageviews(page)).map((v) => v.url)).toEqual(['http://localhost:3000/demo']);
  });

  it('writes no cookie and no storage without consent', async () => {
    const page = open();
    page.window.history.pushState({}, '', '/contact');
    vigie(page, 'event', 'signup', { plan: 'pro' });
    page.setHidden(true);
    expect(page.window.document.cookie).toBe('');
    expect(page.window.localStorage.length).toBe(0);
    expect(page.window.sessionStorage.length).toBe(0);
    expect((await payloads(page)).every((p) => !('cid' in p))).toBe(true);
  });
});

describe('consent mode', () => {
  it("vigie('consent', true) stores a random first-party id and sends it as cid from then on", async () => {
    const page = open();
    vigie(page, 'consent', true);
    const id = page.window.localStorage.getItem('vigie_id');
    expect(id).toMatch(/^[A-Za-z0-9_-]{16,32}$/);
    page.window.history.pushState({}, '', '/contact');
    vigie(page, 'event', 'signup');
    const [first, ...after] = await payloads(page);
    expect(first).not.toHaveProperty('cid');
    expect(after.map((p) => p.cid)).toEqual([id, id]);
    expect(after.every((p) => zCollectPayload.safeParse(p).success)).toBe(true);
  });

  it('gives two visitors two different ids', () => {
    const ids = [open(), open()].map((page) => {
      vigie(page, 'consent', true);
      return page.window.localStorage.getItem('vigie_id');
    });
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('uses an id stored by an earlier consent from the first pageview on, and keeps it on consent again', async () => {
    const id = 'Abc_def-1234567890xyz_AB';
    const page = open({ before: (w) => w.localStorage.setItem('vigie_id', id) });
    vigie(page, 'consent', true);
    expect(page.window.localStorage.getItem('vigie_id')).toBe(id);
    expect((await payloads(page))[0]!.cid).toBe(id);
  });

  it('ignores a stored value that is not a valid id', async () => {
    const page = open({ before: (w) => w.localStorage.setItem('vigie_id', 'bad id!') });
    expect((await payloads(page))[0]).not.toHaveProperty('cid');
  });

  it("vigie('consent', false) removes the id and stops sending cid", async () => {
    const page = open({ before: (w) => w.localStorage.setItem('vigie_id', 'Abc_def-1234567890xyz_AB') });
    vigie(page, 'consent', false);
    expect(page.window.localStorage.getItem('vigie_id')).toBeNull();
    page.window.history.pushState({}, '', '/contact');
    wait(page, SPA_DELAY_MS);
    const sent = await payloads(page);
    expect(sent[0]!.cid).toBe('Abc_def-1234567890xyz_AB');
    expect(sent[1]).toMatchObject({ type: 'pageview', url: 'https://www.acme.fr/contact' });
    expect(sent[1]).not.toHaveProperty('cid');
  });

  it('publishes the context the form bundle needs', () => {
    const page = open();
    const ctx = (page.window as unknown as { __vigie: { site: string; api: string; track: boolean; cid(): unknown } })
      .__vigie;
    expect(ctx).toMatchObject({ site: 'site_acme', api: COLLECT, track: true });
    expect(ctx.cid()).toBeUndefined();
    vigie(page, 'consent', true);
    expect(ctx.cid()).toBe(page.window.localStorage.getItem('vigie_id'));
  });
});

describe('public API', () => {
  it('replays calls queued before load: consent before the first pageview, events after it', async () => {
    const page = open({
      inline: `${STUB} vigie('event', 'signup', { plan: 'pro', seats: 3 }); vigie('consent', true);`,
    });
    const id = page.window.localStorage.getItem('vigie_id');
    expect(await payloads(page)).toEqual([
      expect.objectContaining({ type: 'pageview', url: PAGE, cid: id }),
      { site: 'site_acme', cid: id, type: 'event', url: PAGE, name: 'signup', props: { plan: 'pro', seats: 3 } },
    ]);
    expect((page.window as unknown as { vigie: { q?: unknown } }).vigie.q).toBeUndefined();
  });

  it('sends custom events for the current page', async () => {
    const page = open();
    page.window.history.pushState({}, '', '/contact');
    vigie(page, 'event', 'cta_click', { label: 'Demo' });
    expect((await payloads(page)).at(-1)).toEqual({
      site: 'site_acme',
      type: 'event',
      url: 'https://www.acme.fr/contact',
      name: 'cta_click',
      props: { label: 'Demo' },
    });
  });

  it('sends an event made right after a navigation for the new page, after its pageview', async () => {
    const page = open();
    page.window.history.pushState({}, '', '/thanks');
    vigie(page, 'event', 'signup');
    wait(page, 10 * SPA_DELAY_MS);
    expect((await payloads(page)).map((p) => [p.type, p.url])).toEqual([
      ['pageview', PAGE],
      ['pageview', 'https://www.acme.fr/thanks'],
      ['event', 'https://www.acme.fr/thanks'],
    ]);
  });

  it('ignores unknown commands', async () => {
    const page = open();
    vigie(page, 'nonsense', 1, 2);
    vigie(page);
    expect(await page.hits()).toHaveLength(1);
  });
});

describe('snippet included twice (site template and tag manager)', () => {
  /** Adds a second copy of the tracker tag, loaded and run at once like the first. */
  const addSecondCopy = (page: TrackerPage, data: Record<string, string> = { site: 'site_acme' }) => {
    const tag = page.window.document.createElement('script');
    tag.src = `${SCRIPT_ORIGIN}/t.js`;
    for (const [name, value] of Object.entries(data)) tag.setAttribute(`data-${name}`, value);
    page.window.document.head.appendChild(tag);
  };

  it('counts every pageview, event and engagement once', async () => {
    const page = open({ inline: `${STUB} vigie('event', 'early');` });
    addSecondCopy(page);
    page.advance(1000);
    page.window.history.pushState({}, '', '/contact');
    wait(page, SPA_DELAY_MS);
    vigie(page, 'event', 'signup');
    wait(page, 2000);
    page.setHidden(true);
    expect((await payloads(page)).map((p) => [p.type, p.url, p.name ?? p.engagedMs])).toEqual([
      ['pageview', PAGE, undefined],
      ['event', PAGE, 'early'],
      ['engagement', PAGE, 1000],
      ['pageview', 'https://www.acme.fr/contact', undefined],
      ['event', 'https://www.acme.fr/contact', 'signup'],
      ['engagement', 'https://www.acme.fr/contact', SPA_DELAY_MS + 2000],
    ]);
  });

  it("keeps the first copy's vigie() API, and says why the second did nothing with data-debug", async () => {
    const page = open();
    const api = (page.window as unknown as { vigie: unknown }).vigie;
    addSecondCopy(page, { site: 'site_acme', debug: '' });
    expect((page.window as unknown as { vigie: unknown }).vigie).toBe(api);
    vigie(page, 'consent', true);
    expect(page.window.localStorage.getItem('vigie_id')).toBeTruthy();
    expect(page.consoleText()).toContain('loaded twice');
  });
});

describe('failures stay inside the tracker', () => {
  const breakAll = (w: PageOptions['before'] extends ((w: infer W) => void) | undefined ? W : never) => {
    const boom = () => {
      throw new Error('network down');
    };
    (w as unknown as { fetch: unknown }).fetch = boom;
    Object.defineProperty(w.navigator, 'sendBeacon', { value: boom });
  };

  it('never throws into the page when fetch and sendBeacon throw', async () => {
    const errors: unknown[] = [];
    const page = open({ before: (w) => (breakAll(w), w.addEventListener('error', (e) => errors.push(e))) });
    expect(() => {
      page.window.history.pushState({}, '', '/contact');
      page.window.history.replaceState({}, '', '/contact?x=1');
      vigie(page, 'event', 'signup', { plan: 'pro' });
      vigie(page, 'consent', true);
      page.advance(3000);
      page.setHidden(true);
      page.window.dispatchEvent(new page.window.Event('pagehide'));
    }).not.toThrow();
    expect(page.window.location.pathname).toBe('/contact');
    expect(errors).toEqual([]);
  });

  it('swallows a rejected fetch, and warns only with data-debug', async () => {
    const reject = (w: Parameters<NonNullable<PageOptions['before']>>[0]) => {
      (w as unknown as { fetch: unknown }).fetch = () => Promise.reject(new Error('offline'));
    };
    const quiet = open({ before: reject });
    const loud = open({ before: reject, data: { site: 'site_acme', debug: true } });
    await Promise.all([quiet, loud].map((p) => p.window.happyDOM.waitUntilComplete()));
    await new Promise((resolve) => setImmediate(resolve));
    expect(quiet.consoleText()).toBe('');
    expect(loud.consoleText()).toContain('[vigie]');
    expect(loud.consoleText()).toContain('offline');
  });

  it('keeps tracking without the id when storage is blocked', async () => {
    const page = open({
      before: (w) =>
        Object.defineProperty(w, 'localStorage', {
          get() {
            throw new Error('SecurityError: storage is disabled');
          },
        }),
    });
    expect(() => vigie(page, 'consent', true)).not.toThrow();
    vigie(page, 'event', 'signup');
    expect((await payloads(page)).map((p) => [p.type, p.cid])).toEqual([
      ['pageview', undefined],
      ['event', undefined],
    ]);
  });
});

describe('engagement', () => {
  it('sends the visible time by sendBeacon when the tab is hidden, pausing while hidden', async () => {
    const page = open();
    page.advance(4000);
    page.setHidden(true);
    page.advance(60_000); // hidden: not counted
    page.setHidden(false);
    page.advance(1500);
    page.setHidden(true);
    const beacons = (await page.hits()).filter((h) => h.via === 'beacon');
    expect(beacons.map((b) => b.payload)).toEqual([
      { site: 'site_acme', type: 'engagement', url: PAGE, engagedMs: 4000 },
      { site: 'site_acme', type: 'engagement', url: PAGE, engagedMs: 1500 },
    ]);
    // A string: browsers send it as text/plain;charset=UTF-8, CORS-safelisted like the fetch body.
    expect(beacons.every((b) => b.url === COLLECT && b.beaconData === 'string')).toBe(true);
  });

  it('sends the time of the page being left before each SPA pageview', async () => {
    const page = open();
    page.advance(2500);
    page.window.history.pushState({}, '', '/contact');
    wait(page, 700);
    page.window.history.pushState({}, '', '/contact'); // same URL: no pageview, no engagement
    wait(page, SPA_DELAY_MS);
    page.setHidden(true);
    expect((await payloads(page)).map((p) => [p.type, p.url, p.engagedMs])).toEqual([
      ['pageview', PAGE, undefined],
      ['engagement', PAGE, 2500],
      ['pageview', 'https://www.acme.fr/contact', undefined],
      // The wait before the pageview was spent on the new page: it counts for it.
      ['engagement', 'https://www.acme.fr/contact', 700 + SPA_DELAY_MS],
    ]);
  });

  it('sends on pagehide once, without a stray ping from the visibilitychange that follows', async () => {
    const page = open();
    page.advance(8000);
    page.window.dispatchEvent(new page.window.Event('pagehide'));
    page.advance(5);
    page.setHidden(true);
    const engagement = (await payloads(page)).filter((p) => p.type === 'engagement');
    expect(engagement).toEqual([expect.objectContaining({ engagedMs: 8000 })]);
  });

  it('does not count a page that loads in a background tab until it is shown', async () => {
    const page = open({ hidden: true });
    page.advance(30_000);
    page.setHidden(false);
    page.advance(1200);
    page.setHidden(true);
    const engagement = (await payloads(page)).filter((p) => p.type === 'engagement');
    expect(engagement.map((p) => p.engagedMs)).toEqual([1200]);
  });

  it('falls back to fetch keepalive when sendBeacon refuses', async () => {
    const page = open({ before: (w) => Object.defineProperty(w.navigator, 'sendBeacon', { value: () => false }) });
    page.advance(3000);
    page.setHidden(true);
    const [, hit] = await page.hits();
    expect(hit).toMatchObject({ via: 'fetch', init: { keepalive: true }, payload: { type: 'engagement', engagedMs: 3000 } });
  });
});

describe('lead-form bundle', () => {
  const formTags = (page: TrackerPage) =>
    page.window.document.querySelectorAll(`script[src="${SCRIPT_ORIGIN}/form.js"]`).length;

  it('loads form.js once when the page places a form', () => {
    const page = open({ body: '<div data-vigie-form="contact"></div>' });
    page.window.history.pushState({}, '', '/contact');
    expect(formTags(page)).toBe(1);
  });

  it('loads nothing on a page without a form', () => {
    const page = open();
    page.window.history.pushState({}, '', '/contact');
    expect(formTags(page)).toBe(0);
  });

  it('loads form.js when a form appears with a later SPA navigation', () => {
    const page = open();
    page.window.document.body.innerHTML = '<form data-vigie-form="demo"></form>';
    page.window.history.pushState({}, '', '/demo');
    expect(formTags(page)).toBe(1);
  });

  it('loads the form even when tracking is off: it is content, not tracking', async () => {
    const page = open({
      body: '<div data-vigie-form></div>',
      before: (w) => Object.defineProperty(w.navigator, 'globalPrivacyControl', { value: true }),
    });
    expect(formTags(page)).toBe(1);
    expect(await page.hits()).toEqual([]);
  });
});
