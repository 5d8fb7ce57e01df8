import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { CompanyListReply, FacetsReply } from '../../server/schemas/companies';
import { fmt, t } from '../i18n';
import { useApi } from '../hooks/useApi';
import { useTitle } from '../hooks/useTitle';
import { LoadError } from '../components/LoadError/LoadError';
import { CompaniesFilters } from '../components/CompaniesFilters/CompaniesFilters';
import { apiQueryString, currentDir, currentSort, filterOnly, fromLocation, toggleSort, toQueryString, type TableQuery } from '../components/CompaniesFilters/filterQuery';
import { CompaniesTable } from '../components/CompaniesTable/CompaniesTable';
import { CompaniesBulkBar } from '../components/CompaniesBulkBar/CompaniesBulkBar';
import { CompaniesViews } from '../components/CompaniesViews/CompaniesViews';
import { CompaniesPager } from '../components/CompaniesPager/CompaniesPager';
import { LiveCompanies } from '../components/LiveCompanies/LiveCompanies';
import { ScoreRules } from '../components/ScoreRules/ScoreRules';

/**
 * The marketer's table: every identified company with its score, filtered, sorted and paged by
 * what the URL says (so a view can be bookmarked, shared and saved), with bulk moves and exports.
 */
export default function CompaniesPage() {
  useTitle(t('companies.title'));
  const { query, route } = useLocation();
  const q = fromLocation(query);
  const qs = toQueryString(q);
  const { data, error, reload } = useApi<CompanyListReply>(`/api/companies?${apiQueryString(q)}`, { refreshMs: 60_000 });
  const facets = useApi<FacetsReply>('/api/companies/facets');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  useEffect(() => setSelected(new Set()), [qs]);

  const go = (next: TableQuery) => {
    const s = toQueryString(next);
    route(s ? `/companies?${s}` : '/companies');
  };
  const select = (ids: string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) on ? next.add(id) : next.delete(id);
      return next;
    });
  const hotOnly = q.temperature === 'hot';

  return (
    <div class="page">
      <header class="page-head page-head-row">
        <div>
          <h1>{t('companies.title')}</h1>
          {data && <p class="muted" aria-live="polite">{data.total === 1 ? t('companies.countOne') : t('companies.count', { count: fmt.number(data.total) })}</p>}
        </div>
        <button type="button" class={hotOnly ? undefined : 'secondary'} aria-pressed={hotOnly} onClick={() => go({ ...q, temperature: hotOnly ? '' : 'hot', page: '' })}>
          {t('companies.hotOnly')}
        </button>
      </header>
      <section class="card">
        <LiveCompanies />
      </section>
      <section class="card" aria-label={t('companies.filters')}>
        <CompaniesFilters query={q} facets={facets.data} onChange={go} />
        <CompaniesViews query={q} onOpen={go} />
      </section>
      {error && !data && <LoadError error={error} onRetry={reload} />}
      {!data && !error && <p role="status">{t('common.loading')}</p>}
      {data && (
        <section>
          <CompaniesBulkBar selected={[...selected]} total={data.total} filter={filterOnly(q)} lists={facets.data?.lists ?? []} onDone={() => { setSelected(new Set()); reload(); }} />
          <CompaniesTable rows={data.companies} sort={currentSort(q)} dir={currentDir(q)} onSort={(key) => go(toggleSort(q, key))} selected={selected} onSelect={select} />
          <CompaniesPager page={data.page} limit={data.limit} total={data.total} onPage={(page) => go({ ...q, page: page > 1 ? String(page) : '' })} />
        </section>
      )}
      <details class="card">
        <summary>{t('scoring.rules')}</summary>
        <ScoreRules onRescored={reload} />
      </details>
    </div>
  );
}
