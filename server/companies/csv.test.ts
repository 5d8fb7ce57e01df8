import { describe, expect, it } from 'vitest';
import frCompanies from '../../dashboard/i18n/fr/companies';
import enCompanies from '../../dashboard/i18n/en/companies';
import frScoring from '../../dashboard/i18n/fr/scoring';
import enScoring from '../../dashboard/i18n/en/scoring';
import { DIRECT_LABEL, TEMPERATURE_LABELS } from './csv';
import { isTimeZone, localDateTime } from '../segments/csv/user-clock';

describe('companies CSV wording', () => {
  it('uses the words the dashboard shows for temperatures and direct visits', () => {
    for (const [lang, scoring, companies] of [['fr', frScoring, frCompanies], ['en', enScoring, enCompanies]] as const) {
      for (const temp of ['hot', 'warm', 'cold'] as const) expect(TEMPERATURE_LABELS[lang][temp], `${lang} ${temp}`).toBe(scoring[`scoring.${temp}`]);
      expect(DIRECT_LABEL[lang]).toBe(companies['companies.direct']);
    }
  });
});

describe('localDateTime', () => {
  const at = Date.parse('2026-03-29T00:30:00Z'); // half an hour before Paris moves to summer time

  it('writes the wall clock of the zone, day first in French and year first in English', () => {
    expect(localDateTime(at, 'fr', 'Europe/Paris')).toBe('29/03/2026 01:30');
    expect(localDateTime(at + 3600_000, 'fr', 'Europe/Paris')).toBe('29/03/2026 03:30');
    expect(localDateTime(at, 'en', 'America/New_York')).toBe('2026-03-28 20:30');
    expect(localDateTime(Date.parse('2026-01-01T00:05:00Z'), 'en', 'UTC')).toBe('2026-01-01 00:05');
  });

  it('tells known IANA zones from anything else', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
