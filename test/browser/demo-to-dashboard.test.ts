import { describe, expect, it } from 'vitest';
import type { Request } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { startTestServer } from '../helpers/server.js';
import { bootstrapFirstRun } from '../../server/orgs/bootstrap.js';
import { dashboardContext, logInThroughForm, watchPageErrors } from './dashboard.js';
import { useWorld } from './world.js';

// The first-run account (bootstrapFirstRun), as a fresh install creates it, instead of a seeded one.
const w = useWorld(async () => {
  const browser = await launchBrowser(); // throws the install hint when Chromium is missing: never skipped
  const srv = await startTestServer();
  const first = await bootstrapFirstRun(srv.deps.db);
  if (!first) throw new Error('bootstrapFirstRun created nothing on a fresh database');
  return { browser, srv, first };
}, 180_000);

describe('from the demo page to the dashboard (Chromium)', () => {
  it('shows the three pageviews of a demo visit with two SPA navigations in the Overview', async () => {
    const context = await dashboardContext(w.browser, 'fr', 1280, { asPerson: true });
    // What the tracker sent, for a readable failure if the pageviews never show up.
    const sent: string[] = [];
    const log = (r: Request, what: string) => r.url().endsWith('/api/collect') && sent.push(`${what} ${r.postData() ?? ''}`);
    context.on('requestfinished', (r) => void r.response().then((res) => log(r, String(res?.status()))));
    context.on('requestfailed', (r) => log(r, `failed (${r.failure()?.errorText})`));

    const demo = await context.newPage();
    await demo.goto(`${w.srv.url}/demo`);
    await demo.getByRole('heading', { name: 'Acme Widgets' }).waitFor();
    // A visitor reads each page: the tracker counts a SPA page once its title has settled (300 ms).
    const pricingCounted = demo.waitForRequest((r) => r.url().endsWith('/api/collect') && !!r.postData()?.includes('/demo/pricing"'));
    await demo.getByRole('link', { name: 'Tarifs' }).click();
    await demo.getByRole('heading', { name: 'Tarifs' }).waitFor();
    await demo.waitForURL('**/demo/pricing');
    await pricingCounted;
    await demo.getByRole('link', { name: 'Contact' }).click();
    await demo.getByRole('heading', { name: 'Contact' }).waitFor();
    await demo.waitForURL('**/demo/contact');

    // The newcomer opens the dashboard in another tab, in French since the browser prefers it.
    const dash = await context.newPage();
    const errors = watchPageErrors(dash);
    await logInThroughForm(dash, `${w.srv.url}/`, w.first.email, w.first.password, 'fr');
    await dash.getByRole('heading', { level: 1, name: 'Vue d’ensemble' }).waitFor();

    // The latest pageviews refresh by themselves: wait for the three rows to be visible.
    const latest = dash.getByRole('region', { name: 'Dernières pages vues' });
    try {
      for (const path of ['/demo', '/demo/pricing', '/demo/contact']) {
        await latest.getByText(path, { exact: true }).waitFor({ timeout: 40_000 });
      }
    } catch (err) {
      throw new Error(`${(err as Error).message}\nRequests to /api/collect:\n${sent.join('\n') || '(none)'}`);
    }
    expect(await latest.getByRole('row').count()).toBe(4); // header + exactly three pageviews, none counted twice

    // The chart's text alternative counts them too (read after a reload, once all three are stored).
    await dash.reload();
    const visits = dash.getByRole('region', { name: 'Visites par jour' });
    await visits.getByText(/pages vues\s*:\s*3\./).waitFor();
    expect(await visits.locator('canvas').count()).toBeGreaterThan(0);

    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
