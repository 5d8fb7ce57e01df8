import { createRequire } from 'node:module';
import { nameKey, registrableDomain } from '../../companies/normalize.js';
import { parseSirenCell } from '../siren.js';
import { COLUMN_LABELS, type ColumnKey, type ColumnMap } from './header.js';
import type { ReasonCode } from './reasons.js';

/** A row that passed every rule, reduced to its matching keys. */
export type ValidRow = { name: string; nameKey: string; siren: string | null; emailDomain: string | null; webDomain: string | null };
export type RowViolation = { column: string; reason: ReasonCode; value: string | null };

let freeMail: Set<string> | null = null;
/** Free and ISP mail domains (gmail.com, free.fr, orange.fr, …) from the maintained `email-providers` list. */
export function isFreeMailDomain(domain: string): boolean {
  freeMail ??= new Set(createRequire(import.meta.url)('email-providers/all.json') as string[]);
  return freeMail.has(domain.toLowerCase());
}

const clean = (s: string | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

// "One value per cell": what several values pasted in one cell look like. A cell such as
// "not a site" is one bad value, not several, so domains count only when two parts look like domains.
const severalDomains = (v: string) => v.split(/[,;|\s]+/).filter((p) => p && registrableDomain(p.replace(/^.*@/, ''))).length >= 2;
const SEVERAL: Record<ColumnKey, (v: string) => boolean> = {
  name: (v) => /[\n\r|\t]/.test(v),
  siren: (v) => /[,;|/\n\r\t]/.test(v) || /^\d{9}(\d{5})?\s+\d{9}(\d{5})?$/.test(v),
  emailDomain: severalDomains,
  website: severalDomains,
};

/**
 * Applies the row rules: `Nom` required, at least 2 of the 4 columns filled, one value per cell,
 * SIREN/SIRET with a valid key (reduced to the SIREN), a company email domain without `@`, a
 * website reduced to its registrable domain. Every violation is returned; the row is kept only without any.
 */
export function checkRow(cells: string[], columns: ColumnMap, width: number): { row: ValidRow | null; violations: RowViolation[] } {
  const v: RowViolation[] = [];
  const value = (k: ColumnKey) => (columns[k] === undefined ? '' : clean(cells[columns[k]]));
  const add = (k: ColumnKey | null, reason: ReasonCode, val: string | null) => v.push({ column: k ? COLUMN_LABELS[k] : '', reason, value: val });

  const extra = cells.slice(width).filter((c) => clean(c) !== '');
  if (extra.length) add(null, 'extra-cells', extra.join(' | ').slice(0, 200));

  const keys: ColumnKey[] = ['name', 'siren', 'emailDomain', 'website'];
  const filled = keys.filter((k) => value(k) !== '');
  const name = value('name');
  if (!name) add('name', 'name-required', null);
  if (filled.length < 2) add(null, 'too-few-columns', null);

  for (const k of filled) {
    if (SEVERAL[k](value(k))) add(k, 'multiple-values', value(k));
  }
  const several = new Set(v.filter((x) => x.reason === 'multiple-values').map((x) => x.column));
  const ok = (k: ColumnKey) => value(k) !== '' && !several.has(COLUMN_LABELS[k]);

  const key = name ? nameKey(name) : '';
  if (ok('name') && name.length > 200) add('name', 'name-too-long', name.slice(0, 200));
  else if (ok('name') && !key) add('name', 'name-invalid', name);

  let siren: string | null = null;
  if (ok('siren')) {
    const s = parseSirenCell(value('siren'));
    if (s.ok) siren = s.siren;
    else add('siren', s.reason, value('siren'));
  }

  let emailDomain: string | null = null;
  if (ok('emailDomain')) {
    const raw = value('emailDomain');
    const reg = raw.includes('@') ? null : registrableDomain(raw);
    if (raw.includes('@')) add('emailDomain', 'email-domain-at', raw);
    else if (!reg || !/^[a-z0-9.-]+$/i.test(raw)) add('emailDomain', 'email-domain-invalid', raw);
    else if (isFreeMailDomain(raw) || isFreeMailDomain(reg)) add('emailDomain', 'email-domain-free', raw);
    else emailDomain = reg;
  }

  let webDomain: string | null = null;
  if (ok('website')) {
    const raw = value('website');
    webDomain = raw.includes('@') ? null : registrableDomain(raw);
    if (!webDomain) add('website', 'website-invalid', raw);
  }

  if (v.length) return { row: null, violations: v };
  return { row: { name, nameKey: key, siren, emailDomain, webDomain }, violations: [] };
}
