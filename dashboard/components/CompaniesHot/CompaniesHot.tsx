import type { CompanyListReply } from '../../../server/schemas/companies';
import { useApi } from '../../hooks/useApi';
import { t } from '../../i18n';
import { ScoreBadge } from '../ScoreBadge/ScoreBadge';
import { ago } from '../ScoreBreakdown/lineText';

/** The ten hottest companies (Interne, Concurrent and Hors-cible left out), with a link to all of them. */
export function CompaniesHot() {
  const { data } = useApi<CompanyListReply>('/api/companies?temperature=hot&sort=score&limit=10', { refreshMs: 60_000 });
  if (!data) return <p role="status">{t('common.loading')}</p>;
  if (data.companies.length === 0) return <p class="muted">{t('companies.overview.noHot')}</p>;
  const now = Date.now();
  return (
    <>
      <ol class="stack">
        {data.companies.map((c) => (
          <li key={c.id}>
            <a href={`/companies/${encodeURIComponent(c.id)}`}>{c.name}</a> <ScoreBadge score={c.score} temperature={c.temperature} pinned={c.pinned} />{' '}
            <span class="muted">{c.lastVisitAt ? ago(c.lastVisitAt, now) : ''}</span>
          </li>
        ))}
      </ol>
      <p>
        <a href="/companies?temperature=hot">{t('companies.overview.seeAll')}</a>
      </p>
    </>
  );
}
