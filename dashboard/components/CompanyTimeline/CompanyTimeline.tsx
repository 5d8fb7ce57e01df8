import { useEffect, useState } from 'preact/hooks';
import type { VisitsReply, VisitView } from '../../../server/schemas/companies';
import { api } from '../../api';
import { fmt, t } from '../../i18n';
import { duration } from '../ScoreBreakdown/lineText';
import styles from './CompanyTimeline.module.css';

/** The company's visits, newest first: each session's source, then its pages with the time spent on each. */
export function CompanyTimeline({ companyId }: { companyId: string }) {
  const [visits, setVisits] = useState<VisitView[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loaded, setLoaded] = useState(false);
  const load = async (before?: number) => {
    const r = await api<VisitsReply>(`/api/companies/${encodeURIComponent(companyId)}/visits?limit=10${before ? `&before=${before}` : ''}`);
    setVisits((v) => (before ? [...v, ...r.visits] : r.visits));
    setNext(r.next);
    setLoaded(true);
  };
  useEffect(() => {
    void load();
  }, [companyId]);

  if (!loaded) return <p role="status">{t('common.loading')}</p>;
  if (visits.length === 0) return <p>{t('companies.noVisits')}</p>;
  return (
    <>
      <ol class={styles.visits}>
        {visits.map((v) => (
          <li key={v.id} class={styles.visit}>
            <div class={styles.head}>
              <strong>{t('companies.visitOf', { date: fmt.dateTime(v.startedAt) })}</strong>
              <span class={styles.meta}>{t('companies.visitSource', { source: v.source ?? t('companies.direct') })}</span>
              {v.utm.campaign && <span class={styles.meta}>utm_campaign={v.utm.campaign}</span>}
            </div>
            <ol class={styles.pages}>
              {v.pages.map((p, i) => (
                <li key={i}>
                  <span class={styles.path} title={p.title ?? undefined}>{p.path}</span>
                  <span class={styles.time}>
                    <span class="visually-hidden">{t('companies.timeOnPage')} </span>
                    {p.timeMs === null ? '—' : duration(p.timeMs)}
                  </span>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
      {next !== null && (
        <button type="button" class="secondary" onClick={() => void load(next)}>
          {t('companies.morevisits')}
        </button>
      )}
    </>
  );
}
