import { describe, expect, it } from 'vitest';
import { dashboardContext, logInThroughForm, overflowsHorizontally, watchPageErrors } from './dashboard.js';
import { startDashboardWorld, useWorld } from './world.js';

const w = useWorld(() => startDashboardWorld({ domains: ['exemple.fr'] }));

describe('dashboard shell (Chromium)', () => {
  it('speaks French when the browser prefers it, and switches to English on request', async () => {
    const context = await dashboardContext(w.browser, 'fr');
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await logInThroughForm(page, `${w.srv.url}/`, w.acct.email, w.acct.password, 'fr');
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
    const context = await dashboardContext(w.browser, 'fr');
    const page = await context.newPage();
    await page.goto(`${w.srv.url}/`);
    await page.getByLabel('E-mail').fill(w.acct.email);
    await page.getByLabel('Mot de passe').fill('pas le bon');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').getByText('E-mail ou mot de passe incorrect').waitFor();
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).count()).toBe(0);
    await context.close();
  });

  it('sends a logged-out visitor to the log-in form, then back to the page asked for', async () => {
    const context = await dashboardContext(w.browser, 'en');
    const page = await context.newPage();
    await logInThroughForm(page, `${w.srv.url}/sites`, w.acct.email, w.acct.password, 'en');
    await page.getByRole('heading', { level: 1, name: 'Sites' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sites');

    // A filtered address (a link shared by a colleague) keeps its query through the log-in.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Password').waitFor();
    await logInThroughForm(page, `${w.srv.url}/leads?status=refused&refusedReason=timing`, w.acct.email, w.acct.password, 'en');
    await page.getByRole('heading', { level: 1, name: 'Leads' }).waitFor();
    expect(new URL(page.url()).search).toBe('?status=refused&refusedReason=timing');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Password').waitFor();
    await context.close();
  });

  it('fits a tablet screen without horizontal scrolling', async () => {
    const context = await dashboardContext(w.browser, 'fr', 768);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await logInThroughForm(page, `${w.srv.url}/sites`, w.acct.email, w.acct.password, 'fr');
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
