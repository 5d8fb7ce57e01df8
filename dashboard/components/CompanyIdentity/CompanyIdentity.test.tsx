// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../../i18n';
import { CompanyIdentity } from './CompanyIdentity';
import type { CompanyDetail } from '../../../server/schemas/companies';

const list = { id: 'lst_1', name: 'prospect-default', category: 'prospect', locked: false } as CompanyDetail['company']['list'];
const detail = {
  company: { id: 'cmp_1', name: 'Acme', domain: 'acme.fr', siren: null, country: 'FR', tags: [], list, bestSource: 'asn_table', bestConfidence: 0.5, firstSeenAt: 1, lastSeenAt: 2 },
  stats: { visits: 1, pages: 1, engagedMs: 0, firstVisitAt: 1, lastVisitAt: 2, topSource: null, networkClass: 'company' },
  score: {} as CompanyDetail['score'],
  evidence: [
    { source: 'manual_rule', matchedValue: '192.0.2.0/24', confidence: 1, seenAt: Date.parse('2026-03-02T10:00:00Z'), firstSeenAt: 0, times: 1 },
    { source: 'asn_table', matchedValue: '<img src=x onerror=alert(1)>', confidence: 0.5, seenAt: Date.parse('2026-03-01T10:00:00Z'), firstSeenAt: 0, times: 1200 },
  ],
  moves: [],
} as CompanyDetail;

afterEach(() => render(null, document.body));

describe('CompanyIdentity: why this company', () => {
  it('names each evidence source, its confidence and how many times it was seen in the chosen language, matched values as inert text', () => {
    locale.value = 'fr';
    render(<CompanyIdentity detail={detail} />, document.body);
    const rows = [...document.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)).map(([src, value, conf, , times]) => [src, value, conf, times]);
    expect(rows).toEqual([
      ['Règle IP', '192.0.2.0/24', '100 %', '1'],
      ['Table IP→ASN', '<img src=x onerror=alert(1)>', '50 %', '1\u202f200'],
    ]);
    expect(document.querySelector('img')).toBeNull();
    locale.value = 'en';
    render(<CompanyIdentity detail={detail} />, document.body);
    expect(document.querySelector('tbody tr td')!.textContent).toBe('IP rule');
  });

  it("names the company's country in the chosen language, its code as the title", () => {
    const german = { ...detail, company: { ...detail.company, country: 'DE' } };
    const country = (label: string) => [...document.querySelectorAll('dt')].find((dt) => dt.textContent === label)!.nextElementSibling!;
    locale.value = 'fr';
    render(<CompanyIdentity detail={german} />, document.body);
    expect(country('Pays').textContent).toBe('Allemagne');
    expect(country('Pays').getAttribute('title')).toBe('DE');
    locale.value = 'en';
    render(<CompanyIdentity detail={german} />, document.body);
    expect(country('Country').textContent).toBe('Germany');
  });
});
