import fs from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { fileURLToPath } from 'node:url';

export const DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Dashboard CSP: nothing inline, nothing foreign. Visitor-sent text can only ever be text. */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function readAsset(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch {
    return null;
  }
}

/** Serves the built tracker, form bundle and dashboard SPA from `dist/` (built by `npm start`). */
export function staticRoutes(distDir = DIST_DIR) {
  const app = new Hono();

  const script = (name: string) => (c: import('hono').Context) => {
    const body = readAsset(path.join(distDir, name));
    if (!body) return c.text(`/* ${name} is not built: run npm run build */`, 503);
    c.header('Content-Type', TYPES['.js']!);
    c.header('Cache-Control', 'public, max-age=3600');
    c.header('Access-Control-Allow-Origin', '*');
    return c.body(new Uint8Array(body));
  };
  app.get('/t.js', script('t.js'));
  app.get('/form.js', script('form.js'));

  app.get('/assets/*', (c) => {
    const rel = path.normalize(c.req.path).replace(/^\/+/, '');
    const file = path.join(distDir, 'dashboard', rel);
    if (!file.startsWith(path.join(distDir, 'dashboard') + path.sep)) return c.notFound();
    const body = readAsset(file);
    if (!body) return c.notFound();
    c.header('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(new Uint8Array(body));
  });

  // SPA fallback: every other GET that is not an API call gets the dashboard's index.html.
  app.get('*', (c) => {
    const p = c.req.path;
    if (p.startsWith('/api/') || p === '/health') return c.notFound();
    const body = readAsset(path.join(distDir, 'dashboard', 'index.html'));
    if (!body) return c.text('The dashboard is not built: run npm run build', 503);
    c.header('Content-Security-Policy', DASHBOARD_CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cache-Control', 'no-cache');
    return c.html(body.toString('utf8'));
  });

  return app;
}
