import type { CompanyRowView } from '../schemas/companies.js';
import type { Temperature } from '../schemas/scoring.js';
import { CATEGORIES } from '../segments/categories.js';
import { BOM, csvLine } from '../segments/csv/write.js';
import { countryName } from './countries.js';
import { localDateTime, type CsvLang } from '../segments/csv/user-clock.js';

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
