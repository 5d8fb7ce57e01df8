import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { login } from '../helpers/server.js';
import type { RulesReply } from '../../server/schemas/scoring.js';
import { scoringFor } from '../../server/scoring/service.js';
import { company, DAY, putInList, visit } from '../integration/companies-fixtures.js';
import { dashboardContext, logInThroughForm, overflowsHorizontally, watchPageErrors } from './dashboard.js';
import { startDashboardWorld, useWorld } from './world.js';

// expect.poll gives up after 1 s by default: too short on a loaded machine.
const POLL = { timeout: 15_000 };

const w = useWorld(() => startDashboardWorld({ domains: ['exemple.fr'] }));
let passantId = '';

beforeAll(() => {
  const { db } = w.srv.deps;
  const now = Date.now();
  const o = w.acct.orgId;
  // A prospect that came back and read the pricing page two days ago: hot.
  const acme = company(db, o, { name: 'Acme Industrie', domain: 'acme-industrie.fr', country: 'FR', confidence: 0.9 }, now);
  visit(db, o, w.acct.siteId, { at: now - 6 * DAY, paths: ['/', '/produits', '/blog/lead-scoring'], companyId: acme, engagedMs: 240_000, utmSource: 'linkedin' });
  visit(db, o, w.acct.siteId, { at: now - 2 * DAY, paths: ['/', '/pricing', '/pricing/pme'], companyId: acme, engagedMs: 300_000 });
  // A competitor just as busy: hot, but hidden from the hot view.
  const rival = company(db, o, { name: 'Rival Logiciels', domain: 'rival-logiciels.fr', country: 'FR', confidence: 0.9 }, now);
  putInList(db, o, rival, 'concurrent-default');
  for (const d of [1, 2, 3]) visit(db, o, w.acct.siteId, { at: now - d * DAY, paths: ['/pricing', '/demo', '/contact'], companyId: rival, engagedMs: 600_000 });
  // A one-off visitor: cold.
  const once = company(db, o, { name: 'Passant SARL', domain: 'passant.fr', country: 'FR' }, now);
  passantId = once;
  visit(db, o, w.acct.siteId, { at: now - 30 * DAY, paths: ['/'], companyId: once });
  // This organisation keeps its customer list unlocked until someone locks it.
  db.prepare("UPDATE lists SET locked = 0 WHERE org_id = ? AND name = 'client-default'").run(o);
  scoringFor(w.srv.deps).flush();
});

