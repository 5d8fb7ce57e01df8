import { countryName as nameIn } from '../../server/companies/countries';
import { locale } from './index';

/**
 * A country's name in the interface language ("Allemagne" / "Germany" for `DE`); an unknown or
 * malformed code is shown as is. The same names as the server's CSV export.
 */
export function countryName(code: string): string {
  return nameIn(code, locale.value);
}

/** Country codes as `[code, name]` choices, ordered by name in the interface language. */
export function countryChoices(codes: readonly string[]): Array<[string, string]> {
  return codes.map((c): [string, string] => [c, countryName(c)]).sort((a, b) => a[1].localeCompare(b[1], locale.value));
}
