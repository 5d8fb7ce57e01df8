import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * A phone number checked for the site's default country (`06 12 34 56 78` in France), or given
 * in international form (`+44 20 …`). Valid numbers come back in E.164 (`+33612345678`).
 */
export function checkPhone(raw: string, defaultCountry: string): { valid: true; e164: string } | { valid: false } {
  try {
    const parsed = parsePhoneNumberFromString(raw, defaultCountry.toUpperCase() as CountryCode);
    return parsed && parsed.isValid() ? { valid: true, e164: parsed.number } : { valid: false };
  } catch {
    return { valid: false }; // an unknown country code in the site settings: treat as unparsable
  }
}
