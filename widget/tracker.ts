/**
 * Vigie tracker, served at /t.js and built into one IIFE (vite trackerConfig).
 *
 *   <script defer src="https://HOST/t.js" data-site="SITE_KEY"></script>
 *
 * data-site             site key (required)
 * data-api              collector URL (default: origin of this script + /api/collect)
 * data-hash             count hash changes as navigations (#/route apps)
 * data-allow-localhost  also track localhost, 127.0.0.1, [::1] and file: pages
 * data-debug            console.warn the failures (silent otherwise)
 * Boolean options are on when the attribute is present, as in HTML.
 *
 * Public API: vigie('event', name, props), vigie('consent', true|false). Calls made before the
 * script loaded, through the stub `window.vigie = window.vigie || function(){(vigie.q=vigie.q||[]).push(arguments)}`,
 * are replayed.
 *
 * For the lead-form bundle (/form.js, injected only when the page holds [data-vigie-form]) the
 * tracker publishes `window.__vigie = { site, api, track, cid() }`:
 *   api     the collector URL in use (data-api or the default), so the form can reach the same server
 *   track   false when Do-Not-Track / GPC / localhost rules keep the tracker silent
 *   cid()   the consent id, or undefined (no consent, or tracking off)
 * The form still loads when tracking is off: it is the site's content, not tracking.
 * form.js can find its own origin from its document.currentScript.
 *
 * Pageviews: the first at once; a SPA navigation (history call, back button, hash change with
 * data-hash) 300 ms later, with the title the app has set by then. A page carrying the snippet
 * twice counts once: the second copy does nothing.
 *
 * Rules: never throw into the host page, never block rendering, no cookie, no storage unless
 * vigie('consent', true). Every request is text/plain so no CORS preflight is needed.
 */
import type { CollectPayload } from '../server/schemas/collect';

type Extra = Omit<CollectPayload, 'site' | 'cid' | 'type' | 'url'>;
type Command = [command?: unknown, arg?: unknown, props?: unknown];
type Stub = ((...args: Command) => void) & { q?: Command[] };
type VigieWindow = Window & { vigie?: Stub; __vigie?: unknown; doNotTrack?: string };
type VigieNavigator = Navigator & { globalPrivacyControl?: boolean };

// Size (this file is on every page of every customer site; widget/size.test.ts holds its gzip
// budget): the minifier renames local variables but never globals or property names, so globals
// used more than once are read once into locals here.
const win = window as VigieWindow;
const doc = document;
const nav = navigator as VigieNavigator;
const loc = location;
const ID_KEY = 'vigie_id';

let debug: boolean | undefined;
/** Swallows any failure; with data-debug it is reported, never rethrown. */
const warn = (error: unknown) => {
  if (debug) console.warn('[vigie]', error);
};
/**
 * Guards an entry point (listener, history hook, public API) so that nothing reaches the host
 * page. Three fixed parameters rather than ...rest: enough for every caller, without spread code.
 */
const safe =
  <A, B, C>(fn: (a?: A, b?: B, c?: C) => void) =>
  (a?: A, b?: B, c?: C) => {
    try {
      fn(a, b, c);
    } catch (error) {
      warn(error);
    }
  };

