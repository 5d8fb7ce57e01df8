import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { dashboardContext, watchPageErrors } from './dashboard.js';
import { startDashboardWorld, useWorld } from './world.js';

// The built tracker (dist/t.js, served by the real server) on customer pages that the test serves
// under the server's origin, in Chromium; what counts is what the collector stored in SQLite.

const w = useWorld(() => startDashboardWorld({ domains: ['127.0.0.1'] }), 180_000);

type Sent = { type?: string; url?: string; name?: string };
const payloadOf = (r: Request): Sent => {
  try {
    return JSON.parse(r.postData() ?? '') as Sent;
  } catch {
    return {};
  }
};
const isCollect = (r: Request) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/collect';

/** A customer's page at /<prefix>… (any path under it), the tracker tag first, then the app. */
async function customerSite(context: BrowserContext, prefix: string, html: (siteKey: string) => string): Promise<void> {
  await context.route(
    (url) => url.pathname.startsWith(`/${prefix}`),
    (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html(w.acct.siteKey) }),
  );
}

/**
 * Every request the page makes to the collector, to wait for one or for all: the collector answers
 * 202 once the hit is committed to SQLite, so after the answers the rows are there to read.
 */
function watchCollect(page: Page) {
  const answers: Promise<unknown>[] = [];
  page.on('request', (r) => {
    if (isCollect(r)) answers.push(r.response());
  });
  return {
    /** The answer to the next request matching `test`: a pageview of `path`, an event named… */
    next: async (test: (sent: Sent) => boolean) => (await page.waitForRequest((r) => isCollect(r) && test(payloadOf(r)))).response(),
    all: () => Promise.all(answers),
  };
}
const pageviewOf = (path: string) => (p: Sent) => p.type === 'pageview' && !!p.url && new URL(p.url).pathname === path;

/**
 * What the collector stored of one type for pages under `prefix`, oldest first. Asked type by type:
 * an engagement ping (sendBeacon) and a pageview (fetch) sent close together may arrive in either order.
 */
const stored = (type: 'pageview' | 'engagement' | 'event', prefix: string) =>
  w.srv.deps.db
    .prepare('SELECT path, title, name FROM events WHERE site_id = ? AND type = ? AND path LIKE ? ORDER BY id')
    .all(w.acct.siteId, type, `/${prefix}%`) as { path: string; title: string | null; name: string | null }[];

// A small single-page app as routers write them: the URL changes first, the title a task later.
const APP = `
  var titles = { '/shop': 'Accueil — Boutique', '/shop/tarifs': 'Tarifs — Boutique' };
  function render() {
    setTimeout(function () {
      document.title = titles[location.pathname];
      document.querySelector('h1').textContent = titles[location.pathname].split(' — ')[0];
    }, 0);
  }
  document.querySelector('nav').addEventListener('click', function (e) {
    e.preventDefault();
    history.pushState({}, '', e.target.getAttribute('href'));
    render();
  });
  addEventListener('popstate', render);`;

