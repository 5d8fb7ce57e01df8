import { signal } from '@preact/signals';

export type Locale = 'fr' | 'en';
type Dict = Record<string, string>;

// Each slice keeps its strings in i18n/fr/<slice>.ts and i18n/en/<slice>.ts (same keys, checked by a test).
const merge = (mods: Record<string, { default: Dict }>): Dict => Object.assign({}, ...Object.values(mods).map((m) => m.default));
export const dictionaries: Record<Locale, Dict> = {
  fr: merge(import.meta.glob<{ default: Dict }>('./fr/*.ts', { eager: true })),
  en: merge(import.meta.glob<{ default: Dict }>('./en/*.ts', { eager: true })),
};

/** French when the browser prefers it (or a saved choice says so), English otherwise. */
export function detectLocale(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('vigie.locale') : null;
  if (saved === 'fr' || saved === 'en') return saved;
  const langs = typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [];
  for (const l of langs) {
    if (l.toLowerCase().startsWith('fr')) return 'fr';
    if (l.toLowerCase().startsWith('en')) return 'en';
  }
  return 'fr';
}

export const locale = signal<Locale>(detectLocale());

export function setLocale(l: Locale): void {
  locale.value = l;
  localStorage.setItem('vigie.locale', l);
  document.documentElement.lang = l;
}

/** Translates a key, filling `{name}` placeholders. Unknown keys show the key (visible in review). */
export function t(key: string, vars?: Record<string, string | number>): string {
  const s = dictionaries[locale.value][key] ?? key;
  return vars ? s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`)) : s;
}

/**
 * Translates a count: `${key}One` when the language says the number is singular (French: 0 and 1,
 * English: 1) and that key exists, else `key`; `{count}` is the number in the user's locale.
 * Example: tCount('companies.liveCount', 1) -> '1 entreprise sur le site…'.
 */
export function tCount(key: string, count: number, vars: Record<string, string | number> = {}): string {
  const one = new Intl.PluralRules(locale.value).select(count) === 'one' && dictionaries[locale.value][`${key}One`] !== undefined;
  return t(one ? `${key}One` : key, { ...vars, count: fmt.number(count) });
}

/** Dates and numbers in the user's locale. */
export const fmt = {
  number: (n: number) => new Intl.NumberFormat(locale.value).format(n),
  date: (ms: number) => new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium' }).format(ms),
  dateTime: (ms: number) => new Intl.DateTimeFormat(locale.value, { dateStyle: 'short', timeStyle: 'short' }).format(ms),
  time: (ms: number) => new Intl.DateTimeFormat(locale.value, { timeStyle: 'medium' }).format(ms),
  /** A UTC calendar day (`YYYY-MM-DD` or its midnight in ms), as the server buckets traffic. */
  day: (day: string | number, style: 'short' | 'medium' = 'medium') =>
    new Intl.DateTimeFormat(locale.value, style === 'short' ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' }).format(
      typeof day === 'number' ? day : Date.parse(`${day}T00:00:00Z`),
    ),
};
