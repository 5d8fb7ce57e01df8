import type { VisitsReply } from '../../../server/schemas/overview';
import { t } from '../../i18n';
import { useApi } from '../../hooks/useApi';
import { LoadError } from '../LoadError/LoadError';
import { DailyChart } from '../DailyChart/DailyChart';
import { visitsSummary } from './summary';

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
    <DailyChart
      rows={data.days}
      caption={t('overview.tableCaption')}
      summary={visitsSummary(data.days)}
      series={[{ label: t('overview.sessions'), value: (d) => d.sessions }, { label: t('overview.pageviews'), value: (d) => d.pageviews }]}
    />
  );
}
