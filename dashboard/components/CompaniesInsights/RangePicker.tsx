import { t } from '../../i18n';
import { lastDays, type Range } from './CompaniesInsights';
import styles from './CompaniesInsights.module.css';

const PRESETS = [7, 30, 90] as const;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
/** What the API answers at most (server/overview/days.ts MAX_RANGE_DAYS). */
const MAX_DAYS = 366;

const span = (r: Range) => (Date.parse(r.to) - Date.parse(r.from)) / DAY_MS + 1;

/**
 * The range in the URL (`?from=&to=`), or the last 30 days when it is missing, malformed,
 * reversed or longer than the API answers (a hand-edited link never shows an error).
 */
export function rangeFromQuery(query: Record<string, string | undefined>): Range {
  const { from, to } = query;
  if (from && to && DAY_RE.test(from) && DAY_RE.test(to) && from <= to && span({ from, to }) <= MAX_DAYS) return { from, to };
  return lastDays(30);
}

/** A start after the end moves the end (and the reverse), and the span stays within what the API answers. */
function adjust(r: Range, moved: 'from' | 'to'): Range {
  if (r.from > r.to) r = moved === 'from' ? { from: r.from, to: r.from } : { from: r.to, to: r.to };
  if (span(r) <= MAX_DAYS) return r;
  const shift = (day: string, days: number) => new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);
  return moved === 'from' ? { from: r.from, to: shift(r.from, MAX_DAYS - 1) } : { from: shift(r.to, -(MAX_DAYS - 1)), to: r.to };
}

/** Last 7/30/90 days, or any two dates (UTC days, both included). */
export function RangePicker({ value, onChange }: { value: Range; onChange: (r: Range) => void }) {
  const preset = PRESETS.find((d) => {
    const r = lastDays(d);
    return r.from === value.from && r.to === value.to;
  });
  return (
    <div class={styles.range}>
      <label>
        {t('companies.overview.range')}
        <select value={preset ? String(preset) : 'custom'} onChange={(e) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          if (v !== 'custom') onChange(lastDays(Number(v)));
        }}>
          {PRESETS.map((d) => <option key={d} value={String(d)}>{t(`companies.overview.days${d}`)}</option>)}
          <option value="custom">{t('companies.overview.custom')}</option>
        </select>
      </label>
      <label>
        {t('companies.overview.rangeFrom')}
        <input type="date" value={value.from} max={value.to} onChange={(e) => {
          const from = (e.currentTarget as HTMLInputElement).value;
          if (DAY_RE.test(from)) onChange(adjust({ ...value, from }, 'from'));
        }} />
      </label>
      <label>
        {t('companies.overview.rangeTo')}
        <input type="date" value={value.to} min={value.from} onChange={(e) => {
          const to = (e.currentTarget as HTMLInputElement).value;
          if (DAY_RE.test(to)) onChange(adjust({ ...value, to }, 'to'));
        }} />
      </label>
    </div>
  );
}
