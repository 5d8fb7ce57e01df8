import { createRequire } from 'node:module';
import maxmind, { type Reader, type Response } from 'maxmind';

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

  /** `fromMaxmind` is the country the MaxMind databases gave, if any. */
  resolve(ip: string, fromMaxmind?: string | null): string | null {
    if (fromMaxmind) return fromMaxmind.toUpperCase();
    if (!this.reader) return null;
    try {
      const r = this.reader.get(ip) as { country_code?: string } | null;
      return r?.country_code ? r.country_code.toUpperCase() : null;
    } catch {
      return null;
    }
  }
}
