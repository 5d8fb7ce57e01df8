import { describe, expect, it } from 'vitest';
import { isValidSiren, isValidSiret, luhnValid, parseSirenCell } from './siren.js';

describe('SIREN and SIRET validation', () => {
  it('accepts a SIREN whose Luhn key is right and refuses one digit off', () => {
    expect(luhnValid('552100554')).toBe(true);
    expect(isValidSiren('552100554')).toBe(true);
    expect(isValidSiren('552100555')).toBe(false);
    expect(isValidSiren('55210055')).toBe(false);
  });

  it('accepts a SIRET with a valid Luhn key over 14 digits', () => {
    expect(isValidSiret('55210055410004')).toBe(true);
    expect(isValidSiret('55210055410005')).toBe(false);
  });

  it('accepts La Poste establishments, whose SIRET fails Luhn but sums to a multiple of 5', () => {
    expect(luhnValid('35600000049837')).toBe(false);
    expect(isValidSiret('35600000049837')).toBe(true);
    expect(isValidSiret('35600000000000')).toBe(false); // sum 14: not a multiple of 5
  });

  it('does not extend the La Poste exception to other SIRENs', () => {
    // Digits sum to 30 (a multiple of 5) but the key is wrong and the SIREN is not La Poste's.
    expect(luhnValid('55210055400003')).toBe(false);
    expect(isValidSiret('55210055400003')).toBe(false);
  });

  it('strips spaces and reduces a SIRET to its SIREN', () => {
    expect(parseSirenCell('552 100 554')).toEqual({ ok: true, siren: '552100554' });
    expect(parseSirenCell(' 552\u00a0100\u00a0554 10004 ')).toEqual({ ok: true, siren: '552100554' });
    expect(parseSirenCell('35600000049837')).toEqual({ ok: true, siren: '356000000' });
  });

  it('names the reason of a refusal', () => {
    expect(parseSirenCell('12345')).toEqual({ ok: false, reason: 'siren-format' });
    expect(parseSirenCell('ABC100554')).toEqual({ ok: false, reason: 'siren-format' });
    expect(parseSirenCell('552100555')).toEqual({ ok: false, reason: 'siren-checksum' });
  });
});
