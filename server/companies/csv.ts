import type { CompanyRowView } from '../schemas/companies.js';

/**
 * A CSV cell, quoted when needed, with spreadsheet formulas neutralised: a cell starting with
 * `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` so Excel or LibreOffice shows it as text
 * instead of running it (a visitor-controlled company name or source must never become a formula).
 */
export function csvCell(value: string | number | null | undefined, delimiter = ';'): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return s.includes(delimiter) || /["\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export const EXPORT_HEADERS = ['Nom', 'Domaine', 'Catégorie', 'Liste', 'Score', 'Température', 'Dernière visite', 'Visites', 'Pages', 'Pays', 'Source principale'];

/**
 * The companies export: UTF-8 with a BOM and `;` separators, as Excel in France opens it
 * without an import dialog; dates in ISO 8601 (UTC).
 */
export function companiesCsv(rows: CompanyRowView[]): string {
  const line = (cells: Array<string | number | null>) => cells.map((c) => csvCell(c)).join(';');
  const out = ['\uFEFF' + line(EXPORT_HEADERS)];
  for (const r of rows) {
    out.push(line([
      r.name, r.domain, r.list.category, r.list.name, r.score, r.temperature,
      r.lastVisitAt === null ? null : new Date(r.lastVisitAt).toISOString(), r.visits, r.pages, r.country, r.topSource,
    ]));
  }
  return out.join('\r\n') + '\r\n';
}
