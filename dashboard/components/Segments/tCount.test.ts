import { describe, expect, it } from 'vitest';
import { locale, tCount } from '../../i18n';
const companiesCount = (n: number) => tCount('segments.category.companies', n);

describe('company count of a category', () => {
  it('is singular for 0 and 1 in French and for 1 only in English', () => {
    locale.value = 'fr';
    expect([0, 1, 2, 1500].map(companiesCount)).toEqual(['0 entreprise', '1 entreprise', '2 entreprises', '1\u202f500 entreprises']);
    locale.value = 'en';
    expect([0, 1, 2].map(companiesCount)).toEqual(['0 companies', '1 company', '2 companies']);
  });
});
