import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { recordCompanyEvidence } from '../../server/companies/repo.js';
import { moveCompanies } from '../../server/segments/moves.js';
import { findListByName } from '../../server/segments/lists.js';
import { dashboardContext, logInThroughForm, overflowsHorizontally, watchPageErrors } from './dashboard.js';
import { startDashboardWorld, useWorld } from './world.js';

const w = useWorld(() => startDashboardWorld({ domains: ['exemple.fr'] }));

beforeAll(() => {
  const db = w.srv.deps.db;
  const identify = (name: string, domain: string) => recordCompanyEvidence(db, w.acct.orgId, { name, domain }, { source: 'test', matchedValue: domain, confidence: 0.9 }, Date.now()).company;
  identify('Salon Alpha', 'salon-alpha.fr');
  const rival = identify('Rival SA', 'rival-co.fr');
  moveCompanies(db, w.acct.orgId, [rival.id], findListByName(db, w.acct.orgId, 'concurrent-default')!.id, { type: 'user', id: null });
});

const CSV = 'Nom;SIREN;Domaine email;Website\r\nSalon Alpha;;;www.salon-alpha.fr\r\nRival;;;rival-co.fr\r\nNouveau Venu;;nouveau-venu.fr;\r\nSans domaine;;;\r\n';

describe('Segments page (Chromium)', () => {
  it('creates prospect-salons, imports a CSV after a confirmation, shows the report, then locks and unlocks the list', async () => {
    const context = await dashboardContext(w.browser, 'fr');
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await logInThroughForm(page, `${w.srv.url}/segments`, w.acct.email, w.acct.password, 'fr');
    await page.getByRole('heading', { level: 1, name: 'Segments' }).waitFor();
    for (const name of ['Interne', 'Concurrent', 'Client', 'Distributeur', 'Prospect', 'Partenaire', 'Hors-cible', 'Fournisseur', 'Autre']) {
      await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
    }

    // Create a list: the user types "salons", the prefix is added.
    const prospect = page.getByRole('region', { name: 'Prospect', exact: true });
    await prospect.getByLabel('Nouvelle liste dans Prospect').fill('salons');
    await prospect.getByRole('button', { name: 'Ajouter la liste' }).click();
    const row = prospect.getByRole('row', { name: /prospect-salons/ });
    await row.waitFor();

    // Import: choose the file, upload (progress bar), preview with the confirmation.
    await row.getByRole('button', { name: 'Importer un fichier dans prospect-salons' }).click();
    await prospect.getByLabel('Fichier CSV pour prospect-salons').setInputFiles({ name: 'salons.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    // Hold the upload's answer so the progress bar can be seen whatever the machine's speed.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/segments/lists/*/imports?*', async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });
    await prospect.getByRole('button', { name: 'Envoyer et analyser' }).click();
    const bar = prospect.getByRole('progressbar', { name: 'Envoi du fichier' });
    await bar.waitFor();
    const now = Number(await bar.getAttribute('aria-valuenow'));
    expect(now).toBeGreaterThanOrEqual(0);
    expect(now).toBeLessThanOrEqual(100);
    release();

    await prospect.getByRole('heading', { name: 'Vérifiez avant d’importer salons.csv' }).waitFor();
    await prospect.getByText('Cet import remplace tout le contenu de prospect-salons : 0 entreprise quittera la liste et ira dans prospect-default.').waitFor();
    await prospect.getByText('Lignes rejetées (1) : voir le détail').click();
    await prospect.getByRole('cell', { name: 'Au moins 2 des 4 colonnes doivent être renseignées, dont le Nom' }).waitFor();
    await prospect.getByRole('button', { name: 'Confirmer l’import (3 lignes valides)' }).click();

    // Report: matched / moved / skipped-locked / unmatched.
    await prospect.getByRole('heading', { name: 'Import terminé dans prospect-salons' }).waitFor();
    const count = async (label: string) => (await prospect.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd').textContent())?.trim();
    expect(await count('Entreprises identifiées correspondantes')).toBe('2');
    expect(await count('Déplacées dans la liste')).toBe('1');
    expect(await count('Ignorées \\(liste verrouillée\\)')).toBe('1');
    expect(await count('Sans correspondance \\(gardées pour plus tard\\)')).toBe('1');
    await prospect.getByText('Rival SA (dans concurrent-default)').waitFor();
    await row.getByRole('cell', { name: '1', exact: true }).first().waitFor(); // one company, one pending row

    // Lock and unlock.
    const lock = row.getByRole('switch', { name: 'Verrouiller prospect-salons' });
    expect(await lock.getAttribute('aria-checked')).toBe('false');
    await lock.click();
    await page.waitForFunction(() => document.querySelector('[aria-label="Verrouiller prospect-salons"]')?.getAttribute('aria-checked') === 'true');
    expect(findListByName(w.srv.deps.db, w.acct.orgId, 'prospect-salons')!.locked).toBe(1);
    await lock.click();
    await page.waitForFunction(() => document.querySelector('[aria-label="Verrouiller prospect-salons"]')?.getAttribute('aria-checked') === 'false');
    expect(findListByName(w.srv.deps.db, w.acct.orgId, 'prospect-salons')!.locked).toBe(0);

    expect(await overflowsHorizontally(page)).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the keyboard focus on the control used: add, lock, rename, then delete a list (focus on the message saying so)', async () => {
    const context = await dashboardContext(w.browser, 'fr');
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await logInThroughForm(page, `${w.srv.url}/segments`, w.acct.email, w.acct.password, 'fr');
    const prospect = page.getByRole('region', { name: 'Prospect', exact: true });
    const focused = (l: Locator) => l.evaluate((el) => el === document.activeElement);

    // Add with the keyboard: type, Tab to the button, Enter. The focus stays on the button.
    await prospect.getByLabel('Nouvelle liste dans Prospect').fill('focus');
    await page.keyboard.press('Tab');
    const add = prospect.getByRole('button', { name: 'Ajouter la liste' });
    expect(await focused(add)).toBe(true);
    await page.keyboard.press('Enter');
    await prospect.getByRole('status').getByText('Liste « prospect-focus » ajoutée.').waitFor();
    const row = prospect.getByRole('row', { name: /prospect-focus/ });
    await row.waitFor();
    expect(await focused(add)).toBe(true);

    // Lock and unlock with the space bar: the switch keeps the focus.
    const lock = row.getByRole('switch', { name: 'Verrouiller prospect-focus' });
    await lock.focus();
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('[aria-label="Verrouiller prospect-focus"]')?.getAttribute('aria-checked') === 'true');
    expect(await focused(lock)).toBe(true);
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('[aria-label="Verrouiller prospect-focus"]')?.getAttribute('aria-checked') === 'false');
    expect(await focused(lock)).toBe(true);

    // Rename: the panel closes and the focus goes back to the row's Rename button, renamed too.
    await row.getByRole('button', { name: 'Renommer prospect-focus' }).focus();
    await page.keyboard.press('Enter');
    const field = prospect.getByLabel('Nouveau nom de prospect-focus');
    await field.fill('clavier');
    await page.keyboard.press('Enter');
    await prospect.getByRole('status').getByText('Liste renommée en « prospect-clavier ».').waitFor();
    const renamed = prospect.getByRole('row', { name: /prospect-clavier/ }).getByRole('button', { name: 'Renommer prospect-clavier' });
    await renamed.waitFor();
    await expect.poll(() => focused(renamed), { timeout: 15_000 }).toBe(true);

    // Cancel a deletion: back on the Delete button.
    const del = prospect.getByRole('row', { name: /prospect-clavier/ }).getByRole('button', { name: 'Supprimer prospect-clavier' });
    await del.focus();
    await page.keyboard.press('Enter');
    const confirm = prospect.getByRole('group', { name: 'Supprimer prospect-clavier' });
    await confirm.getByRole('button', { name: 'Annuler' }).focus();
    await page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => focused(del), { timeout: 15_000 }).toBe(true);

    // Delete: the row goes, the focus goes to the message that says so.
    await page.keyboard.press('Enter');
    await confirm.getByRole('button', { name: 'Supprimer prospect-clavier' }).focus();
    await page.keyboard.press('Enter');
    const message = prospect.getByRole('status').filter({ hasText: 'Liste « prospect-clavier » supprimée ; ses entreprises sont dans prospect-default.' });
    await message.waitFor();
    await prospect.getByRole('row', { name: /prospect-clavier/ }).waitFor({ state: 'detached' });
    expect(await focused(message)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('moves an imported company in bulk from the companies table, by hand, and the Segments counts follow', async () => {
    const context = await dashboardContext(w.browser, 'fr');
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await logInThroughForm(page, `${w.srv.url}/companies`, w.acct.email, w.acct.password, 'fr');
    await page.getByRole('checkbox', { name: 'Sélectionner Salon Alpha' }).check();
    await page.getByLabel('Déplacer vers la liste').selectOption({ label: 'partenaire-default' });
    await page.getByRole('button', { name: 'Déplacer la sélection' }).click();
    await page.getByRole('status').getByText('1 entreprise déplacée vers partenaire-default.').waitFor();

    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Segments' }).click();
    const salons = page.getByRole('region', { name: 'Prospect', exact: true }).getByRole('row', { name: /prospect-salons/ });
    await salons.waitFor();
    const cells = await salons.getByRole('cell').allTextContents();
    expect(cells.slice(0, 2)).toEqual(['0', '1']); // no company left, one imported row still waiting
    const partner = page.getByRole('region', { name: 'Partenaire', exact: true }).getByRole('row', { name: /partenaire-default/ });
    expect((await partner.getByRole('cell').allTextContents())[0]).toBe('1');
    expect(errors).toEqual([]);
    await context.close();
  });
});
