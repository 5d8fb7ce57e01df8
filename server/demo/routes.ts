import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { demoSiteKey } from '../orgs/demo.js';

const DEMO_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

const escapeAttr = (s: string) => s.replace(/[&"<>]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * A small single-page site that carries the real snippet, so a newcomer sees their own visit
 * arrive. Its links navigate with history.pushState (demo.js), exercising SPA tracking.
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
    return c.html(page(key));
  });

  return app;
}

function page(siteKey: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vigie demo — Acme Widgets</title>
<script defer src="/t.js" data-site="${escapeAttr(siteKey)}" data-allow-localhost></script>
<script defer src="/demo/demo.js"></script>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem}nav a{margin-right:1rem}code{background:#f3f3f3;padding:.1rem .3rem}</style>
</head>
<body>
<nav aria-label="Demo site">
  <a href="/demo">Home</a>
  <a href="/demo/pricing">Pricing</a>
  <a href="/demo/contact">Contact</a>
</nav>
<main>
  <h1 id="title">Acme Widgets</h1>
  <p id="content">This page carries the Vigie snippet. Click the links above: each one is a single-page navigation tracked as a pageview. Then open <a href="/">the dashboard</a> to see your visit.</p>
  <div data-vigie-form="demo"></div>
  <p>Snippet:</p>
  <pre><code>&lt;script defer src="${escapeAttr('/t.js')}" data-site="${escapeAttr(siteKey)}"&gt;&lt;/script&gt;</code></pre>
</main>
</body>
</html>`;
}

const DEMO_JS = `(function () {
  var titles = { '/demo': 'Acme Widgets', '/demo/pricing': 'Pricing — Acme Widgets', '/demo/contact': 'Contact — Acme Widgets' };
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

