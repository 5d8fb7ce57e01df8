import type { SiteView } from '../../server/schemas/sites';
import { useLocation } from 'preact-iso';
import { t } from '../i18n';
import { useApi } from '../hooks/useApi';
import { useTitle } from '../hooks/useTitle';
import { LoadError } from '../components/LoadError/LoadError';
import { SiteSelect } from '../components/SiteSelect/SiteSelect';
import { VisitsChart } from '../components/VisitsChart/VisitsChart';
import { LatestPageviews } from '../components/LatestPageviews/LatestPageviews';
import { CompaniesOverview } from '../components/CompaniesInsights/CompaniesOverview';

/** Visits per day and the latest pageviews, for one site or all of them (`?site=` in the URL). */
export default function OverviewPage() {
  useTitle(t('overview.title'));
  const { query, route } = useLocation();
  const { data, error, reload } = useApi<{ sites: SiteView[] }>('/api/sites');
  const sites = data?.sites ?? [];
  // An unknown ?site= (deleted, or another account's link) falls back to all sites.
  const siteId = sites.some((s) => s.id === query.site) ? query.site! : null;
  const several = sites.length > 1;

  return (
    <div class="page">
      <header class="page-head page-head-row">
        <h1>{t('overview.title')}</h1>
        {several && <SiteSelect sites={sites} value={siteId} onChange={(id) => route(id ? `/?site=${encodeURIComponent(id)}` : '/', true)} />}
      </header>
      {error && <LoadError error={error} onRetry={reload} />}
      {!data && !error && <p role="status">{t('common.loading')}</p>}
      {data && sites.length === 0 && (
        <p>
          {t('overview.noSite')} <a href="/sites">{t('overview.addSite')}</a>
        </p>
      )}
      {sites.length > 0 && (
        <>
          <section class="card" aria-labelledby="visits-title">
            <h2 id="visits-title">{t('overview.visitsTitle')}</h2>
            <VisitsChart siteId={siteId} />
          </section>
          <CompaniesOverview siteId={siteId} />
          <section class="card" aria-labelledby="latest-title">
            <h2 id="latest-title">{t('overview.latestTitle')}</h2>
            <LatestPageviews siteId={siteId} siteNames={several && !siteId ? new Map(sites.map((s) => [s.id, s.name])) : undefined} />
          </section>
        </>
      )}
    </div>
  );
}
