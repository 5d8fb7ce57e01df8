import { z } from 'zod';
import type { CompanyRowView } from '../schemas/companies.js';
import type { Temperature } from '../schemas/scoring.js';
import { CATEGORIES } from '../segments/categories.js';
import { BOM, csvLine } from '../segments/csv/write.js';
import { countryName } from './countries.js';

export type CsvLang = 'fr' | 'en';

export const EXPORT_HEADERS: Record<CsvLang, readonly string[]> = {
  fr: ['Nom', 'Domaine', 'Catégorie', 'Liste', 'Score', 'Température', 'Dernière visite', 'Visites', 'Pages', 'Pays', 'Source principale'],
  en: ['Name', 'Domain', 'Category', 'List', 'Score', 'Temperature', 'Last visit', 'Visits', 'Pages', 'Country', 'Main source'],
};

/** The dashboard's words (scoring.hot/warm/cold), so the file says what the table says. */
export const TEMPERATURE_LABELS: Record<CsvLang, Record<Temperature, string>> = {
  fr: { hot: 'Chaud', warm: 'Tiède', cold: 'Froid' },
  en: { hot: 'Hot', warm: 'Warm', cold: 'Cold' },
};

/** The source of visits without referrer nor campaign, as the dashboard names it (companies.direct). */
export const DIRECT_LABEL: Record<CsvLang, string> = { fr: 'Accès direct', en: 'Direct' };

/** Whether this runtime knows the IANA time zone (`Europe/Paris`, `UTC`…). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * `?lang=&tz=` of the export: the dashboard sends its language and the browser's time zone.
 * Both optional (the caller then picks the profile's language, and UTC); present, they must be valid.
 */
export const zCsvOptions = z.object({
  lang: z.enum(['fr', 'en']).optional(),
  tz: z.string().max(64).refine(isTimeZone, 'unknown IANA time zone').optional(),
});

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A moment as the user's wall clock, to the minute: `24/11/2026 20:15` in French, `2026-11-24 20:15`
 * in English (year first: no day/month ambiguity). Built from parts so ICU versions cannot change it.
 */
export function localDateTime(ms: number, lang: CsvLang, tz: string): string {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
  return lang === 'fr' ? `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}` : `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

const categoryLabel = (id: string, lang: CsvLang) => CATEGORIES.find((c) => c.id === id)?.[lang] ?? id;

/**
 * The companies export in the user's language: headers, category and temperature labels, country
 * names and last visits in their time zone; scores and counts stay numbers. UTF-8 with a BOM and
 * `;` separators, as Excel in France opens it without an import dialog. Cells go through the same
 * formula neutralisation as every other export (segments' csvLine), since names and sources are visitor-controlled.
 * Example: companiesCsv(rows, { lang: 'fr', tz: 'Europe/Paris' }).
 */
export function companiesCsv(rows: CompanyRowView[], { lang = 'fr', tz = 'UTC' }: { lang?: CsvLang; tz?: string } = {}): string {
  let out = BOM + csvLine(EXPORT_HEADERS[lang]);
  for (const r of rows) {
    out += csvLine([
      r.name, r.domain, categoryLabel(r.list.category, lang), r.list.name, r.score, TEMPERATURE_LABELS[lang][r.temperature] ?? r.temperature,
      r.lastVisitAt === null ? null : localDateTime(r.lastVisitAt, lang, tz), r.visits, r.pages, r.country === null ? null : countryName(r.country, lang),
      r.topSource === '(direct)' ? DIRECT_LABEL[lang] : r.topSource,
    ]);
  }
  return out;
}
