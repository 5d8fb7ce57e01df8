import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { CompanyDetail, FacetsReply } from '../../server/schemas/companies';
import type { ScoreView } from '../../server/schemas/scoring';
import { t } from '../i18n';
import { useApi } from '../hooks/useApi';
import { useTitle } from '../hooks/useTitle';
import { LoadError } from '../components/LoadError/LoadError';
import { ScoreBadge } from '../components/ScoreBadge/ScoreBadge';
import { ScoreBreakdown } from '../components/ScoreBreakdown/ScoreBreakdown';
import { ScorePin } from '../components/ScorePin/ScorePin';
import { CompanyIdentity } from '../components/CompanyIdentity/CompanyIdentity';
import { CompanyTimeline } from '../components/CompanyTimeline/CompanyTimeline';
import { CompanyLeads } from '../components/CompanyLeads/CompanyLeads';
import { CompanyAudit } from '../components/CompanyAudit/CompanyAudit';
import { CompanyActions } from '../components/CompanyActions/CompanyActions';
import { CompanyTags } from '../components/CompanyTags/CompanyTags';
import { categoryLabel } from '../components/ScoreBreakdown/lineText';
import { LockIcon } from '../components/CompanyIcons/CompanyIcons';
import styles from './CompanyPage.module.css';

/** One company: why it is identified, why it scores what it scores, what it read, its leads, its list and history. */
export default function CompanyPage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const { data, error, reload } = useApi<CompanyDetail>(`/api/companies/${encodeURIComponent(id)}`, { refreshMs: 60_000 });
  const facets = useApi<FacetsReply>('/api/companies/facets');
  const [score, setScore] = useState<ScoreView | null>(null);
  useEffect(() => setScore(data?.score ?? null), [data]);
  useTitle(data?.company.name ?? t('companies.title'));

  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data || !score) return <p role="status">{t('common.loading')}</p>;
  const c = data.company;
  const lists = facets.data?.lists ?? [];
  const listNames = new Map(lists.map((l) => [l.id, l.name]));

  return (
    <div class="page">
      <p>
        <a href="/companies">← {t('companies.back')}</a>
      </p>
      <header class="page-head page-head-row">
        <div>
          <h1>{c.name}</h1>
          <p class="muted">
            {[c.domain, categoryLabel(c.list.category), c.list.name].filter(Boolean).join(' · ')}
            {c.list.locked && <span title={t('companies.locked')}> <LockIcon /><span class="visually-hidden">{t('companies.locked')}</span></span>}
          </p>
        </div>
        <ScoreBadge score={score.score} temperature={score.temperature} pinned={score.pin !== null} />
      </header>
      <div class={styles.grid}>
        <section class="card" aria-labelledby="score-title">
          <h2 id="score-title">{t('scoring.title')}</h2>
          <ScoreBreakdown score={score} listNames={listNames} />
          <ScorePin score={score} onChanged={(s) => { setScore(s); reload(); }} />
        </section>
        <section class="card" aria-labelledby="identity-title">
          <h2 id="identity-title">{t('companies.identity')}</h2>
          <CompanyIdentity detail={data} />
          <CompanyTags detail={data} onSaved={() => reload()} />
        </section>
        <section class={`card ${styles.wide}`} aria-labelledby="visits-title">
          <h2 id="visits-title">{t('companies.timeline')}</h2>
          <CompanyTimeline companyId={c.id} />
        </section>
        <section class="card" aria-labelledby="leads-title">
          <h2 id="leads-title">{t('companies.leads')}</h2>
          <CompanyLeads companyId={c.id} />
        </section>
        <section class="card" aria-labelledby="list-title">
          <h2 id="list-title">{t('companies.listAndAudit')}</h2>
          <CompanyActions companyId={c.id} list={c.list} lists={lists} onChanged={() => { reload(); facets.reload(); }} />
          <CompanyAudit moves={data.moves} />
        </section>
      </div>
    </div>
  );
}
