import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { scoringFor } from '../../server/scoring/service.js';
import { company, visit } from '../integration/companies-fixtures.js';
import { logInThroughForm, watchPageErrors } from './dashboard.js';
import { startDashboardWorld, useWorld } from './world.js';

const w = useWorld(() => startDashboardWorld({ domains: ['exemple.fr'] }));

// Last visits at fixed moments: 15 January 2025 at 19:15 UTC is 20:15 in Paris.
const lastVisit = Date.parse('2025-01-15T19:15:00Z');

beforeAll(() => {
  const { db } = w.srv.deps;
  const o = w.acct.orgId;
  const now = Date.now();
  const acme = company(db, o, { name: 'Acme Industrie', domain: 'acme-industrie.fr', country: 'FR', confidence: 0.9 }, now);
  visit(db, o, w.acct.siteId, { at: lastVisit, paths: ['/pricing'], companyId: acme, country: 'FR' });
  const berlin = company(db, o, { name: 'Berliner Maschinen', domain: 'berliner-maschinen.de', country: 'DE', confidence: 0.8 }, now);
  visit(db, o, w.acct.siteId, { at: lastVisit - 86_400_000, paths: ['/'], companyId: berlin, country: 'DE' });
  scoringFor(w.srv.deps).flush();
});

describe('countries and the CSV export in French (Chromium)', () => {
  it('shows country names, filters by country name, and exports the filter in French on Paris time', async () => {
    const context = await w.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await logInThroughForm(page, `${w.srv.url}/companies`, w.acct.email, w.acct.password, 'fr');
    const table = page.getByRole('table', { name: /Entreprises identifiées/ });
    const rowOf = (name: string) => table.getByRole('row').filter({ has: page.getByRole('link', { name }) });

    // The country column names the country; its code stays at hand as the cell's title.
    const acmeCountry = rowOf('Acme Industrie').getByRole('cell', { name: 'France', exact: true });
    await acmeCountry.waitFor();
    expect(await acmeCountry.getAttribute('title')).toBe('FR');
    await rowOf('Berliner Maschinen').getByRole('cell', { name: 'Allemagne', exact: true }).waitFor();
    expect(await table.getByRole('cell', { name: 'FR', exact: true }).count()).toBe(0);

    // The country filter offers names and filters by code.
    await page.getByText('Plus de filtres').click();
    const country = page.getByRole('combobox', { name: 'Pays', exact: true });
    await expect.poll(() => country.locator('option').allTextContents(), { timeout: 15_000 }).toEqual(['Tous', 'Allemagne', 'France']);
    expect(await country.locator('option', { hasText: 'Allemagne' }).getAttribute('value')).toBe('DE');
    await country.selectOption({ label: 'Allemagne' });
    await page.waitForURL(/country=DE/);
    await expect.poll(() => table.getByRole('link', { name: 'Acme Industrie' }).count(), { timeout: 15_000 }).toBe(0);
    await table.getByRole('link', { name: 'Berliner Maschinen' }).waitFor();

    // Clear the filter, then export it: French headers and labels, the last visit on the browser's clock.
    await page.goto(`${w.srv.url}/companies?q=acme`);
    await table.getByRole('link', { name: 'Acme Industrie' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter le filtre (CSV)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^vigie-entreprises-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Nom;Domaine;Catégorie;Liste;Score;Température;Dernière visite;Visites;Pages;Pays;Source principale');
    expect(lines[1]).toMatch(/^Acme Industrie;acme-industrie\.fr;Prospect;prospect-default;\d+;(Chaud|Tiède|Froid);15\/01\/2025 20:15;1;1;France;Accès direct$/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