// Set-up runs in one try: a failure here (no data-site, no currentScript) is warned and stops it.
try {
  const script = doc.currentScript as HTMLScriptElement;
  const data = script.dataset;
  const site = data.site;
  debug = 'debug' in data;
  if (!site) throw 'no data-site';
  // A page carrying the snippet twice (its template and a tag manager) would count everything
  // twice: the copy that finds another one set up does nothing. window.vigie stays the first's.
  if (win.__vigie) throw 'loaded twice';
  const origin = new URL(script.src).origin;
  const api = data.api || origin + '/api/collect';
  const hashMode = 'hash' in data;

  // window.doNotTrack is where older Safari and Edge kept it. IE's msDoNotTrack is left out: IE
  // cannot parse this ES2017 bundle anyway. Hostnames come normalised from the URL parser, so
  // 127.[digits and dots] is exactly 127.x.x.x. The empty host is a file: page; a file://server/
  // page gets through, and the collector refuses its URL anyway (http and https only).
  const track =
    nav.doNotTrack != '1' &&
    win.doNotTrack != '1' &&
    !nav.globalPrivacyControl &&
    (!/^(localhost|127\.[\d.]+|\[::1\]|)$/.test(loc.hostname) || 'allowLocalhost' in data);

  // The consent id exists only if the visitor consented earlier; reading it stores nothing.
  let cid: string | undefined;
  try {
    const stored = track && localStorage.getItem(ID_KEY);
    if (stored && /^[\w-]{8,64}$/.test(stored)) cid = stored;
  } catch {
    // storage blocked (sandboxed frame, strict privacy settings): run without the id
  }

  let lastUrl: string | undefined; // URL of the last pageview: events and engagement belong to it
  let pending: ReturnType<typeof setTimeout> | 0 | undefined; // the timer of a SPA pageview not sent yet

  /**
   * The one gate: nothing leaves the page when tracking is off. Both channels get a string body,
   * which every browser sends as text/plain;charset=UTF-8: CORS-safelisted, so no preflight, with
   * no Blob or header to spell out.
   */
  const send = (type: CollectPayload['type'], extra: Extra) => {
    if (track) {
      // Object.assign, not spread: the es2017 target would inline a large helper for spread.
      const body = JSON.stringify(Object.assign({ site, cid, type, url: lastUrl }, extra));
      try {
        // Engagement leaves as the page goes away: sendBeacon survives unloading. It returns false
        // when it cannot queue the data, and throws where it is missing: fetch keepalive then.
        if (type == 'engagement' && nav.sendBeacon(api, body)) return;
      } catch {
        // no sendBeacon: fetch below
      }
      fetch(api, { method: 'POST', body, keepalive: true, credentials: 'omit' }).catch(warn);
    }
  };

  // Engagement: visible time since the last ping. Every hide sends it, so nothing accumulates.
  // (Over 24 h in one stretch the collector refuses it: a screen left on, not engagement.)
  let visibleSince: number | undefined; // unset or 0 = not counting; started with the first pageview
  const flushEngagement = safe((pause?: unknown) => {
    const hiding = pause || doc.hidden;
    // A hidden page may never be shown again: a SPA pageview still waiting is sent first (lost
    // otherwise), and the time since its navigation goes to it. (A navigation made while hidden
    // is thus counted at once.)
    if (hiding) pageview();
    const now = Date.now();
    const ms = visibleSince && now - visibleSince;
    visibleSince = hiding ? 0 : now;
    if (ms) send('engagement', { engagedMs: ms });
  });

  let formScript: HTMLScriptElement | undefined;
  /**
   * Counts the page once per URL, reading URL and title when it sends, and loads form.js the
   * first time a page places a form. `later` (a navigation: history call, popstate, hashchange,
   * load) waits SPA_DELAY_MS before counting a new URL. On load the URL is normally counted
   * already; it runs for the form check (a tag without defer ran before the body was parsed).
   */
  const pageview = safe((later?: unknown) => {
    // Routers change the URL first and set document.title after it (in an effect, a later task),
    // and on the back button this listener runs before the app's: read at once, the title would
    // be the previous page's. Umami waits as long for the same reason.
    const SPA_DELAY_MS = 300;
    if (!formScript && doc.querySelector('[data-vigie-form]')) {
      (formScript = doc.head.appendChild(doc.createElement('script'))).src = origin + '/form.js';
    }
    // Without data-hash the #fragment is not part of the page. The URL is capped here (the
    // collector refuses a longer one, and it also keys the dedup).
    const url = (hashMode ? loc.href : loc.href.split('#')[0]!).slice(0, 2048);
    if (!later) {
      clearTimeout(pending); // counted now (timer, hidden page, first pageview): nothing waits any more
      pending = 0;
    }
    if (url == lastUrl) return;
    if (later) {
      // The visible time so far belongs to the page being left: sent now, once, so that the time
      // from here goes to the new page. A newer navigation within the delay replaces the waiting
      // one (a page passed through is not counted); hiding the page sends it at once.
      if (!pending) flushEngagement();
      clearTimeout(pending);
      pending = setTimeout(pageview, SPA_DELAY_MS);
      return;
    }
    // SPA navigations come from the previous page, the first pageview from document.referrer.
    // Title (512 characters) and referrer (2,048) are capped here although the collector cuts
    // them too: uncut, a 9,000 character title made the body exceed the collector's 8 KB limit
    // (413, pageview lost). The referrer is a serialised URL, ASCII. The title is cut after 512
    // code points, never inside a surrogate pair (the collector refuses half of one); a title of
    // emoji is cut further by the collector, to 512 UTF-16 units. With the URL, at most ~6 KB.
    const referrer = (lastUrl || doc.referrer).slice(0, 2048);
    lastUrl = url;
    send('pageview', {
      referrer: referrer || null,
      title: [...doc.title].slice(0, 512).join(''),
      screen: screen.width,
      lang: nav.language,
    });
  });

  const vigie: Stub = safe((command, arg, props) => {
    if (command == 'event') {
      pageview(); // an event belongs to the page it happens on: a SPA pageview still waiting goes first
      send('event', { name: arg as string, props: props as Extra['props'] });
    }
    // Consent given: keep the id, or make one; withdrawn: forget it. Tracking off: store nothing.
    if (command == 'consent' && (arg !== true || track)) {
      // 96 random bits as three decimal numbers joined by _ ("3141592653_271828182_1618033988"):
      // 5 to 32 characters, below 8 (what the collector accepts) only when all three are under
      // about 100, a chance of 1 in 10^23. (Half the code of the base64 spelling.)
      const id = arg === true ? cid || crypto.getRandomValues(new Uint32Array(3)).join('_') : undefined;
      localStorage[id ? 'setItem' : 'removeItem'](ID_KEY, id!);
      cid = id; // only once stored: an id that dies with the page would split one visitor into many
    }
  });

  // SPA navigations: the browser changes the URL first, then we look at it.
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History) {
      original.apply(this, arguments as never);
      pageview(1); // later: a navigation
    };
  }
  // Their event object makes `later` true.
  for (const type of ['popstate', 'hashchange', 'load']) addEventListener(type, pageview);
  // One handler for both directions: hiding sends the visible time, showing restarts the count.
  doc.addEventListener('visibilitychange', () => flushEngagement());
  // pagehide comes before the tab is hidden: its event (truthy) pauses the count, or the
  // visibilitychange after it would send a stray ping.
  addEventListener('pagehide', flushEngagement);

  win.__vigie = { site, cid: () => cid, api, track };

  // Replay the queue: consent first so the first pageview already carries the id, events after it.
  const queued = (win.vigie && win.vigie.q) || [];
  win.vigie = vigie;
  for (const args of queued) if (args[0] != 'event') vigie(...args);
  flushEngagement(); // nothing to send yet: starts the count, unless the page loads hidden
  pageview();
  for (const args of queued) if (args[0] == 'event') vigie(...args);
} catch (error) {
  warn(error);
}
