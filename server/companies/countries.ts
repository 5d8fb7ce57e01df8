/** Country names are only looked up for what can be an ISO 3166-1 alpha-2 code. */
const ALPHA2 = /^[A-Za-z]{2}$/;

const namers = new Map<string, Intl.DisplayNames | null>();

function namer(lang: string): Intl.DisplayNames | null {
  let n = namers.get(lang);
  if (n === undefined) {
    try {
      // fallback 'none': an unassigned code answers undefined instead of echoing itself.
      n = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    } catch {
      n = null; // a runtime without the locale data (or without DisplayNames): codes it is
    }
    namers.set(lang, n);
  }
  return n;
}

/**
 * A country's name in the user's language, from its ISO 3166-1 alpha-2 code (any case); anything
 * else, unassigned codes and `ZZ` ("unknown region") come back as given. Never throws.
 * Example: countryName('de', 'fr') -> 'Allemagne'; countryName('XX', 'en') -> 'XX'.
 */
export function countryName(code: string, lang: 'fr' | 'en'): string {
  if (!ALPHA2.test(code)) return code;
  const upper = code.toUpperCase();
  if (upper === 'ZZ') return code;
  try {
    return namer(lang)?.of(upper) ?? code;
  } catch {
    return code;
  }
}