describe('tracker on a single-page site (Chromium)', () => {
  it('stores each SPA pageview with the title the app set after changing the URL, back button included', async () => {
    const context = await dashboardContext(w.browser, 'fr', 1280, { asPerson: true });
    await customerSite(context, 'shop', (key) => `<!doctype html><html lang="fr"><head><meta charset="utf-8">
      <title>Accueil — Boutique</title><script src="/t.js" data-site="${key}" data-allow-localhost></script></head>
      <body><nav><a href="/shop/tarifs">Tarifs</a></nav><h1>Accueil</h1><script>${APP}</script></body></html>`);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    const collect = watchCollect(page);

    let counted = collect.next(pageviewOf('/shop'));
    await page.goto(`${w.srv.url}/shop`);
    await counted;
    counted = collect.next(pageviewOf('/shop/tarifs'));
    await page.getByRole('link', { name: 'Tarifs' }).click();
    await page.getByRole('heading', { name: 'Tarifs' }).waitFor();
    await counted;
    counted = collect.next(pageviewOf('/shop'));
    await page.goBack();
    await page.getByRole('heading', { name: 'Accueil' }).waitFor();
    await counted;
    await collect.all();

    expect(stored('pageview', 'shop').map((e) => [e.path, e.title])).toEqual([
      ['/shop', 'Accueil — Boutique'],
      ['/shop/tarifs', 'Tarifs — Boutique'],
      ['/shop', 'Accueil — Boutique'],
    ]);
    // Each navigation also sent the visible time of the page being left.
    expect(stored('engagement', 'shop').map((e) => e.path)).toEqual(['/shop', '/shop/tarifs']);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("stores the demo page's navigations, whose script sets the title before pushState, with their titles", async () => {
    const context = await dashboardContext(w.browser, 'fr', 1280, { asPerson: true });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    const collect = watchCollect(page);
    // A visitor looks at each page: a page left within the tracker's wait would not be counted.
    for (const [path, link] of [['/demo', null], ['/demo/pricing', 'Tarifs'], ['/demo/contact', 'Contact']] as const) {
      const counted = collect.next(pageviewOf(path));
      if (link) await page.getByRole('navigation').getByRole('link', { name: link }).click();
      else await page.goto(`${w.srv.url}/demo`);
      await counted;
    }
    await collect.all();
    expect(stored('pageview', 'demo').map((e) => [e.path, e.title])).toEqual([
      ['/demo', 'Vigie demo — Acme Widgets'], // the first pageview goes at once, with the page's own title
      ['/demo/pricing', 'Tarifs — Acme Widgets'],
      ['/demo/contact', 'Contact — Acme Widgets'],
    ]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('stores each pageview and event once when the page carries the snippet twice (template and tag manager)', async () => {
    const context = await dashboardContext(w.browser, 'fr', 1280, { asPerson: true });
    await customerSite(context, 'twice', (key) => `<!doctype html><html lang="fr"><head><meta charset="utf-8">
      <title>Deux fois</title><script src="/t.js" data-site="${key}" data-allow-localhost></script></head>
      <body><nav><a href="/twice/suite">Suite</a></nav><h1>Deux fois</h1><script>
        // The tag manager adds the same snippet again.
        var tag = document.createElement('script');
        tag.src = '/t.js';
        tag.setAttribute('data-site', '${key}');
        tag.setAttribute('data-allow-localhost', '');
        document.head.appendChild(tag);
        document.querySelector('nav').addEventListener('click', function (e) {
          e.preventDefault();
          history.pushState({}, '', e.target.getAttribute('href'));
        });
      </script></body></html>`);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    const collect = watchCollect(page);

    let counted = collect.next(pageviewOf('/twice'));
    await page.goto(`${w.srv.url}/twice`); // waits for load: both copies have run
    await counted;
    counted = collect.next(pageviewOf('/twice/suite'));
    await page.getByRole('link', { name: 'Suite' }).click();
    await counted;
    // The site's own call through window.vigie, last: once it is answered, every earlier request was sent.
    counted = collect.next((p) => p.type === 'event' && p.name === 'cta_click');
    await page.evaluate(() => (window as unknown as { vigie: (...a: unknown[]) => void }).vigie('event', 'cta_click'));
    await counted;
    await collect.all();

    expect(stored('pageview', 'twice').map((e) => e.path)).toEqual(['/twice', '/twice/suite']);
    expect(stored('engagement', 'twice').map((e) => e.path)).toEqual(['/twice']);
    expect(stored('event', 'twice').map((e) => [e.path, e.name])).toEqual([['/twice/suite', 'cta_click']]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('stores the pageview of a page whose title is 9,000 characters long, its title cut to 512', async () => {
    const title = 'Catalogue complet des pièces détachées '.repeat(240).trim(); // 9,359 characters
    const context = await dashboardContext(w.browser, 'fr', 1280, { asPerson: true });
    await customerSite(context, 'long', (key) => `<!doctype html><html lang="fr"><head><meta charset="utf-8">
      <title>${title}</title><script src="/t.js" data-site="${key}" data-allow-localhost></script></head>
      <body><h1>Catalogue</h1></body></html>`);
    const page = await context.newPage();
    const collect = watchCollect(page);
    const counted = collect.next(pageviewOf('/long'));
    await page.goto(`${w.srv.url}/long`);
    expect((await counted)?.status()).toBe(202);
    expect(stored('pageview', 'long').map((e) => e.title)).toEqual([title.slice(0, 512)]);
    await context.close();
  }, 60_000);
});
