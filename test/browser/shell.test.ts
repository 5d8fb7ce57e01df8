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

  it('names the field left empty next to it, in the page language, without asking the server', async () => {
    const context = await dashboardContext(w.browser, 'fr');
    const page = await context.newPage();
    const logIns: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/auth/login') logIns.push(r.postData() ?? '');
    });
    await page.goto(`${w.srv.url}/`);
    const email = page.getByLabel('E-mail');
    const password = page.getByLabel('Mot de passe');
    const submit = page.getByRole('button', { name: 'Se connecter' });
    /** The text of the element(s) that describe a field (its aria-describedby), null when none does. */
    const description = async (field: typeof email) => {
      const ids = await field.getAttribute('aria-describedby');
      return ids === null ? null : page.evaluate((list) => list.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '), ids);
    };
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('name') ?? null);

    await submit.click();
    await page.getByText('Saisissez votre e-mail', { exact: true }).waitFor();
    expect(await description(email)).toBe('Saisissez votre e-mail');
    expect(await description(password)).toBe('Saisissez votre mot de passe');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await focused()).toBe('email');
    expect(await page.getByRole('alert').count()).toBe(0); // no generic error under the form

    // The e-mail typed: its error goes at once; the password is still missing.
    await email.fill(w.acct.email);
    expect(await email.getAttribute('aria-invalid')).toBeNull();
    expect(await description(email)).toBeNull();
    await submit.click();
    await expect.poll(focused).toBe('password');
    expect(await description(password)).toBe('Saisissez votre mot de passe');
    expect(await description(email)).toBeNull();
    expect(await page.getByText('Saisissez votre e-mail', { exact: true }).count()).toBe(0);
    expect(logIns).toEqual([]);

    // An e-mail the server refuses (its 400 names the field) is shown at that field too.
    await email.fill(`${'a'.repeat(260)}@exemple.fr`);
    await password.fill('quelque chose');
    await submit.click();
    await page.getByText('Vérifiez votre e-mail : il n’est pas accepté tel quel').waitFor();
    expect(await description(email)).toBe('Vérifiez votre e-mail : il n’est pas accepté tel quel');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await password.getAttribute('aria-invalid')).toBeNull();
    expect(logIns).toHaveLength(1);
    await context.close();

    const en = await dashboardContext(w.browser, 'en');
    const enPage = await en.newPage();
    await enPage.goto(`${w.srv.url}/`);
    await enPage.getByLabel('E-mail').fill(w.acct.email);
    await enPage.getByRole('button', { name: 'Log in' }).click();
    await enPage.getByText('Enter your password', { exact: true }).waitFor();
    expect(await enPage.getByLabel('Password').getAttribute('aria-describedby')).toBe(await enPage.getByText('Enter your password', { exact: true }).getAttribute('id'));
    await enPage.getByLabel('E-mail').fill('');
    await enPage.getByRole('button', { name: 'Log in' }).click();
    await enPage.getByText('Enter your e-mail', { exact: true }).waitFor();
    await en.close();
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
