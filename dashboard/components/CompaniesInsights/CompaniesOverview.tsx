import { useLocation } from 'preact-iso';
import { t } from '../../i18n';
import { LiveCompanies } from '../LiveCompanies/LiveCompanies';
import { CompaniesHot } from '../CompaniesHot/CompaniesHot';
import { CompaniesInsights, lastDays, type Range } from './CompaniesInsights';
import { RangePicker } from './RangePicker';
import styles from './CompaniesInsights.module.css';

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The companies part of the Overview: who is on the site now, the hot companies, and the company
 * and traffic figures for a date range kept in the URL (`?from=&to=`, next to the page's `?site=`).
 */
export function CompaniesOverview({ siteId }: { siteId: string | null }) {
  const { query, path, route } = useLocation();
  const range: Range = query.from && query.to && DAY_RE.test(query.from) && DAY_RE.test(query.to) && query.from <= query.to ? { from: query.from, to: query.to } : lastDays(30);
  const setRange = (r: Range) => {
    const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'));
    q.set('from', r.from);
    q.set('to', r.to);
    route(`${path}?${q}`, true);
  };
  return (
    <>
      <section class="card" aria-label={t('companies.live')}>
        <LiveCompanies />
      </section>
      <section class="card" aria-labelledby="hot-title">
        <h2 id="hot-title">{t('companies.overview.hot')}</h2>
        <CompaniesHot />
      </section>
      <section class="card" aria-labelledby="identified-title">
        <div class={styles.head}>
          <h2 id="identified-title">{t('companies.overview.identified')}</h2>
          <RangePicker value={range} onChange={setRange} />
        </div>
        <CompaniesInsights siteId={siteId} range={range} />
      </section>
    </>
  );
}
