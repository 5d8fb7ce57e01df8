import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { bootstrapFirstRun, type FirstRun } from '../../server/orgs/bootstrap.js';
import { dashboardContext, logInThroughForm, watchPageErrors } from './dashboard.js';

/**
 * Shared by the leads browser tests: a real server whose clock the test moves (a form "filled in
 * 5 s" is the clock moved by 5 s, never a sleep), trusting 127.0.0.1 as a proxy so that each
 * visitor's browser can come from its own network (X-Forwarded-For), with the first-run account.
 */
export type LeadsWorld = { browser: Browser; srv: TestServer; first: FirstRun; clock: { now: number } };

export async function startLeadsWorld(): Promise<LeadsWorld> {
  // dist/ is built by the vitest global setup (test/global-setup.ts), once for all test files.
  const browser = await launchBrowser();
  const clock = { now: Date.now() };
  const srv = await startTestServer({ clock: () => clock.now, config: { trustedProxies: ['127.0.0.1'] } });
  const first = await bootstrapFirstRun(srv.deps.db);
  if (!first) throw new Error('bootstrapFirstRun created nothing');
  return { browser, srv, first, clock };
}

/** A person's browser (non-headless user agent) on the network `ip`. */
export async function visitor(w: LeadsWorld, ip: string): Promise<BrowserContext> {
  const context = await dashboardContext(w.browser, 'fr', 1280, { asPerson: true });
  await context.setExtraHTTPHeaders({ 'x-forwarded-for': ip });
  return context;
}

/** Opens a demo page and waits for the tracker to have loaded the form. */
export async function openDemo(w: LeadsWorld, context: BrowserContext, path = '/demo'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${w.srv.url}${path}`);
  await page.getByLabel('E-mail professionnel').waitFor();
  return page;
}

export async function fill(page: Page, p: { first: string; last: string; email: string; company?: string }): Promise<void> {
  await page.getByLabel('Prénom').fill(p.first);
  await page.getByLabel(/^Nom/).fill(p.last);
  await page.getByLabel('E-mail professionnel').fill(p.email);
  if (p.company) await page.getByLabel('Entreprise').fill(p.company);
  await page.getByLabel('J’accepte d’être recontacté(e) au sujet de ma demande.').check();
}

export const THANKS = 'Merci ! Nous revenons vers vous très vite.';

/** Sends the form, a human 5 s after it appeared unless said otherwise, and waits for the thank-you. */
export async function send(w: LeadsWorld, page: Page, { humanDelay = true } = {}): Promise<void> {
  if (humanDelay) w.clock.now += 5_000;
  await page.getByRole('button', { name: 'Envoyer' }).click();
  await page.getByRole('status').getByText(THANKS).waitFor();
}

/** The marketer, logged in through the log-in form, on `path`. */
export async function marketer(w: LeadsWorld, path: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await dashboardContext(w.browser, 'fr');
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await logInThroughForm(page, `${w.srv.url}${path}`, w.first.email, w.first.password, 'fr');
  return { context, page, errors };
}

export const leadByEmail = (w: LeadsWorld, email: string) =>
  w.srv.deps.db.prepare('SELECT * FROM leads WHERE email = ?').get(email) as Record<string, unknown> | undefined;
