import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { seedAccount, startTestServer, type SeededAccount, type TestServer } from '../helpers/server.js';
import { dashboardContext, logInThroughForm, overflowsHorizontally, watchPageErrors } from './dashboard.js';

let browser: Browser;
let srv: TestServer;
let acct: SeededAccount;

beforeAll(async () => {
  browser = await launchBrowser(); // throws the install hint when Chromium is missing: never skipped
  srv = await startTestServer();
  acct = await seedAccount(srv.deps, { domains: ['exemple.fr'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('dashboard shell (Chromium)', () => {
  it('speaks French when the browser prefers it, and switches to English on request', async () => {
    const context = await dashboardContext(browser, 'fr');
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await logInThroughForm(page, `${srv.url}/`, acct.email, acct.password, 'fr');
    await page.getByRole('heading', { level: 1, name: 'Vue d’ensemble' }).waitFor();
    await page.getByText(/visites : 0, pages vues : 0\./).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');

    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByText(/visits: 0, pageviews: 0\./).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so when the password is wrong, and stays on the log-in form', async () => {
    const context = await dashboardContext(browser, 'fr');
    const page = await context.newPage();
    await page.goto(`${srv.url}/`);
    await page.getByLabel('E-mail').fill(acct.email);
    await page.getByLabel('Mot de passe').fill('pas le bon');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').getByText('E-mail ou mot de passe incorrect').waitFor();
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).count()).toBe(0);
    await context.close();
  });

  it('sends a logged-out visitor to the log-in form, then back to the page asked for', async () => {
    const context = await dashboardContext(browser, 'en');
    const page = await context.newPage();
    await logInThroughForm(page, `${srv.url}/sites`, acct.email, acct.password, 'en');
    await page.getByRole('heading', { level: 1, name: 'Sites' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sites');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Password').waitFor();
    await context.close();
  });

  it('fits a tablet screen without horizontal scrolling', async () => {
    const context = await dashboardContext(browser, 'fr', 768);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await logInThroughForm(page, `${srv.url}/sites`, acct.email, acct.password, 'fr');
    await page.getByRole('article', { name: 'Test site' }).waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.getByRole('link', { name: 'Vue d’ensemble' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vue d’ensemble' }).waitFor();
    await page.getByRole('region', { name: 'Dernières pages vues' }).getByText('Aucune page vue pour l’instant', { exact: false }).waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
