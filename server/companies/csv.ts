import type { CompanyRowView } from '../schemas/companies.js';
import { BOM, csvLine } from '../segments/csv/write.js';

export const EXPORT_HEADERS = ['Nom', 'Domaine', 'Catégorie', 'Liste', 'Score', 'Température', 'Dernière visite', 'Visites', 'Pages', 'Pays', 'Source principale'];

/**
 * The companies export: UTF-8 with a BOM and `;` separators, as Excel in France opens it
 * without an import dialog; dates in ISO 8601 (UTC). Cells go through the same formula
 * neutralisation as every other export (segments' csvLine), since names and sources are visitor-controlled.
 */
export function companiesCsv(rows: CompanyRowView[]): string {
  let out = BOM + csvLine(EXPORT_HEADERS);
  for (const r of rows) {
    out += csvLine([
      r.name, r.domain, r.list.category, r.list.name, r.score, r.temperature,
      r.lastVisitAt === null ? null : new Date(r.lastVisitAt).toISOString(), r.visits, r.pages, r.country, r.topSource,
    ]);
  }
  return out;
}
