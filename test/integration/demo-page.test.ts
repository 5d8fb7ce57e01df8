import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { bootstrapFirstRun } from '../../server/orgs/bootstrap.js';
import { demoLang } from '../../server/demo/routes.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
  await bootstrapFirstRun(srv.deps.db);
});
afterAll(() => srv.close());

const demo = (path: string, acceptLanguage?: string) =>
  fetch(`${srv.url}${path}`, { headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} });

describe('the demo page', () => {
  it('speaks French to a browser that prefers French, its form included (it follows the page lang)', async () => {
    const res = await demo('/demo', 'fr-FR,fr;q=0.9,en;q=0.8');
    expect(res.status).toBe(200);
    expect(res.headers.get('vary')).toMatch(/accept-language/i);
    const html = await res.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<a href="/demo/pricing">Tarifs</a>');
    expect(html).toContain('data-vigie-form="demo"');
    expect(html).toContain('hreflang="en"');
  });

  it('speaks English otherwise, and ?lang= overrides the browser', async () => {
    const en = await (await demo('/demo/pricing', 'de-DE,en;q=0.5')).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<a href="/demo/pricing">Pricing</a>');
    const forced = await (await demo('/demo?lang=en', 'fr-FR')).text();
    expect(forced).toContain('<html lang="en">');
    expect(demoLang('xx', 'fr-CA')).toBe('fr');
    expect(demoLang(undefined, undefined)).toBe('en');
  });

  it('gives the SPA script the page titles of its language, as inert JSON in an attribute', async () => {
    const html = await (await demo('/demo', 'fr')).text();
    const attr = /data-titles="([^"]*)"/.exec(html)![1]!.replace(/&#34;/g, '"');
    expect(JSON.parse(attr)).toMatchObject({ '/demo/pricing': 'Tarifs — Acme Widgets' });
  });
});
