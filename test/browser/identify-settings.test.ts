import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { recordCompanyEvidence } from '../../server/companies/repo.js';
import { recordLearnedMappingEvidence } from '../../server/identify/learned.js';
import { dashboardContext, logInThroughForm, overflowsHorizontally, watchPageErrors, type Lang } from './dashboard.js';
import { startDashboardWorld, useWorld } from './world.js';

const w = useWorld(() => startDashboardWorld());

beforeAll(() => {
  const { company } = recordCompanyEvidence(w.srv.deps.db, w.acct.orgId, { name: 'Globex', domain: 'globex.fr' }, { source: 'form_email', matchedValue: 'globex.fr', confidence: 0.9 }, Date.now());
  recordLearnedMappingEvidence(w.srv.deps.db, w.acct.orgId, { ip: '198.51.100.20', companyId: company.id, now: Date.now() });
});

async function openSettings(lang: Lang, width = 1280): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await dashboardContext(w.browser, lang, width);
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await logInThroughForm(page, `${w.srv.url}/settings`, w.acct.email, w.acct.password, lang);
  await page.getByRole('heading', { level: 1, name: lang === 'fr' ? 'Paramètres' : 'Settings' }).waitFor();
  return { context, page, errors };
}

describe('Settings: identification (Chromium)', () => {
  it('adds, edits and deletes an IP rule, with the server’s field error next to its input', async () => {
    const { context, page, errors } = await openSettings('en');
    const cidr = page.getByLabel('IP address or network');
    await cidr.fill('300.1.1.0/24');
    await page.getByLabel('Company name').fill('Acme');
    await page.getByRole('button', { name: 'Add the rule' }).click();
    await page.getByText('Enter an IPv4 or IPv6 address or network').waitFor();
    expect(await cidr.getAttribute('aria-invalid')).toBe('true');
    expect(await cidr.evaluate((el) => el === document.activeElement)).toBe(true);

    await cidr.fill('192.0.2.77/24');
    await page.getByLabel('Company domain (optional)').fill('acme.fr');
    await page.getByLabel('Note (optional)').fill('Head office');
    await page.getByRole('button', { name: 'Add the rule' }).click();
    await page.getByRole('status').getByText('Rule 192.0.2.0/24 added.').waitFor();
    const table = page.getByRole('table', { name: 'IP rules' });
    const row = table.getByRole('row', { name: /192\.0\.2\.0\/24/ });
    await row.getByText('Company: Acme (acme.fr)').waitFor();
    await row.getByText('Head office').waitFor();

    await page.getByRole('button', { name: 'Edit the rule 192.0.2.0/24' }).click();
    await page.getByRole('heading', { name: 'Edit the rule 192.0.2.0/24' }).waitFor();
    expect(await page.getByLabel('Company name').inputValue()).toBe('Acme');
    await page.getByLabel('Ignore them').check();
    await page.getByRole('button', { name: 'Save the rule' }).click();
    await page.getByRole('status').getByText('Rule 192.0.2.0/24 saved.').waitFor();
    await row.getByText('Ignore these visits').waitFor();

    await page.getByRole('button', { name: 'Delete the rule 192.0.2.0/24' }).click();
    await page.getByRole('status').getByText('Rule 192.0.2.0/24 deleted.').waitFor();
    await page.getByText('No rule yet.').waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('explains an identification, verdict by verdict', async () => {
    const { context, page, errors } = await openSettings('en');
    const ip = page.getByLabel('IP address', { exact: true });
    await ip.fill('1.2.3');
    await page.getByRole('button', { name: 'Explain' }).click();
    await page.getByText('Enter an IPv4 or IPv6 address, for example 192.0.2.7.').waitFor();
    expect(await ip.getAttribute('aria-invalid')).toBe('true');

    await ip.fill('2.3.4.5');
    await page.getByRole('button', { name: 'Explain' }).click();
    await page.getByText('No company: Internet service provider').waitFor();
    const evidence = page.getByRole('table', { name: 'Evidence, strongest first' });
    await evidence.getByRole('row', { name: /IP→ASN table.*Internet service provider.*AS3215/ }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('revokes and restores a learned mapping, in French, at tablet width', async () => {
    const { context, page, errors } = await openSettings('fr', 768);
    const table = page.getByRole('table', { name: 'Correspondances apprises' });
    const row = table.getByRole('row', { name: /198\.51\.100\.0\/24/ });
    await row.getByText('Globex (globex.fr)').waitFor();
    await row.getByText('Utilisée').waitFor();
    await page.getByRole('button', { name: 'Révoquer la correspondance 198.51.100.0/24 → Globex' }).click();
    await row.getByText('Révoquée').waitFor();
    await page.getByRole('status').getByText('Correspondance 198.51.100.0/24 → Globex révoquée.').waitFor();
    await page.getByRole('button', { name: 'Rétablir la correspondance 198.51.100.0/24 → Globex' }).click();
    await row.getByText('Utilisée').waitFor();

    const sources = page.getByRole('region', { name: 'Sources d’identification' });
    await sources.getByText('Table IP→ASN intégrée').waitFor();
    await sources.getByText('Non configurées (renseignez VIGIE_MAXMIND_DIR ou VIGIE_MAXMIND_FILES).').waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
