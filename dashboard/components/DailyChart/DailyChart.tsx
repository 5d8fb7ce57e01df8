import type { ComponentChildren } from 'preact';
import { fmt, t } from '../../i18n';
import { DailyPlot, type DailySeries } from './DailyPlot';
import styles from './DailyChart.module.css';

export type { DailySeries };

/**
 * Two counts per UTC day: a uPlot chart for the eyes (first series solid and filled, second
 * dashed), an optional summary (figcaption) and a visually hidden table for screen readers.
 * Example: `<DailyChart rows={days} caption="…" series={[{ label: 'Visits', value: (d) => d.sessions }, …]} />`.
 */
export function DailyChart<T extends { day: string }>(props: {
  rows: T[];
  series: [DailySeries<T>, DailySeries<T>];
  caption: string;
  size?: 'tall' | 'short';
  summary?: ComponentChildren;
  class?: string;
}) {
  const { rows, series, size = 'tall' } = props;
  return (
    <figure class={`${styles.figure}${props.class ? ` ${props.class}` : ''}`}>
      <DailyPlot rows={rows} series={series} height={size === 'tall' ? 260 : 220} class={`${styles.plot} ${styles[size]}`} />
      {props.summary != null && <figcaption class={styles.summary}>{props.summary}</figcaption>}
      <table class="visually-hidden">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('overview.day')}</th>
            {series.map((s) => <th scope="col" key={s.label}>{s.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.day}>
              <th scope="row">{fmt.day(r.day)}</th>
              {series.map((s) => <td key={s.label}>{fmt.number(s.value(r))}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