describe("the marketer's day (Chromium)", () => {
  it('filters hot companies, reads why one is hot, moves it to client-default, locks the list and finds it there', async () => {
    const context = await dashboardContext(w.browser, 'fr');
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await logInThroughForm(page, `${w.srv.url}/companies`, w.acct.email, w.acct.password, 'fr');
    await page.getByRole('heading', { level: 1, name: 'Entreprises' }).waitFor();
    const table = page.getByRole('table', { name: /Entreprises identifiées/ });
    await table.getByRole('link', { name: 'Passant SARL' }).waitFor();

    // Filter hot companies: the competitor is hot too, but hidden from hot views.
    await page.getByLabel('Température').selectOption({ label: 'Chaud' });
    await page.waitForURL(/temperature=hot/);
    await page.getByText('1 entreprise', { exact: true }).waitFor();
    await table.getByRole('link', { name: 'Acme Industrie' }).waitFor();
    expect(await table.getByRole('row').count()).toBe(2); // the header and Acme
    expect(await table.getByRole('link', { name: 'Rival Logiciels' }).count()).toBe(0);
    expect(await table.getByRole('columnheader', { name: /Score/ }).getAttribute('aria-sort')).toBe('descending');
    expect(await overflowsHorizontally(page)).toBe(false);

    // Open it and read why it is hot.
    await table.getByRole('link', { name: 'Acme Industrie' }).click();
    await page.getByRole('heading', { level: 1, name: 'Acme Industrie' }).waitFor();
    const why = page.getByRole('list', { name: 'Pourquoi ce score' });
    await why.getByText('+16 pts — page /pricing, il y a 2 jours').waitFor();
    await why.getByText('+10 pts — Prospect').waitFor();
    const lines = await why.getByRole('listitem').allTextContents();
    const total = Number(/Total : (\d+)/.exec(lines.at(-1)!)![1]);
    const sum = lines.slice(0, -1).reduce((a, l) => a + Number(l.split(' ')[0]!.replace('−', '-').replace('+', '')), 0);
    expect(sum).toBe(total);
    expect(total).toBeGreaterThanOrEqual(70);
    await page.getByText('Chaud', { exact: true }).first().waitFor();

    // Move it to client-default, then lock that list.
    await page.getByLabel('Déplacer vers la liste').selectOption({ label: 'client-default' });
    await page.getByRole('button', { name: 'Déplacer', exact: true }).click();
    await page.getByText('Liste actuelle : client-default').waitFor();
    await page.getByRole('button', { name: /Verrouiller la liste client-default/ }).click();
    await page.getByRole('button', { name: /Déverrouiller la liste client-default/ }).waitFor();
    const audit = page.getByRole('table', { name: 'Liste et historique' });
    await audit.getByRole('cell', { name: 'client-default' }).waitFor();

    // Come back: it is in client-default, shown as locked.
    await page.getByRole('link', { name: /Retour aux entreprises/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Entreprises' }).waitFor();
    await page.getByLabel('Catégorie').selectOption({ label: 'Client' });
    await page.waitForURL(/category=client/);
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'Acme Industrie' }) });
    await row.getByText('client-default').waitFor();
    await row.getByText('Liste verrouillée').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the keyboard focus on the company page: tags added and removed are announced; pin, move and lock hand the focus on', async () => {
    const context = await dashboardContext(w.browser, 'fr');
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await logInThroughForm(page, `${w.srv.url}/companies/${passantId}`, w.acct.email, w.acct.password, 'fr');
    await page.getByRole('heading', { level: 1, name: 'Passant SARL' }).waitFor();
    const focused = (l: Locator) => l.evaluate((el) => el === document.activeElement);
    const identity = page.getByRole('region', { name: 'Identité' });
    const tags = page.getByLabel('Étiquettes');

    // Add a tag with Enter in the field: announced, and the field keeps the focus once the page has reloaded.
    await tags.focus();
    await page.keyboard.type('salon');
    await page.keyboard.press('Enter');
    await identity.getByRole('status').getByText('Étiquette « salon » ajoutée.').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await tags.inputValue()).toBe('salon');
    expect(await focused(tags)).toBe(true);
    // Remove it from the Save button: announced, the button keeps the focus.
    await tags.fill('');
    await page.keyboard.press('Tab');
    const save = identity.getByRole('button', { name: 'Enregistrer' });
    expect(await focused(save)).toBe(true);
    await page.keyboard.press('Enter');
    await identity.getByRole('status').getByText('Étiquette « salon » retirée.').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await focused(save)).toBe(true);

    // Pin a score and take the pin off: the focus follows the controls that replace the one used.
    const scoring = page.getByRole('region', { name: 'Score' });
    await scoring.getByRole('button', { name: 'Épingler' }).focus();
    await page.keyboard.press('Enter');
    const pinScore = scoring.getByLabel('Score épinglé (0–100)');
    await expect.poll(() => focused(pinScore), POLL).toBe(true);
    await page.keyboard.type('55');
    await scoring.getByLabel('Raison').fill('Salon 2026');
    await page.keyboard.press('Enter');
    const unpin = scoring.getByRole('button', { name: 'Retirer l’épingle' });
    await unpin.waitFor();
    await expect.poll(() => focused(unpin), POLL).toBe(true);
    await page.keyboard.press('Enter');
    const pinAgain = scoring.getByRole('button', { name: 'Épingler' });
    await pinAgain.waitFor();
    await expect.poll(() => focused(pinAgain), POLL).toBe(true);

    // Move with the keyboard: choose a list, Tab, Enter. The Move button keeps the focus, the move is announced.
    const list = page.getByRole('region', { name: 'Liste et historique' });
    await page.getByLabel('Déplacer vers la liste').selectOption({ label: 'partenaire-default' });
    await page.getByLabel('Déplacer vers la liste').focus();
    await page.keyboard.press('Tab');
    const move = list.getByRole('button', { name: 'Déplacer', exact: true });
    expect(await focused(move)).toBe(true);
    await page.keyboard.press('Enter');
    await list.getByRole('status').getByText('Entreprise déplacée vers partenaire-default.').waitFor();
    await page.getByText('Liste actuelle : partenaire-default').waitFor();
    expect(await focused(move)).toBe(true);

    // Lock the list: the same button, now « Déverrouiller… », keeps the focus.
    await page.keyboard.press('Tab');
    expect(await focused(list.getByRole('button', { name: /Verrouiller la liste partenaire-default/ }))).toBe(true);
    await page.keyboard.press('Enter');
    const unlock = list.getByRole('button', { name: /Déverrouiller la liste partenaire-default/ });
    await unlock.waitFor();
    await page.waitForLoadState('networkidle');
    expect(await focused(unlock)).toBe(true);
    await page.keyboard.press('Enter');
    await list.getByRole('button', { name: /^Verrouiller la liste partenaire-default/ }).waitFor();
    // Back to where the other tests expect it.
    await page.getByLabel('Déplacer vers la liste').selectOption({ label: 'prospect-default' });
    await move.click();
    await page.getByText('Liste actuelle : prospect-default').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works in English on a tablet, with labelled checkboxes and sort buttons', async () => {
    const context = await dashboardContext(w.browser, 'en', 820);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await logInThroughForm(page, `${w.srv.url}/companies`, w.acct.email, w.acct.password, 'en');
    await page.goto(`${w.srv.url}/companies?sort=name`);
    await page.getByRole('table', { name: 'Identified companies, sorted by Company' }).waitFor();
    const table = page.getByRole('table', { name: /Identified companies/ });
    await table.getByRole('checkbox', { name: 'Select Passant SARL' }).check();
    await page.getByText('1 selected').waitFor();
    await table.getByRole('button', { name: 'Sort by Visits' }).click();
    await page.waitForURL(/sort=visits/);
    await page.getByRole('table', { name: 'Identified companies, sorted by Visits' }).waitFor();
    expect(await table.getByRole('columnheader', { name: /Visits/ }).getAttribute('aria-sort')).toBe('descending');
    const names = await table.getByRole('rowheader').getByRole('link').allTextContents();
    expect(names[0]).toBe('Rival Logiciels');
    expect(await overflowsHorizontally(page)).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads the Overview, whose date range drives the visits chart, the company figures and the latest pageviews', async () => {
    const context = await dashboardContext(w.browser, 'fr');
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await logInThroughForm(page, `${w.srv.url}/`, w.acct.email, w.acct.password, 'fr');
    await page.getByRole('heading', { level: 1, name: 'Vue d’ensemble' }).waitFor();
    // "Now" sections: the hot prospect is listed, the hot competitor is not.
    const hot = page.getByRole('region', { name: 'Entreprises chaudes' });
    await hot.getByRole('link', { name: 'Acme Industrie' }).waitFor();
    expect(await hot.getByRole('link', { name: 'Rival Logiciels' }).count()).toBe(0);

    const visits = page.getByRole('region', { name: 'Visites par jour' });
    const visitsTable = visits.getByRole('table', { name: 'Visites et pages vues par jour' });
    const latest = page.getByRole('region', { name: 'Dernières pages vues' });
    const identified = page.getByRole('region', { name: 'Entreprises identifiées par jour' });
    await visitsTable.getByRole('row').nth(30).waitFor(); // 30 days and the header by default
    await page.getByRole('combobox', { name: /^Période/ }).selectOption({ label: '7 derniers jours' });
    await page.waitForURL(/from=\d{4}-\d{2}-\d{2}&to=/);
    await expect.poll(() => visitsTable.getByRole('row').count(), POLL).toBe(8);
    await identified.getByRole('region', { name: 'Pages les plus vues' }).getByRole('cell', { name: '/pricing', exact: true }).waitFor();

    // Three days around the one-off visit a month ago: every dated section shows that visit alone.
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const now = Date.now();
    await page.getByLabel(/^Du\b/).fill(day(now - 31 * DAY));
    await page.getByLabel(/^Au\b/).fill(day(now - 29 * DAY));
    await page.waitForURL(new RegExp(`from=${day(now - 31 * DAY)}&to=${day(now - 29 * DAY)}`));
    await expect.poll(() => visitsTable.getByRole('row').count(), POLL).toBe(4);
    await visits.getByText(/visites : 1, pages vues : 1\./).waitFor();
    await expect.poll(() => latest.getByRole('row').count(), POLL).toBe(2); // the header and Passant's home page
    const topPages = identified.getByRole('region', { name: 'Pages les plus vues' });
    await expect.poll(() => topPages.getByRole('row').count(), POLL).toBe(2);
    await topPages.getByRole('cell', { name: '/', exact: true }).waitFor();
    await hot.getByRole('link', { name: 'Acme Industrie' }).waitFor();
    expect(await page.getByRole('combobox', { name: /^Période/ }).inputValue()).toBe('custom');
    expect(await overflowsHorizontally(page)).toBe(false);

    // The range survives a reload (it is in the URL), and a tablet shows it without scrolling sideways.
    await page.setViewportSize({ width: 820, height: 1000 });
    await page.reload();
    await expect.poll(() => visitsTable.getByRole('row').count(), POLL).toBe(4);
    expect(await overflowsHorizontally(page)).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('gives a list its own points and shows a hidden category in hot views, from the rules panel', async () => {
    const context = await dashboardContext(w.browser, 'fr');
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await logInThroughForm(page, `${w.srv.url}/companies`, w.acct.email, w.acct.password, 'fr');
    await page.getByText('Règles de score').click();
    const lists = page.getByRole('group', { name: 'Points par liste (en plus de ceux de la catégorie)' });
    await lists.getByLabel('prospect-default', { exact: true }).fill('40');
    await page.getByRole('group', { name: 'Catégories masquées des vues « chaudes »' }).getByLabel('Concurrent', { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Enregistrer et recalculer' }).click();
    await page.getByText(/Scores recalculés \(\d+ entreprises\)/).waitFor();
    const rules = (await (await fetch(`${w.srv.url}/api/scoring/rules`, { headers: await login(w.srv.url, w.acct.email, w.acct.password) })).json()) as RulesReply;
    expect(rules.rules.hiddenCategories).not.toContain('concurrent');
    expect(Object.values(rules.rules.fit.lists)).toEqual([40]);

    // The competitor now shows in the hot view; the one-off visitor's explanation names its list.
    await page.goto(`${w.srv.url}/companies?temperature=hot`);
    const table = page.getByRole('table', { name: /Entreprises identifiées/ });
    await table.getByRole('link', { name: 'Rival Logiciels' }).waitFor();
    await page.goto(`${w.srv.url}/companies?q=passant`);
    await table.getByRole('link', { name: 'Passant SARL' }).click();
    await page.getByRole('list', { name: 'Pourquoi ce score' }).getByText('+40 pts — liste prospect-default').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('can be used with the keyboard alone: search, sort, open a company', async () => {
    const context = await dashboardContext(w.browser, 'fr');
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await logInThroughForm(page, `${w.srv.url}/companies`, w.acct.email, w.acct.password, 'fr');
    const table = page.getByRole('table', { name: /Entreprises identifiées/ });
    await table.getByRole('link', { name: 'Passant SARL' }).waitFor();
    /** Presses Tab until the focused element has this accessible text (the Tab order reaches it). */
    const tabTo = async (text: string) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return el ? `${el.getAttribute('aria-label') ?? ''}|${el.textContent ?? ''}|${(el as HTMLInputElement).labels?.[0]?.textContent ?? ''}` : '';
        });
        if (focused.split('|').some((part) => part.trim() === text)) return;
      }
      throw new Error(`Tab never reached "${text}"`);
    };
    await tabTo('Rechercher un nom ou un domaine');
    await page.keyboard.type('passant');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=passant/);
    // Focus stays where the user is (the search box), not thrown to the top of the page.
    await table.getByRole('link', { name: 'Passant SARL' }).waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('q');
    await tabTo('Trier par Visites');
    await page.keyboard.press('Enter');
    await page.waitForURL(/sort=visits/);
    // The rows of the new order are in once the caption names it (focus then stays on a row that is not replaced).
    await page.getByRole('table', { name: 'Entreprises identifiées, triées par Visites' }).getByRole('link', { name: 'Passant SARL' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await table.getByRole('columnheader', { name: /Visites/ }).getAttribute('aria-sort')).toBe('descending');
    await tabTo('Passant SARL');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Passant SARL' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('saves a view with its sort and opens it in that order again; with no view open, the choice reads « Aucune vue »', async () => {
    const context = await dashboardContext(w.browser, 'fr');
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await logInThroughForm(page, `${w.srv.url}/companies`, w.acct.email, w.acct.password, 'fr');
    const table = page.getByRole('table', { name: /Entreprises identifiées/ });
    const names = () => table.getByRole('rowheader').getByRole('link').allTextContents();
    const views = page.getByRole('combobox', { name: 'Vues enregistrées' });
    const shownView = () => views.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? null);
    await table.getByRole('link', { name: 'Passant SARL' }).waitFor();
    expect(await shownView()).toBe('Aucune vue');

    // A filter and a sort: hidden categories included, by company name from Z to A.
    await page.getByText('Plus de filtres').click();
    await page.getByLabel('Inclure Interne, Concurrent et Hors-cible dans les entreprises chaudes').check();
    await page.waitForURL(/hidden=include/);
    const byName = table.getByRole('button', { name: 'Trier par Entreprise' });
    await byName.click();
    await page.waitForURL(/sort=name/);
    await byName.click();
    await page.waitForURL(/sort=name&dir=desc/);
    await expect.poll(names, POLL).toEqual(['Rival Logiciels', 'Passant SARL', 'Acme Industrie']);
    await page.getByLabel('Nom de la vue').fill('De Z à A');
    await page.getByRole('button', { name: 'Enregistrer la vue' }).click();
    await page.getByText('Vue « De Z à A » enregistrée.').waitFor();
    await expect.poll(shownView, POLL).toBe('De Z à A');

    // « Aucune vue » is the plain table, by score.
    await views.selectOption({ label: 'Aucune vue' });
    await page.waitForURL((u) => u.pathname === '/companies' && u.search === '');
    await page.getByRole('table', { name: 'Entreprises identifiées, triées par Score' }).waitFor();
    expect(await table.getByRole('columnheader', { name: /Score/ }).getAttribute('aria-sort')).toBe('descending');
    expect(await shownView()).toBe('Aucune vue');

    // Opening the view brings back its filter and its sort: column, direction, and the rows in that order.
    await views.selectOption({ label: 'De Z à A' });
    await page.waitForURL(/\?hidden=include&sort=name&dir=desc$/);
    await page.getByRole('table', { name: 'Entreprises identifiées, triées par Entreprise' }).waitFor();
    expect(await table.getByRole('columnheader', { name: /Entreprise/ }).getAttribute('aria-sort')).toBe('descending');
    await expect.poll(names, POLL).toEqual(['Rival Logiciels', 'Passant SARL', 'Acme Industrie']);
    expect(await shownView()).toBe('De Z à A');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers, once a category is chosen, only the lists of that category, and lets go of a list of another one', async () => {
    const context = await dashboardContext(w.browser, 'fr');
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await logInThroughForm(page, `${w.srv.url}/companies`, w.acct.email, w.acct.password, 'fr');
    // A select's name holds its label and its chosen option ("Liste Toutes").
    const category = page.getByRole('combobox', { name: /^Catégorie\b/ });
    const list = page.getByRole('combobox', { name: /^Liste\b/ });
    // The lock state is another test's business: the names are what this one checks.
    const offered = async () => (await list.locator('option').allTextContents()).map((s) => s.replace(' (verrouillée)', ''));
    await expect.poll(offered, POLL).toContain('client-default');
    expect(await offered()).toContain('prospect-default');

    await list.selectOption({ label: 'prospect-default' });
    await page.waitForURL(/list=/);
    await category.selectOption({ label: 'Client' });
    await page.waitForURL((u) => u.searchParams.get('category') === 'client' && !u.searchParams.has('list'));
    expect(await list.inputValue()).toBe('');
    expect(await offered()).toEqual(['Toutes', 'client-default']);

    // A list of the chosen category stays chosen.
    await category.selectOption({ label: 'Prospect' });
    await page.waitForURL(/category=prospect/);
    expect(await offered()).toEqual(['Toutes', 'prospect-default', 'prospect-importé', 'prospect-in-pipe']);
    await list.selectOption({ label: 'prospect-default' });
    await page.waitForURL(/category=prospect&list=/);
    await page.getByRole('table', { name: /Entreprises identifiées/ }).getByRole('link', { name: 'Passant SARL' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('changes a scoring rule from the panel, follows the rescoring and sees it in the explanation', async () => {
    const context = await dashboardContext(w.browser, 'fr');
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await logInThroughForm(page, `${w.srv.url}/companies`, w.acct.email, w.acct.password, 'fr');
    await page.getByText('Règles de score').click();
    await page.getByRole('button', { name: 'Ajouter une page clé' }).click();
    await page.getByLabel('Motif de chemin 5').fill('/blog/*');
    await page.getByLabel('Libellé 5').fill('article de blog');
    await page.getByLabel('Points 5').fill('20');
    await page.getByRole('button', { name: 'Enregistrer et recalculer' }).click();
    await page.getByText(/Scores recalculés \(\d+ entreprises\)/).waitFor();
    await page.getByRole('link', { name: 'Acme Industrie' }).click();
    await page.getByRole('list', { name: 'Pourquoi ce score' }).getByText(/^\+\d+ pts — article de blog, il y a 6 jours$/).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
