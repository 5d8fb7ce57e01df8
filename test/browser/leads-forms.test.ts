import { describe, expect, it } from 'vitest';
import { fill, leadByEmail, marketer, send, startLeadsWorld, visitor } from './leads-world.js';
import { useWorld } from './world.js';

// Lead forms embedded on a customer's own page (served under the server's origin by the test,
// carrying the real tracker snippet and the embed code the dashboard gives): no layout shift,
// host fonts and theme; and the forms editor that produces that embed code.

const w = useWorld(startLeadsWorld, 180_000);

const lead = (email: string) => leadByEmail(w, email);

describe('embedded lead forms and the forms editor (Chromium)', () => {
  it('renders the embedded form without moving the page (no layout shift)', async () => {
    expect((await fetch(`${w.srv.url}/api/forms/demo`)).status).toBe(200); // the demo site's form exists
    const { context: dash, page: m } = await marketer(w, '/forms');
    await m.getByRole('heading', { level: 1, name: 'Formulaires' }).waitFor();
    const embed = (await m.locator('pre code').first().textContent())!;
    expect(embed).toMatch(/^<div data-vigie-form="frm_[\w-]+" style="min-height:\d+px"><\/div>$/);
    await dash.close();

    // A customer's page (served here under the server's origin) with the snippet and the embed code.
    const siteKey = w.srv.deps.db.prepare('SELECT public_key FROM sites LIMIT 1').pluck().get() as string;
    const context = await visitor(w, '198.51.100.70');
    await context.route(`${w.srv.url}/landing`, (route) => route.fulfill({
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
    await page.goto(`${w.srv.url}/landing`);
    const before = await page.locator('#below').boundingBox();
    await page.getByLabel('E-mail professionnel').waitFor();
    const after = await page.locator('#below').boundingBox();
    expect(after!.y).toBe(before!.y);
    expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
    // The form inherits the host's font.
    expect(await page.getByLabel('Prénom').evaluate((el) => getComputedStyle(el).fontFamily)).toBe('Georgia, serif');
    await context.close();
  }, 120_000);
  it('keeps its look and takes leads on a host whose CSP refuses inline styles', async () => {
    const siteKey = w.srv.deps.db.prepare('SELECT public_key FROM sites LIMIT 1').pluck().get() as string;
    const formId = w.srv.deps.db.prepare("SELECT id FROM lead_forms WHERE site_id = (SELECT id FROM sites WHERE public_key = ?) LIMIT 1").pluck().get(siteKey) as string;
    const context = await visitor(w, '198.51.100.75');
    await context.route(`${w.srv.url}/strict`, (route) => route.fulfill({
      contentType: 'text/html',
      headers: { 'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'" },
      body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Strict</title>
        <script defer src="/t.js" data-site="${siteKey}" data-allow-localhost></script></head>
        <body><div data-vigie-form="${formId}"></div></body></html>`,
    }));
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __refused: string[] };
      w.__refused = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__refused.push(e.effectiveDirective));
    });
    await page.goto(`${w.srv.url}/strict`);
    await page.getByLabel('E-mail professionnel').waitFor();
    // The inline <style> was refused (the CSP works), yet the form has its stylesheet's look.
    await page.waitForFunction(() => (window as unknown as { __refused: string[] }).__refused.includes('style-src-elem'));
    expect(await page.getByRole('button', { name: 'Envoyer' }).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(36, 81, 183)');
    expect(await page.getByLabel('Prénom').evaluate((el) => getComputedStyle(el).height)).toBe('40px');
    await fill(page, { first: 'Inès', last: 'Stricte', email: 'ines@csp-industrie.fr' });
    await send(w, page);
    await context.close();
    expect(lead('ines@csp-industrie.fr')).toMatchObject({ first_name: 'Inès', quality: 'valid' });
  }, 120_000);

  it('builds a form in the editor, with a business-e-mail flag and a choice list, themed by the host; the report counts its leads', async () => {
    const { context: dash, page: m, errors } = await marketer(w, '/forms');
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
    // Saved with the keyboard: the editor goes, and the focus goes to the message saying it was saved.
    await editor.getByRole('button', { name: 'Enregistrer le formulaire' }).focus();
    await m.keyboard.press('Enter');
    await m.getByRole('status').getByText('Formulaire enregistré.').waitFor();
    const savedMessage = m.getByRole('status').filter({ hasText: 'Formulaire enregistré.' });
    await expect.poll(() => savedMessage.evaluate((el) => el === document.activeElement), { timeout: 15_000 }).toBe(true);
    const card = m.getByRole('article', { name: 'Webinaire' });
    const embed = (await card.locator('pre code').textContent())!;
    expect(embed).toMatch(/^<div data-vigie-form="frm_[\w-]+" style="min-height:\d+px"><\/div>$/);

    const siteKey = w.srv.deps.db.prepare('SELECT public_key FROM sites LIMIT 1').pluck().get() as string;
    const context = await visitor(w, '198.51.100.80');
    await context.route(`${w.srv.url}/webinaire?*`, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Webinaire</title>
        <script defer src="/t.js" data-site="${siteKey}" data-allow-localhost></script></head>
        <body style="--vigie-accent: rgb(200, 0, 0)">${embed}</body></html>`,
    }));
    const page = await context.newPage();
    await page.goto(`${w.srv.url}/webinaire?utm_source=partenaire`);
    await page.getByText('Merci d’utiliser votre adresse e-mail professionnelle.').waitFor();
    expect(await page.getByRole('button', { name: 'Envoyer' }).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(200, 0, 0)');
    await fill(page, { first: 'Zoé', last: 'Webi', email: 'zoe@kappa-conseil.fr' });
    await page.getByLabel('Taille de l’entreprise').selectOption({ label: '11 à 50 salariés' });
    await send(w, page);
    await context.close();
    expect(JSON.parse(String(lead('zoe@kappa-conseil.fr')!.custom))).toEqual({ taille: '11-50' });

    await m.goto(`${w.srv.url}/leads?view=report`);
    const byForm = m.getByRole('region', { name: 'Par formulaire' });
    const row = byForm.getByRole('row', { name: /Webinaire/ });
    expect(await row.getByRole('cell').first().textContent()).toBe('1');
    await m.getByRole('region', { name: 'Par source (premier contact)' }).getByRole('row', { name: /partenaire/ }).waitFor();
    // One summary sentence, no "1 leads" plural agreement to get wrong.
    await m.getByRole('status').filter({ hasText: /^Leads\u00a0: \d+ · qualifiés\u00a0: \d+ · convertis\u00a0: \d+ \(/ }).waitFor();
    expect(errors).toEqual([]);
    await dash.close();
  }, 120_000);
});
