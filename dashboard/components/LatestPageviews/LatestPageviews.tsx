import type { PageviewsReply } from '../../../server/schemas/overview';
import { t } from '../../i18n';
import { useApi } from '../../hooks/useApi';
import { LoadError } from '../LoadError/LoadError';
import { PageviewsTable } from './PageviewsTable';

/**
 * The most recent pageviews (of a range of UTC days when given), refreshed every few seconds so
 * that a new visit shows up by itself.
 */
export function LatestPageviews({ siteId, siteNames, range }: { siteId: string | null; siteNames?: Map<string, string>; range?: { from: string; to: string } }) {
  const query = new URLSearchParams({ limit: '20', ...range, ...(siteId ? { siteId } : {}) });
  const { data, error, reload } = useApi<PageviewsReply>(`/api/overview/pageviews?${query}`, { refreshMs: 10_000 });

  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <p role="status">{t('common.loading')}</p>;
  if (data.pageviews.length === 0) {
    return (
      <p>
        {t('overview.noPageviews')}{' '}
        <a href="/demo" target="_blank" rel="noopener">
          {t('overview.openDemo')}
        </a>
      </p>
    );
  }
  return <PageviewsTable pageviews={data.pageviews} siteNames={siteNames} />;
}
