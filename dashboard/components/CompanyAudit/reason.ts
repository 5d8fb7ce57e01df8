import { t } from '../../i18n';

// The server stores why a company moved as plain English (server/segments/placement.ts,
// server/segments/imports/apply.ts, server/segments/rules/apply.ts, server/leads/convert.ts,
// server/companies/move.ts, server/segments/lists.ts, server/segments/snapshots.ts): known forms are
// shown in the user's language, anything else as stored (as text only).
const PATTERNS: ReadonlyArray<[RegExp, string, (m: RegExpExecArray) => Record<string, string>]> = [
  [/^new company$/, 'companies.reason.new', () => ({})],
  [/^moved by hand$/, 'companies.reason.hand', () => ({})],
  [/^snapshot restored$/, 'companies.reason.restored', () => ({})],
  [/^rule (.+) \(applied to existing companies\)$/s, 'companies.reason.ruleExisting', (m) => ({ name: m[1]! })],
  [/^rule (.+)$/s, 'companies.reason.rule', (m) => ({ name: m[1]! })],
  [/^list (.+) deleted$/s, 'companies.reason.listDeleted', (m) => ({ name: m[1]! })],
  // Retroactive matching (server/segments/imports/apply.ts), a company leaving a replaced list, a conversion.
  [/^matched by (SIREN|email domain|website|name)$/, 'companies.reason.fileMatched', (m) => ({ by: t(`companies.reason.by.${m[1]!.replace(' ', '-')}`) })],
  [/^no longer in the file imported into (.+)$/s, 'companies.reason.leftFile', (m) => ({ name: m[1]! })],
  [/^lead \S+ converted$/, 'companies.reason.converted', () => ({})],
  [/^matched imported row "(.*)" by (SIREN|email domain|website|name)$/s, 'companies.reason.imported', (m) => ({ name: m[1]!, by: t(`companies.reason.by.${m[2]!.replace(' ', '-')}`) })],
];

/** A list move's reason in the user's language. Example: 'new company' -> 'nouvelle entreprise'. */
export function auditReason(reason: string | null): string {
  if (!reason) return '';
  for (const [re, key, vars] of PATTERNS) {
    const m = re.exec(reason);
    if (m) return t(key, vars(m));
  }
  return reason;
}
