/**
 * Test helper (not shipped): opens a page in a fresh happy-dom window that loads the BUILT
 * tracker (dist t.js, served from a virtual https://vigie.example/ server) through a real
 * <script src data-*> tag, so document.currentScript, script.src and the data-* attributes are
 * what a browser gives. Only the browser boundary is replaced: fetch and navigator.sendBeacon
 * record what would go on the wire, and the page clock (Date.now) and visibility are controlled.
 */
import { Window } from 'happy-dom';

export const SCRIPT_ORIGIN = 'https://vigie.example';
export const DEFAULT_URL = 'https://www.acme.fr/pricing?utm_source=newsletter#plans';

export interface Hit {
  via: 'fetch' | 'beacon';
  url: string;
  payload: Record<string, unknown>;
  /** fetch's init (fetch only). */
  init?: RequestInit;
  /** What sendBeacon was given (beacon only): 'string', or the Blob's type. */
  beaconData?: string;
}

export interface PageOptions {
  url?: string;
  title?: string;
  referrer?: string;
  body?: string;
  /** data-* attributes of the tracker tag, without the data- prefix; true = present, no value. */
  data?: Record<string, string | true>;
  /** Inline script run before the tracker tag (the snippet's queue stub and early calls). */
  inline?: string;
  /** Runs before the tracker loads: set privacy flags, break fetch, pre-fill storage… */
  before?: (window: Window) => void;
  hidden?: boolean;
}

export interface TrackerPage {
  window: Window;
  /** Everything sent so far, decoded (a Blob given to sendBeacon is read asynchronously). */
  hits(): Promise<Hit[]>;
  /** Moves the page clock forward. */
  advance(ms: number): void;
  /** Sets document.hidden / visibilityState and dispatches visibilitychange. */
  setHidden(hidden: boolean): void;
  /** Everything the page printed to its console so far (where console.warn lands). */
  consoleText(): string;
  close(): Promise<void>;
}

type Recorded = { via: 'fetch'; url: string; init: RequestInit } | { via: 'beacon'; url: string; data: string | Blob };

/** Opens a page and loads the tracker from `distDir` (where t.js and form.js were built). */
export function openTrackerPage(distDir: string, options: PageOptions = {}): TrackerPage {
  const window = new Window({
    url: options.url ?? DEFAULT_URL,
    settings: {
      enableJavaScriptEvaluation: true,
      suppressInsecureJavaScriptEnvironmentWarning: true,
      // Anything the tracker throws surfaces in the test instead of being swallowed by happy-dom.
      errorCapture: 'disabled' as never,
      fetch: { virtualServers: [{ url: `${SCRIPT_ORIGIN}/`, directory: distDir }] },
    },
  });
  const doc = window.document;
  const recorded: Recorded[] = [];
  let now = 1_700_000_000_000;
  let hidden = options.hidden ?? false;
  let consoleSoFar = '';

  const win = window as unknown as Record<string, unknown> & { Date: DateConstructor };
  win.Date.now = () => now;
  win.fetch = (url: string, init: RequestInit) => {
    recorded.push({ via: 'fetch', url: String(url), init });
    return Promise.resolve(new window.Response(null, { status: 202 }));
  };
  Object.defineProperty(window.navigator, 'sendBeacon', {
    configurable: true,
    writable: true,
    value: (url: string, data: string | Blob) => {
      recorded.push({ via: 'beacon', url: String(url), data });
      return true;
    },
  });
  Object.defineProperty(doc, 'hidden', { configurable: true, get: () => hidden });
  Object.defineProperty(doc, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  Object.defineProperty(doc, 'referrer', { configurable: true, get: () => options.referrer ?? '' });

  doc.title = options.title ?? 'Pricing — Acme';
  doc.body.innerHTML = options.body ?? '<h1>Pricing</h1>';
  options.before?.(window);

  if (options.inline) {
    const inline = doc.createElement('script');
    inline.textContent = options.inline;
    doc.head.appendChild(inline);
  }
  const tag = doc.createElement('script');
  tag.src = `${SCRIPT_ORIGIN}/t.js`;
  for (const [name, value] of Object.entries(options.data ?? { site: 'site_acme' })) {
    tag.setAttribute(`data-${name}`, value === true ? '' : value);
  }
  doc.head.appendChild(tag); // no async/defer: happy-dom loads and runs it right here

  return {
    window,
    async hits() {
      return Promise.all(
        recorded.map(async (r): Promise<Hit> => {
          if (r.via === 'fetch') return { via: r.via, url: r.url, init: r.init, payload: JSON.parse(String(r.init.body)) };
          if (typeof r.data === 'string') return { via: r.via, url: r.url, beaconData: 'string', payload: JSON.parse(r.data) };
          return { via: r.via, url: r.url, beaconData: r.data.type, payload: JSON.parse(await r.data.text()) };
        }),
      );
    },
    advance(ms) {
      now += ms;
    },
    setHidden(value) {
      hidden = value;
      doc.dispatchEvent(new window.Event('visibilitychange'));
    },
    consoleText() {
      consoleSoFar += window.happyDOM.virtualConsolePrinter.readAsString(); // reading empties the printer
      return consoleSoFar;
    },
    close() {
      return window.happyDOM.close();
    },
  };
}
