import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { bootstrapFirstRun, type FirstRun } from '../../server/orgs/bootstrap.js';
import { dashboardContext, logInThroughForm, watchPageErrors } from './dashboard.js';

// The demo page (tracker + lead form) on a real server, visited by people (Chromium with a
// non-headless user agent) from client IPs set through a trusted proxy header; the marketer then
// works the leads in the dashboard. The server clock is the test's: a form "filled in 5 s" is
// the clock moved by 5 s, never a sleep.

let browser: Browser;
let srv: TestServer;
let first: FirstRun;
const clock = { now: Date.now() };

beforeAll(async () => {
  // dist/ is built by the vitest global setup (test/global-setup.ts), once for all test files.
  browser = await launchBrowser();
  srv = await startTestServer({ clock: () => clock.now, config: { trustedProxies: ['127.0.0.1'] } });
  const created = await bootstrapFirstRun(srv.deps.db);
  if (!created) throw new Error('bootstrapFirstRun created nothing');
  first = created;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

/** A person's browser on the network `ip` (the proxy in front of the server says so). */
async function visitor(ip: string): Promise<BrowserContext> {
  const context = await dashboardContext(browser, 'fr', 1280, { asPerson: true });
  await context.setExtraHTTPHeaders({ 'x-forwarded-for': ip });
  return context;
}

async function openDemo(context: BrowserContext, path = '/demo'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${srv.url}${path}`);
  await page.getByLabel('E-mail professionnel').waitFor(); // the tracker loaded the form bundle
  return page;
}

async function fill(page: Page, p: { first: string; last: string; email: string; company?: string }): Promise<void> {
  await page.getByLabel('Prénom').fill(p.first);
  await page.getByLabel(/^Nom/).fill(p.last);
  await page.getByLabel('E-mail professionnel').fill(p.email);
  if (p.company) await page.getByLabel('Entreprise').fill(p.company);
  await page.getByLabel('J’accepte d’être recontacté(e) au sujet de ma demande.').check();
}

const THANKS = 'Merci ! Nous revenons vers vous très vite.';
async function send(page: Page, { humanDelay = true } = {}): Promise<void> {
  if (humanDelay) clock.now += 5_000;
  await page.getByRole('button', { name: 'Envoyer' }).click();
  await page.getByRole('status').getByText(THANKS).waitFor();
}

async function marketer(path: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await dashboardContext(browser, 'fr');
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await logInThroughForm(page, `${srv.url}${path}`, first.email, first.password, 'fr');
  return { context, page, errors };
}

const lead = (email: string) => srv.deps.db.prepare('SELECT * FROM leads WHERE email = ?').get(email) as Record<string, unknown> | undefined;

describe('lead forms on the demo page (Chromium)', () => {
  it('shows inline errors, takes a keyboard-only fill, and the marketer finds the lead with its company and pages', async () => {
    const context = await visitor('198.51.100.50');
    const page = await openDemo(context, '/demo?utm_source=newsletter&utm_medium=email&utm_campaign=printemps');
    const pageErrors = watchPageErrors(page);
    await page.getByRole('link', { name: 'Pricing' }).click();
    await page.waitForURL('**/demo/pricing');

    // Wrong: nothing filled, then a broken address. Errors sit under their fields and in an alert.
    await page.getByRole('button', { name: 'Envoyer' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Le formulaire contient des erreurs').waitFor();
    const firstName = page.getByLabel('Prénom');
    expect(await firstName.getAttribute('aria-invalid')).toBe('true');
    expect(await firstName.evaluate((el) => el === document.activeElement)).toBe(true);
    const describedBy = (await firstName.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('Ce champ est obligatoire.');
    await alert.getByRole('link', { name: /E-mail professionnel/ }).click();
    expect(await page.getByLabel('E-mail professionnel').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('claire@acme');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.getByText('Saisissez une adresse e-mail valide, par exemple nom@entreprise.fr.', { exact: true }).waitFor();

    // Right, with the keyboard only: Tab from field to field (the honeypot is not in the way), Space, Enter.
    await firstName.focus();
    await page.keyboard.type('Claire');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Martin');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('claire.martin@acme-industrie.fr');
    await page.keyboard.press('Tab'); // phone (optional)
    await page.keyboard.press('Tab');
    await page.keyboard.type('Acme Industrie');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Nous voulons une démo.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Envoyer');
    clock.now += 5_000;
    await page.keyboard.press('Enter');
    const thanks = page.getByRole('status').getByText(THANKS);
    await thanks.waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();

    const { context: dash, page: m, errors } = await marketer('/leads');
    await m.getByRole('heading', { level: 1, name: 'Leads' }).waitFor();
    await m.getByRole('button', { name: '1 nouveau(x) lead(s)' }).waitFor();
    const row = m.getByRole('row', { name: /Claire Martin/ });
    await row.getByRole('link', { name: 'Acme Industrie' }).waitFor();
    await row.getByText('newsletter / email').waitFor();
    await row.getByRole('link', { name: 'Claire Martin' }).click();
    await m.getByRole('heading', { level: 1, name: 'Claire Martin' }).waitFor();
    await m.getByRole('region', { name: 'Entreprise' }).getByRole('link', { name: 'Acme Industrie' }).waitFor();
    const pages = m.getByRole('region', { name: 'Pages lues' });
    await pages.getByText('Avant le formulaire').waitFor();
    expect(await pages.locator('code').allTextContents()).toEqual(['/demo', '/demo/pricing']);
    await m.getByText('Nous voulons une démo.').waitFor();

    // Refusing needs a reason; the refused lead is found again by its reason, then reopened.
    const lifecycle = m.getByRole('region', { name: 'Suivi' });
    await lifecycle.getByLabel('Statut').selectOption({ label: 'Refusé' });
    await lifecycle.getByRole('button', { name: 'Appliquer' }).click();
    await lifecycle.getByText('Choisissez un motif pour refuser ce lead.').waitFor();
    await lifecycle.getByLabel('Motif du refus').selectOption({ label: 'Pas le bon moment' });
    await lifecycle.getByRole('button', { name: 'Appliquer' }).click();
    await lifecycle.getByText('Refusé (Pas le bon moment)').waitFor();
    await m.getByRole('region', { name: 'Historique' }).getByText('Statut : Nouveau → Refusé (Pas le bon moment)').waitFor();

    await m.goto(`${srv.url}/leads`);
    await m.getByLabel('Statut').selectOption({ label: 'Refusé' });
    await m.getByLabel('Motif de refus').selectOption({ label: 'Pas le bon moment' });
    await m.waitForURL(/refusedReason=timing/);
    await m.getByRole('row', { name: /Claire Martin/ }).getByRole('link', { name: 'Claire Martin' }).click();
    await m.getByRole('button', { name: 'Rouvrir' }).click();
    await lifecycle.getByText(/Statut :\s*Nouveau/).waitFor();
    await lifecycle.getByLabel('Statut').selectOption({ label: 'Qualifié' });
    await lifecycle.getByRole('button', { name: 'Appliquer' }).click();
    await lifecycle.getByText(/Statut :\s*Qualifié/).waitFor();

    // Follow-up: a task with its due date and a note; then the conversion into a customer.
    const tasks = m.getByRole('region', { name: 'Tâches' });
    await tasks.getByLabel('Tâche').fill('Rappeler mardi');
    await tasks.getByLabel('Échéance').fill('2030-01-08');
    await tasks.getByRole('button', { name: 'Ajouter la tâche' }).click();
    await tasks.getByRole('checkbox', { name: 'Faite : Rappeler mardi' }).waitFor();
    const notes = m.getByRole('region', { name: 'Notes' });
    await notes.getByLabel('Note').fill('Budget validé');
    await notes.getByRole('button', { name: 'Ajouter une note' }).click();
    await notes.getByText('Budget validé', { exact: true }).waitFor();
    await lifecycle.getByLabel('Classer aussi l’entreprise comme cliente (liste client-default)').check();
    await lifecycle.getByRole('button', { name: 'Convertir en client' }).click();
    await lifecycle.getByText(/Converti le .*: le contact a été créé\./).waitFor();
    await m.getByRole('region', { name: 'Entreprise' }).getByText('Liste : client-default').waitFor();
    expect(errors).toEqual([]);
    await dash.close();
  }, 120_000);

  it('marks honeypot and too-fast submissions as spam behind the same thank-you, merges duplicates, and keeps free mail without a company', async () => {
    const context = await visitor('198.51.100.60');
    const bot = await openDemo(context);
    await fill(bot, { first: 'Robot', last: 'Filler', email: 'robot@omega-sa.fr' });
    await bot.locator('input[name=website]').evaluate((el) => ((el as HTMLInputElement).value = 'http://cheap-pills.example'));
    await send(bot);

    const hasty = await openDemo(context);
    await fill(hasty, { first: 'Hasty', last: 'Script', email: 'hasty@omega-sa.fr' });
    await send(hasty, { humanDelay: false });

    const personal = await openDemo(context);
    await fill(personal, { first: 'Inès', last: 'Perso', email: 'ines.perso@gmail.com' });
    await send(personal);

    for (let i = 0; i < 2; i++) {
      const again = await openDemo(context);
      await fill(again, { first: 'Paul', last: 'Deux', email: 'paul@omega-sa.fr' });
      await send(again);
    }
    await context.close();

    expect(lead('robot@omega-sa.fr')).toMatchObject({ quality: 'spam', company_id: null });
    expect(lead('hasty@omega-sa.fr')).toMatchObject({ quality: 'spam' });
    expect(lead('ines.perso@gmail.com')).toMatchObject({ quality: 'valid', company_id: null });

    const { context: dash, page: m, errors } = await marketer('/leads');
    const inbox = m.getByRole('table', { name: 'Leads' });
    await inbox.getByRole('row', { name: /Paul Deux/ }).getByText('2 envois').waitFor();
    const ines = inbox.getByRole('row', { name: /Inès Perso/ });
    expect(await ines.getByRole('cell').nth(0).textContent()).toBe('—'); // no company from a personal address
    expect(await inbox.getByRole('row', { name: /Robot Filler|Hasty Script/ }).count()).toBe(0); // spam is hidden

    await m.getByLabel('Qualité').selectOption({ label: 'Spam' });
    await inbox.getByRole('row', { name: /Robot Filler/ }).getByText('Champ piège rempli').waitFor();
    await inbox.getByRole('row', { name: /Hasty Script/ }).getByText('Rempli trop vite').waitFor();
    await inbox.getByRole('row', { name: /Robot Filler/ }).getByRole('link', { name: 'Robot Filler' }).click();
    await m.getByRole('button', { name: 'Ce n’est pas du spam : restaurer' }).click();
    await m.getByText('Restauré depuis le spam').first().waitFor();
    expect(lead('robot@omega-sa.fr')).toMatchObject({ quality: 'valid' });
    expect(errors).toEqual([]);
    await dash.close();
  }, 120_000);

  it('learns an office network from two colleagues, then identifies a third, anonymous visitor from it', async () => {
    for (const [ip, email, name] of [['203.0.113.10', 'anne@delta-industries.fr', 'Anne'], ['203.0.113.11', 'bruno@delta-industries.fr', 'Bruno']] as const) {
      const context = await visitor(ip);
      const page = await openDemo(context);
      await fill(page, { first: name, last: 'Delta', email });
      await send(page);
      await context.close();
    }
    const companyId = String(lead('anne@delta-industries.fr')!.company_id);
    expect(lead('bruno@delta-industries.fr')!.company_id).toBe(companyId);

    const anonymous = await visitor('203.0.113.99');
    const page = await anonymous.newPage();
    await page.goto(`${srv.url}/demo/pricing`);
    await page.getByLabel('E-mail professionnel').waitFor();
    await anonymous.close();
    let session: { company_id: string; ident_source: string } | undefined;
    for (let i = 0; i < 500 && !session; i++) {
      session = srv.deps.db.prepare("SELECT company_id, ident_source FROM sessions WHERE ip_prefix = '203.0.113.0/24' AND lead_id IS NULL AND company_id IS NOT NULL").get() as typeof session;
      if (!session) await new Promise((r) => setTimeout(r, 20));
    }
    expect(session).toEqual({ company_id: companyId, ident_source: 'learned' });

    // The marketer sees the mapping in Settings, with its evidence.
    const { context: dash, page: m } = await marketer('/settings');
    const learned = m.getByRole('table', { name: 'Correspondances apprises' }).getByRole('row', { name: /203\.0\.113\.0\/24/ });
    await learned.getByText('Delta Industries').waitFor();
    await dash.close();
  }, 120_000);

  it('renders the embedded form without moving the page (no layout shift)', async () => {
    expect((await fetch(`${srv.url}/api/forms/demo`)).status).toBe(200); // the demo site's form exists
    const { context: dash, page: m } = await marketer('/forms');
    await m.getByRole('heading', { level: 1, name: 'Formulaires' }).waitFor();
    const embed = (await m.locator('pre code').first().textContent())!;
    expect(embed).toMatch(/^<div data-vigie-form="frm_[\w-]+" style="min-height:\d+px"><\/div>$/);
    await dash.close();

    // A customer's page (served here under the server's origin) with the snippet and the embed code.
    const siteKey = srv.deps.db.prepare('SELECT public_key FROM sites LIMIT 1').pluck().get() as string;
    const context = await visitor('198.51.100.70');
    await context.route(`${srv.url}/landing`, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Landing</title>
        <script defer src="/t.js" data-site="${siteKey}" data-allow-localhost></script></head>
        <body style="font:16px/1.5 Georgia,serif"><h1>Parlons de votre projet</h1>${embed}<p id="below">Texte sous le formulaire</p></body></html>`,
    }));
    const page = await context.newPage();
    await page.addInitScript(() => {
      (window as unknown as { __shift: number }).__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
          if (!e.hadRecentInput) (window as unknown as { __shift: number }).__shift += e.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${srv.url}/landing`);
    const before = await page.locator('#below').boundingBox();
    await page.getByLabel('E-mail professionnel').waitFor();
    const after = await page.locator('#below').boundingBox();
    expect(after!.y).toBe(before!.y);
    expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
    // The form inherits the host's font.
    expect(await page.getByLabel('Prénom').evaluate((el) => getComputedStyle(el).fontFamily)).toBe('Georgia, serif');
    await context.close();
  }, 120_000);
  it('builds a form in the editor, with a business-e-mail flag and a choice list, themed by the host; the report counts its leads', async () => {
    const { context: dash, page: m, errors } = await marketer('/forms');
    await m.getByRole('button', { name: 'Nouveau formulaire' }).click();
    const editor = m.getByRole('form', { name: 'Nouveau formulaire' });
    await editor.getByLabel('Nom interne').fill('Webinaire');
    await editor.getByLabel(/Exiger une adresse e-mail professionnelle/).check();
    await editor.getByRole('button', { name: 'Ajouter un champ' }).click();
    const field = editor.getByRole('group', { name: /Champ 8/ });
    await field.getByLabel('Type').selectOption({ label: 'Liste de choix' });
    await field.getByLabel('Clé').fill('taille');
    await field.getByLabel('Libellé en français').fill('Taille de l’entreprise');
    await field.getByLabel('Libellé en anglais').fill('Company size');
    await field.getByLabel(/Options/).fill('1-10 | 1 à 10 salariés | 1 to 10 staff\n11-50 | 11 à 50 salariés | 11 to 50 staff');
    await editor.getByRole('button', { name: 'Enregistrer le formulaire' }).click();
    await m.getByRole('status').getByText('Formulaire enregistré.').waitFor();
    const card = m.getByRole('article', { name: 'Webinaire' });
    const embed = (await card.locator('pre code').textContent())!;
    expect(embed).toMatch(/^<div data-vigie-form="frm_[\w-]+" style="min-height:\d+px"><\/div>$/);

    const siteKey = srv.deps.db.prepare('SELECT public_key FROM sites LIMIT 1').pluck().get() as string;
    const context = await visitor('198.51.100.80');
    await context.route(`${srv.url}/webinaire?*`, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Webinaire</title>
        <script defer src="/t.js" data-site="${siteKey}" data-allow-localhost></script></head>
        <body style="--vigie-accent: rgb(200, 0, 0)">${embed}</body></html>`,
    }));
    const page = await context.newPage();
    await page.goto(`${srv.url}/webinaire?utm_source=partenaire`);
    await page.getByText('Merci d’utiliser votre adresse e-mail professionnelle.').waitFor();
    expect(await page.getByRole('button', { name: 'Envoyer' }).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(200, 0, 0)');
    await fill(page, { first: 'Zoé', last: 'Webi', email: 'zoe@kappa-conseil.fr' });
    await page.getByLabel('Taille de l’entreprise').selectOption({ label: '11 à 50 salariés' });
    await send(page);
    await context.close();
    expect(JSON.parse(String(lead('zoe@kappa-conseil.fr')!.custom))).toEqual({ taille: '11-50' });

    await m.goto(`${srv.url}/leads?view=report`);
    const byForm = m.getByRole('region', { name: 'Par formulaire' });
    const row = byForm.getByRole('row', { name: /Webinaire/ });
    expect(await row.getByRole('cell').first().textContent()).toBe('1');
    await m.getByRole('region', { name: 'Par source (premier contact)' }).getByRole('row', { name: /partenaire/ }).waitFor();
    expect(errors).toEqual([]);
    await dash.close();
  }, 120_000);
});
