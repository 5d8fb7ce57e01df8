import { t } from '../../i18n';
import { LiveCompanies } from '../LiveCompanies/LiveCompanies';
import { CompaniesHot } from '../CompaniesHot/CompaniesHot';
import { CompaniesInsights, type Range } from './CompaniesInsights';

/**
 * The companies part of the Overview: who is on the site now, the hot companies (both "now"),
 * and the company and traffic figures for the page's date range.
 */
export function CompaniesOverview({ siteId, range }: { siteId: string | null; range: Range }) {
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
        <h2 id="identified-title">{t('companies.overview.identified')}</h2>
        <CompaniesInsights siteId={siteId} range={range} />
      </section>
    </>
  );
}
