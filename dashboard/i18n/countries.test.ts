import { afterEach, describe, expect, it } from 'vitest';
import { locale } from './index';
import { countryChoices, countryName } from './countries';

afterEach(() => {
  locale.value = 'fr';
});

describe('countryName', () => {
  it('names countries in French when the interface is French', () => {
    locale.value = 'fr';
    expect(countryName('FR')).toBe('France');
    expect(countryName('DE')).toBe('Allemagne');
    expect(countryName('BE')).toBe('Belgique');
  });

  it('names countries in English when the interface is English', () => {
    locale.value = 'en';
    expect(countryName('FR')).toBe('France');
    expect(countryName('DE')).toBe('Germany');
  });

  it('accepts a lower-case code', () => {
    locale.value = 'fr';
    expect(countryName('de')).toBe('Allemagne');
  });

  it('shows an unknown or malformed code as given, without throwing', () => {
    for (const code of ['XX', 'ZZ', 'FRA', 'F1', '', '12', 'é?']) expect(countryName(code)).toBe(code);
  });
});

describe('countryChoices', () => {
  it('keeps the code as the value and orders by name in the interface language', () => {
    locale.value = 'fr';
    expect(countryChoices(['DE', 'FR', 'ES'])).toEqual([['DE', 'Allemagne'], ['ES', 'Espagne'], ['FR', 'France']]);
    locale.value = 'en';
    expect(countryChoices(['DE', 'FR', 'ES'])).toEqual([['FR', 'France'], ['DE', 'Germany'], ['ES', 'Spain']]);
  });
});
