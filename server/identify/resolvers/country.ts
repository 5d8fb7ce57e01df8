import { createRequire } from 'node:module';
import maxmind, { type Reader, type Response } from 'maxmind';
import type { PrefixSpan } from '../prefix-span.js';

/** Path of the embedded, CC0 country database (@ip-location-db/geo-whois-asn-country-mmdb). */
export function embeddedCountryFile(): string {
  return createRequire(import.meta.url).resolve('@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb');
}

/**
 * Resolver 5: the visit's country. The user's MaxMind City/Country (or Enterprise) answer wins;
 * otherwise the embedded database. Country codes are upper-case ISO 3166-1 alpha-2.
 */
export class CountryResolver {
  private reader: Reader<Response> | null = null;

  async open(file = embeddedCountryFile()): Promise<void> {
    this.reader = await maxmind.open<Response>(file);
  }

  get ready(): boolean {
    return this.reader !== null;
  }

  /**
   * `fromMaxmind` is the country the MaxMind databases gave, if any; `span` learns whether the
   * embedded database's answer holds for the whole prefix (some of its networks are narrower).
   */
  resolve(ip: string, fromMaxmind?: string | null, span?: PrefixSpan): string | null {
    if (fromMaxmind) return fromMaxmind.toUpperCase();
    if (!this.reader) return null;
    try {
      const [r, prefixLength] = this.reader.getWithPrefixLength(ip) as [{ country_code?: string } | null, number];
      span?.within(prefixLength);
      return r?.country_code ? r.country_code.toUpperCase() : null;
    } catch {
      span?.narrow();
      return null;
    }
  }
}
