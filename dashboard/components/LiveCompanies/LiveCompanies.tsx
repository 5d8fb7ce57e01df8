import type { LiveReply } from '../../../server/schemas/companies';
import { useApi } from '../../hooks/useApi';
import { t, tCount } from '../../i18n';
import styles from './LiveCompanies.module.css';

/** The companies on the site in the last five minutes, refreshed every 15 seconds. */
export function LiveCompanies({ max = 5 }: { max?: number }) {
  const { data } = useApi<LiveReply>('/api/companies/live', { refreshMs: 15_000 });
  if (!data) return null;
  const on = data.count > 0;
  return (
    <div class={styles.live} role="status" aria-live="polite">
      <span class={`${styles.dot} ${on ? styles.on : ''}`} aria-hidden="true" />
      <strong>{t('companies.live')}</strong>
      <span>{on ? tCount('companies.liveCount', data.count) : t('companies.liveNone')}</span>
      {on && (
        <ul class={styles.names}>
          {data.companies.slice(0, max).map((c) => (
            <li key={c.id}>
              <a href={`/companies/${encodeURIComponent(c.id)}`}>{c.name}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
