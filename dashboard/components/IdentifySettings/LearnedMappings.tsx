import { useState } from 'preact/hooks';
import type { LearnedMappingView } from '../../../server/schemas/identify';
import { api } from '../../api';
import { fmt, t } from '../../i18n';
import { useApi } from '../../hooks/useApi';
import { LoadError } from '../LoadError/LoadError';
import { percent } from './labels';
import styles from './IdentifySettings.module.css';

const PAGE = 50;

/** What lead forms taught Vigie about networks (with the e-mails behind each), most recent first, with revoke / restore. */
export function LearnedMappings() {
  const [offset, setOffset] = useState(0);
  const { data, error, reload } = useApi<{ items: LearnedMappingView[]; total: number }>(`/api/identify/learned?limit=${PAGE}&offset=${offset}`);
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  async function toggle(m: LearnedMappingView) {
    const vars = { prefix: m.prefix, company: m.company?.name ?? '?' };
    setActionError(null);
    try {
      await api(`/api/identify/learned/${m.id}/${m.revoked ? 'restore' : 'revoke'}`, { method: 'POST' });
      setMessage(t(m.revoked ? 'settings.learned.restoredDone' : 'settings.learned.revokedDone', vars));
      reload();
    } catch (err) {
      setActionError(err instanceof Error ? `${t('common.error')} (${err.message})` : t('common.error'));
    }
  }

  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <p role="status">{t('common.loading')}</p>;
  if (data.total === 0) return <p>{t('settings.learned.empty')}</p>;
  return (
    <>
      <div class={styles.tableWrap}>
        <table>
          <caption class="visually-hidden">{t('settings.learned.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settings.learned.prefix')}</th>
              <th scope="col">{t('settings.learned.company')}</th>
              <th scope="col" class={styles.num}>{t('settings.learned.evidence')}</th>
              <th scope="col">{t('settings.learned.emails')}</th>
              <th scope="col" class={styles.num}>{t('settings.learned.confidence')}</th>
              <th scope="col">{t('settings.learned.lastSeen')}</th>
              <th scope="col">{t('settings.learned.state')}</th>
              <th scope="col"><span class="visually-hidden">{t('settings.rules.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((m) => {
              const vars = { prefix: m.prefix, company: m.company?.name ?? '?' };
              return (
                <tr key={m.id} class={m.revoked ? styles.revoked : undefined}>
                  <th scope="row" class={styles.mono}>{m.prefix}</th>
                  <td>{m.company ? `${m.company.name}${m.company.domain ? ` (${m.company.domain})` : ''}` : '?'}</td>
                  <td class={styles.num}>{m.evidenceCount === 1 ? t('settings.learned.formsOne') : t('settings.learned.forms', { count: fmt.number(m.evidenceCount) })}</td>
                  <td>{m.emails.length > 0 ? m.emails.join(', ') : '—'}</td>
                  <td class={styles.num}>{percent(m.confidence)}</td>
                  <td>{fmt.date(m.lastSeenAt)}</td>
                  <td>{m.revoked ? t('settings.learned.revoked') : t('settings.learned.active')}</td>
                  <td>
                    <button type="button" class="secondary" aria-label={t(m.revoked ? 'settings.learned.restoreLabel' : 'settings.learned.revokeLabel', vars)} onClick={() => void toggle(m)}>
                      {m.revoked ? t('settings.learned.restore') : t('settings.learned.revoke')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {data.total > PAGE && (
        <div class={styles.pager}>
          <button type="button" class="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('settings.learned.previous')}</button>
          <span>{t('settings.learned.page', { from: fmt.number(offset + 1), to: fmt.number(Math.min(offset + PAGE, data.total)), total: fmt.number(data.total) })}</span>
          <button type="button" class="secondary" disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>{t('settings.learned.next')}</button>
        </div>
      )}
      {actionError && <p role="alert" class="error">{actionError}</p>}
      <p role="status" class="success">{message}</p>
    </>
  );
}
