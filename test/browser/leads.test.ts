import { describe, expect, it } from 'vitest';
import { watchPageErrors } from './dashboard.js';
import { fill, leadByEmail, marketer, openDemo, send, startLeadsWorld, THANKS, visitor } from './leads-world.js';
import { useWorld } from './world.js';

// The demo page (tracker + lead form) on a real server, visited by people from client IPs set
// through a trusted proxy header; the marketer then works the leads in the dashboard.

const w = useWorld(startLeadsWorld, 180_000);

const lead = (email: string) => leadByEmail(w, email);

describe('lead forms on the demo page (Chromium)', () => {
  it('shows inline errors, takes a keyboard-only fill, and the marketer finds the lead with its company and pages', async () => {
    const context = await visitor(w, '198.51.100.50');
    const page = await openDemo(w, context, '/demo?utm_source=newsletter&utm_medium=email&utm_campaign=printemps');
    const pageErrors = watchPageErrors(page);
    await page.getByRole('link', { name: 'Tarifs' }).click();
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
    w.clock.now += 5_000;
    await page.keyboard.press('Enter');
    const thanks = page.getByRole('status').getByText(THANKS);
    await thanks.waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();

    const { context: dash, page: m, errors } = await marketer(w, '/leads');
    await m.getByRole('heading', { level: 1, name: 'Leads' }).waitFor();
    await m.getByRole('button', { name: '1 nouveau lead' }).waitFor();
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
    // With the keyboard: the status form goes once the lead is refused, and the focus goes to the message, not to <body>.
    await lifecycle.getByRole('button', { name: 'Appliquer' }).focus();
    await m.keyboard.press('Enter');
    await lifecycle.getByText('Refusé (Pas le bon moment)').waitFor();
    const saved = lifecycle.getByRole('status').filter({ hasText: 'Enregistré.' });
    await expect.poll(() => saved.evaluate((el) => el === document.activeElement), { timeout: 15_000 }).toBe(true);
    await m.getByRole('region', { name: 'Historique' }).getByText('Statut : Nouveau → Refusé (Pas le bon moment)').waitFor();

    await m.goto(`${w.srv.url}/leads`);
    await m.getByLabel('Statut').selectOption({ label: 'Refusé' });
    await m.getByLabel('Motif de refus').selectOption({ label: 'Pas le bon moment' });
    await m.waitForURL(/refusedReason=timing/);
    await m.getByRole('row', { name: /Claire Martin/ }).getByRole('link', { name: 'Claire Martin' }).click();
    await m.getByRole('button', { name: 'Rouvrir' }).click();
    await lifecycle.getByText(/Statut :\s*Nouveau/).waitFor();
    await lifecycle.getByLabel('Statut').selectOption({ label: 'Qualifié' });
    // The status form stays: its button keeps the focus.
    const apply = lifecycle.getByRole('button', { name: 'Appliquer' });
    await apply.focus();
    await m.keyboard.press('Enter');
    await lifecycle.getByText(/Statut :\s*Qualifié/).waitFor();
    await m.waitForLoadState('networkidle');
    expect(await apply.evaluate((el) => el === document.activeElement)).toBe(true);

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
    // The company page lists the lead with its status in the user's language.
    await m.getByRole('region', { name: 'Entreprise' }).getByRole('link').first().click();
    await m.getByRole('listitem').filter({ hasText: 'Claire Martin' }).getByText(/· Converti ·/).waitFor();
    expect(errors).toEqual([]);
    await dash.close();
  }, 120_000);

  it('marks honeypot and too-fast submissions as spam behind the same thank-you, merges duplicates, and keeps free mail without a company', async () => {
    const context = await visitor(w, '198.51.100.60');
    const bot = await openDemo(w, context);
    await fill(bot, { first: 'Robot', last: 'Filler', email: 'robot@omega-sa.fr' });
    await bot.locator('input[name=website]').evaluate((el) => ((el as HTMLInputElement).value = 'http://cheap-pills.example'));
    await send(w, bot);

    const hasty = await openDemo(w, context);
    await fill(hasty, { first: 'Hasty', last: 'Script', email: 'hasty@omega-sa.fr' });
    await send(w, hasty, { humanDelay: false });

    const personal = await openDemo(w, context);
    await fill(personal, { first: 'Inès', last: 'Perso', email: 'ines.perso@gmail.com' });
    await send(w, personal);

    for (let i = 0; i < 2; i++) {
      const again = await openDemo(w, context);
      await fill(again, { first: 'Paul', last: 'Deux', email: 'paul@omega-sa.fr' });
      await send(w, again);
    }
    await context.close();

    expect(lead('robot@omega-sa.fr')).toMatchObject({ quality: 'spam', company_id: null });
    expect(lead('hasty@omega-sa.fr')).toMatchObject({ quality: 'spam' });
    // The demo form asks for a work address: a personal one is kept, marked suspect, without a company.
    expect(lead('ines.perso@gmail.com')).toMatchObject({ quality: 'suspect', company_id: null });

    const { context: dash, page: m, errors } = await marketer(w, '/leads');
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
      const context = await visitor(w, ip);
      const page = await openDemo(w, context);
      await fill(page, { first: name, last: 'Delta', email });
      await send(w, page);
      await context.close();
    }
    const companyId = String(lead('anne@delta-industries.fr')!.company_id);
    expect(lead('bruno@delta-industries.fr')!.company_id).toBe(companyId);

    const anonymous = await visitor(w, '203.0.113.99');
    const page = await anonymous.newPage();
    await page.goto(`${w.srv.url}/demo/pricing`);
    await page.getByLabel('E-mail professionnel').waitFor();
    await anonymous.close();
    let session: { company_id: string; ident_source: string } | undefined;
    for (let i = 0; i < 500 && !session; i++) {
      session = w.srv.deps.db.prepare("SELECT company_id, ident_source FROM sessions WHERE ip_prefix = '203.0.113.0/24' AND lead_id IS NULL AND company_id IS NOT NULL").get() as typeof session;
      if (!session) await new Promise((r) => setTimeout(r, 20));
    }
    expect(session).toEqual({ company_id: companyId, ident_source: 'learned' });

    // The marketer sees the mapping in Settings, with its evidence.
    const { context: dash, page: m } = await marketer(w, '/settings');
    const learned = m.getByRole('table', { name: 'Correspondances apprises' }).getByRole('row', { name: /203\.0\.113\.0\/24/ });
    await learned.getByText('Delta Industries').waitFor();
    await learned.getByText('anne@delta-industries.fr, bruno@delta-industries.fr').waitFor();
    await dash.close();
  }, 120_000);
});
