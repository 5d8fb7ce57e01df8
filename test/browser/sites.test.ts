import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { dashboardContext, logInThroughForm, overflowsHorizontally, watchPageErrors } from './dashboard.js';
import { startDashboardWorld, useWorld } from './world.js';

const w = useWorld(() => startDashboardWorld({ domains: ['exemple.fr'] }));

async function openSites(lang: 'fr' | 'en', width = 1280): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await dashboardContext(w.browser, lang, width);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: w.srv.url });
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await logInThroughForm(page, `${w.srv.url}/sites`, w.acct.email, w.acct.password, lang);
  await page.getByRole('heading', { level: 1, name: 'Sites' }).waitFor();
  return { context, page, errors };
}

describe('Sites page (Chromium)', () => {
  it('shows each site with its snippet, and copies it with a visible status', async () => {
    const { context, page, errors } = await openSites('en');
    const card = page.getByRole('article', { name: 'Test site' });
    const snippet = `<script defer src="${w.srv.url}/t.js" data-site="${w.acct.siteKey}"></script>`;
    await card.getByText(snippet, { exact: true }).waitFor();
    await card.getByText('exemple.fr', { exact: true }).waitFor();

    await card.getByRole('button', { name: 'Copy the tracking snippet of Test site' }).click();
    await card.getByRole('status').getByText('Copied to the clipboard').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
    expect(await overflowsHorizontally(page)).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("puts the server's field error next to the input it concerns, then adds the site", async () => {
    const { context, page, errors } = await openSites('fr');
    const name = page.getByLabel('Nom du site');
    const domains = page.getByLabel('Domaines', { exact: true });
    const submit = page.getByRole('button', { name: 'Ajouter le site' });

    await name.fill('Boutique');
    await domains.fill('boutique.exemple.fr, exemple!.fr');
    await submit.click();
    await page.getByText('« exemple!.fr » n’est pas un nom de domaine valide (exemple : exemple.fr).').waitFor();
    expect(await domains.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await domains.getAttribute('aria-describedby'))!.split(' ');
    const errorText = await page.locator(`[id="${describedBy.at(-1)}"]`).textContent();
    expect(errorText).toContain('« exemple!.fr »');
    expect(await name.getAttribute('aria-invalid')).toBeNull();
    expect(await domains.evaluate((el) => el === document.activeElement)).toBe(true);

    await name.fill('');
    await domains.fill('boutique.exemple.fr');
    await submit.click();
    await page.getByText('Donnez un nom au site.').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await domains.getAttribute('aria-invalid')).toBeNull();

    await name.fill('Boutique');
    await domains.fill('https://boutique.exemple.fr/panier\nexemple.com');
    await submit.click();
    await page.getByRole('status').getByText('Site « Boutique » ajouté.').waitFor();
    const card = page.getByRole('article', { name: 'Boutique' });
    await card.getByText('boutique.exemple.fr', { exact: true }).waitFor();
    await card.getByText('exemple.com', { exact: true }).waitFor();
    await card.getByText(/^<script defer src="http:\/\/127\.0\.0\.1:\d+\/t\.js" data-site="[\w-]+"><\/script>$/).waitFor();
    expect(await name.inputValue()).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });
});
