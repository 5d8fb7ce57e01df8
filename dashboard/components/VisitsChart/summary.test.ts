import { describe, expect, it } from 'vitest';
import { locale } from '../../i18n';
import { visitsSummary } from './summary';

const days = [
  { day: '2025-03-30', sessions: 0, pageviews: 0 },
  { day: '2025-03-31', sessions: 1200, pageviews: 3400 },
  { day: '2025-04-01', sessions: 3, pageviews: 5 },
];

describe('visitsSummary', () => {
  it('states the range, totals and busiest day in French', () => {
    locale.value = 'fr';
    const s = visitsSummary(days).replace(/\s/g, ' ');
    expect(s).toContain('Du 30 mars 2025 au 1 avr. 2025');
    expect(s).toContain('visites : 1 203, pages vues : 3 405');
    expect(s).toContain('Jour le plus actif : 31 mars 2025 (visites : 1 200)');
  });

  it('states the totals in English and leaves out the busiest day when there was no visit', () => {
    locale.value = 'en';
    expect(visitsSummary(days.slice(0, 1))).toBe('From Mar 30, 2025 to Mar 30, 2025 — visits: 0, pageviews: 0.');
  });
});
