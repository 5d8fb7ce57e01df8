import { t } from '../../i18n';
import { lastDays, type Range } from './CompaniesInsights';
import styles from './CompaniesInsights.module.css';

const PRESETS = [7, 30, 90] as const;

/** Last 7/30/90 days, or any two dates. */
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
        {t('companies.from')}
        <input type="date" value={value.from} max={value.to} onChange={(e) => {
          const from = (e.currentTarget as HTMLInputElement).value;
          if (from) onChange({ ...value, from });
        }} />
      </label>
      <label>
        {t('companies.to')}
        <input type="date" value={value.to} min={value.from} onChange={(e) => {
          const to = (e.currentTarget as HTMLInputElement).value;
          if (to) onChange({ ...value, to });
        }} />
      </label>
    </div>
  );
}
