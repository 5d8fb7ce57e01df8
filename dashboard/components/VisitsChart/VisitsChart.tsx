import type { VisitsReply } from '../../../server/schemas/overview';
import { fmt, t } from '../../i18n';
import { useApi } from '../../hooks/useApi';
import { LoadError } from '../LoadError/LoadError';
import { UPlotChart } from './UPlotChart';
import { visitsSummary } from './summary';
import styles from './VisitsChart.module.css';

/**
 * Visits and pageviews per day over a range of UTC days (the API's last 30 days without one): a
 * chart for the eyes, a summary sentence (figcaption) and a visually hidden table for screen readers.
 */
export function VisitsChart({ siteId, range }: { siteId: string | null; range?: { from: string; to: string } }) {
  const query = new URLSearchParams({ ...range, ...(siteId ? { siteId } : {}) });
  const { data, error, reload } = useApi<VisitsReply>(`/api/overview/visits?${query}`, { refreshMs: 60_000 });

  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <p role="status">{t('common.loading')}</p>;
  return (
    <figure class={styles.figure}>
      <UPlotChart days={data.days} />
      <figcaption class={styles.summary}>{visitsSummary(data.days)}</figcaption>
      <table class="visually-hidden">
        <caption>{t('overview.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('overview.day')}</th>
            <th scope="col">{t('overview.sessions')}</th>
            <th scope="col">{t('overview.pageviews')}</th>
          </tr>
        </thead>
        <tbody>
          {data.days.map((d) => (
            <tr key={d.day}>
              <th scope="row">{fmt.day(d.day)}</th>
              <td>{fmt.number(d.sessions)}</td>
              <td>{fmt.number(d.pageviews)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
