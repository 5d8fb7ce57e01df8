/** The SIREN of La Poste: its establishments' SIRETs use a different check (sum of digits multiple of 5). */
export const LA_POSTE_SIREN = '356000000';

/** Luhn check of a digit string (the key of SIREN and SIRET numbers). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A 9-digit SIREN with a valid Luhn key. */
export function isValidSiren(s: string): boolean {
  return /^\d{9}$/.test(s) && luhnValid(s);
}

/**
 * A 14-digit SIRET: Luhn key over the 14 digits, except La Poste's establishments whose SIRETs
 * only have a sum of digits that is a multiple of 5; its first 9 digits must be a valid SIREN.
 */
export function isValidSiret(s: string): boolean {
  if (!/^\d{14}$/.test(s) || !isValidSiren(s.slice(0, 9))) return false;
  if (luhnValid(s)) return true;
  if (s.startsWith(LA_POSTE_SIREN)) return [...s].reduce((n, c) => n + Number(c), 0) % 5 === 0;
  return false;
}

export type SirenCell = { ok: true; siren: string } | { ok: false; reason: 'siren-format' | 'siren-checksum' };

/**
 * Reads a SIREN/SIRET cell as users type it (`552 100 554`, `552 100 554 00013`): spaces stripped,
 * 9 digits (SIREN) or 14 digits (SIRET, reduced to its SIREN for matching), key checked.
 */
export function parseSirenCell(value: string): SirenCell {
  const digits = value.replace(/[\s\u00a0\u202f.]/g, '');
  if (!/^\d+$/.test(digits) || (digits.length !== 9 && digits.length !== 14)) return { ok: false, reason: 'siren-format' };
  if (digits.length === 9) return isValidSiren(digits) ? { ok: true, siren: digits } : { ok: false, reason: 'siren-checksum' };
  return isValidSiret(digits) ? { ok: true, siren: digits.slice(0, 9) } : { ok: false, reason: 'siren-checksum' };
}
