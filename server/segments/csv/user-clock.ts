import { z } from 'zod';

/**
 * How exports write a moment for their reader: in their language and on their wall clock. Shared
 * by every CSV export (companies, segment lists), which the dashboard calls with `?lang=&tz=`.
 */
export type CsvLang = 'fr' | 'en';

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
