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
import { RangePicker, rangeFromQuery } from '../components/CompaniesInsights/RangePicker';
import type { Range } from '../components/CompaniesInsights/CompaniesInsights';

/**
 * Visits, companies and pages for one site or all of them (`?site=`) over a range of days
 * (`?from=&to=`, the last 30 days by default) that drives every dated section of the page;
 * "live" and "hot" are about now.
 */
export default function OverviewPage() {
  useTitle(t('overview.title'));
  const { query, path, route } = useLocation();
  const range = rangeFromQuery(query);
  const go = (changes: Record<string, string | null>) => {
    const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'));
    for (const [k, v] of Object.entries(changes)) if (v === null) q.delete(k); else q.set(k, v);
    route(q.toString() ? `${path}?${q}` : path, true);
  };
  const setRange = (r: Range) => go({ from: r.from, to: r.to });
  const { data, error, reload } = useApi<{ sites: SiteView[] }>('/api/sites');
  const sites = data?.sites ?? [];
  // An unknown ?site= (deleted, or another account's link) falls back to all sites.
  const siteId = sites.some((s) => s.id === query.site) ? query.site! : null;
  const several = sites.length > 1;

  return (
    <div class="page">
      <header class="page-head page-head-row">
        <h1>{t('overview.title')}</h1>
        <div class="page-head-tools">
          {several && <SiteSelect sites={sites} value={siteId} onChange={(id) => go({ site: id })} />}
          {sites.length > 0 && <RangePicker value={range} onChange={setRange} />}
        </div>
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
            <VisitsChart siteId={siteId} range={range} />
          </section>
          <CompaniesOverview siteId={siteId} range={range} />
          <section class="card" aria-labelledby="latest-title">
            <h2 id="latest-title">{t('overview.latestTitle')}</h2>
            <LatestPageviews siteId={siteId} range={range} siteNames={several && !siteId ? new Map(sites.map((s) => [s.id, s.name])) : undefined} />
          </section>
        </>
      )}
    </div>
  );
}
