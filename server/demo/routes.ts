import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { demoSiteKey } from '../orgs/demo.js';

const DEMO_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

const escapeAttr = (s: string) => s.replace(/[&"<>]/g, (ch) => `&#${ch.charCodeAt(0)};`);

type Lang = 'fr' | 'en';

const SITE = 'Acme Widgets';

/** Everything the demo page says, in both of Vigie's languages. */
const TEXT = {
  fr: {
    nav: 'Site de démonstration',
    links: { '/demo': 'Accueil', '/demo/pricing': 'Tarifs', '/demo/contact': 'Contact' },
    intro: 'Cette page porte le snippet Vigie. Cliquez sur les liens ci-dessus : chacun est une navigation de page unique, comptée comme une page vue. Ouvrez ensuite <a href="/">le tableau de bord</a> pour y voir votre visite.',
    snippet: 'Snippet :',
    other: { lang: 'en', label: 'English' },
  },
  en: {
    nav: 'Demo site',
    links: { '/demo': 'Home', '/demo/pricing': 'Pricing', '/demo/contact': 'Contact' },
    intro: 'This page carries the Vigie snippet. Click the links above: each one is a single-page navigation tracked as a pageview. Then open <a href="/">the dashboard</a> to see your visit.',
    snippet: 'Snippet:',
    other: { lang: 'fr', label: 'Français' },
  },
} as const;

/** ?lang= when given, else French when the browser prefers it (as the dashboard does), else English. */
export function demoLang(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (query === 'fr' || query === 'en') return query;
  const first = (acceptLanguage ?? '').split(',')[0]!.trim().toLowerCase();
  return first.startsWith('fr') ? 'fr' : 'en';
}

/**
 * A small single-page site that carries the real snippet, so a newcomer sees their own visit
 * arrive. Its links navigate with history.pushState (demo.js), exercising SPA tracking. It speaks
 * the visitor's language, and so does the demo lead form, which follows the page's `lang`.
 */
export function demoRoutes(deps: AppDeps) {
  const app = new Hono();

  app.get('/demo.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(DEMO_JS);
  });

  app.get('/*', (c) => {
    const key = demoSiteKey(deps.db);
    if (!key) return c.text('No site yet', 404);
    c.header('Content-Security-Policy', DEMO_CSP);
    c.header('Vary', 'Accept-Language');
    return c.html(page(key, demoLang(c.req.query('lang'), c.req.header('accept-language'))));
  });

  return app;
}

function page(siteKey: string, lang: Lang): string {
  const t = TEXT[lang];
  const links = Object.entries(t.links).map(([href, label]) => `<a href="${href}">${label}</a>`).join('\n  ');
  // Each page's title, for demo.js to set on navigation: the home page is the site's name.
  const titles = Object.fromEntries(Object.entries(t.links).map(([href, label]) => [href, href === '/demo' ? SITE : `${label} — ${SITE}`]));
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vigie demo — Acme Widgets</title>
<script defer src="/t.js" data-site="${escapeAttr(siteKey)}" data-allow-localhost></script>
<script defer src="/demo/demo.js"></script>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem}nav a{margin-right:1rem}code{background:#f3f3f3;padding:.1rem .3rem}</style>
</head>
<body data-titles="${escapeAttr(JSON.stringify(titles))}">
<nav aria-label="${t.nav}">
  ${links}
</nav>
<p><a href="?lang=${t.other.lang}" hreflang="${t.other.lang}" lang="${t.other.lang}">${t.other.label}</a></p>
<main>
  <h1 id="title">Acme Widgets</h1>
  <p id="content">${t.intro}</p>
  <div data-vigie-form="demo"></div>
  <p>${t.snippet}</p>
  <pre><code>&lt;script defer src="${escapeAttr('/t.js')}" data-site="${escapeAttr(siteKey)}"&gt;&lt;/script&gt;</code></pre>
</main>
</body>
</html>`;
}

const DEMO_JS = `(function () {
  var titles = JSON.parse(document.body.getAttribute('data-titles'));
  function render(path) {
    var t = titles[path] || titles['/demo'];
    document.title = t;
    document.getElementById('title').textContent = t.split(' — ')[0];
  }
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('nav a') : null;
    if (!a) return;
    e.preventDefault();
    var path = a.getAttribute('href');
    render(path);
    history.pushState({}, '', path);
  });
  window.addEventListener('popstate', function () { render(location.pathname); });
  render(location.pathname);
})();
`;

