import { badRequest } from '../http/errors.js';

export const DAY_MS = 86_400_000;
/** Longest range the visits endpoint answers: a year and a leap day. */
export const MAX_RANGE_DAYS = 366;
/** Default range: today and the 29 days before it (UTC). */
export const DEFAULT_RANGE_DAYS = 30;

export type DayRange = { from: string; to: string; startMs: number; endMs: number };

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Start of a UTC day (YYYY-MM-DD) in epoch ms. */
export const dayStart = (day: string) => Date.parse(`${day}T00:00:00.000Z`);

/**
 * Resolves optional `from`/`to` (YYYY-MM-DD, UTC, inclusive) to a range of whole days.
 * Missing bounds default to the last 30 days ending today; a reversed or over-long range is a 400.
 * Example: resolveDayRange({}, Date.parse('2025-03-31T12:00Z')) -> from 2025-03-02, to 2025-03-31.
 */
export function resolveDayRange(q: { from?: string; to?: string }, now: number): DayRange {
  const to = q.to ?? (q.from ? isoDay(dayStart(q.from) + (DEFAULT_RANGE_DAYS - 1) * DAY_MS) : isoDay(now));
  const from = q.from ?? isoDay(dayStart(to) - (DEFAULT_RANGE_DAYS - 1) * DAY_MS);
  const startMs = dayStart(from);
  const endMs = dayStart(to) + DAY_MS;
  if (startMs >= endMs) throw badRequest('from: must not be after to', 'from');
  if ((endMs - startMs) / DAY_MS > MAX_RANGE_DAYS) throw badRequest(`from: the range is limited to ${MAX_RANGE_DAYS} days`, 'from');
  return { from, to, startMs, endMs };
}

/** Every day of the range, in order, as YYYY-MM-DD. */
export function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  for (let ms = range.startMs; ms < range.endMs; ms += DAY_MS) days.push(isoDay(ms));
  return days;
}
