import { useLocation } from 'preact-iso';
import { t, tCount } from '../../i18n';
import { useApi } from '../../hooks/useApi';
import { LoadError } from '../LoadError/LoadError';
import type { LeadListReply } from '../../../server/schemas/lead-inbox';
import type { FormView } from '../../../server/schemas/lead-forms';
import { LeadFilters, type FilterValues } from './LeadFilters';
import { LeadTable } from './LeadTable';
import styles from './Leads.module.css';

const PAGE = 50;
const FILTER_KEYS = ['q', 'status', 'refusedReason', 'quality', 'temperature', 'formId', 'ownerId', 'from', 'to'];

/** The leads inbox: filters kept in the URL, the table, and paging. */
export function LeadInbox() {
  const { query, route } = useLocation();
  const values: FilterValues = Object.fromEntries(FILTER_KEYS.filter((k) => query[k]).map((k) => [k, query[k]!]));
  const offset = Number(query.offset ?? 0) || 0;
  const params = new URLSearchParams({ ...values, offset: String(offset), limit: String(PAGE) });
  const list = useApi<LeadListReply>(`/api/leads?${params}`, { refreshMs: 30_000 });
  const forms = useApi<{ forms: FormView[] }>('/api/forms');
  const owners = useApi<{ users: Array<{ id: string; name: string; email: string }> }>('/api/leads/owners');

  const go = (next: FilterValues, nextOffset = 0) => {
    const qs = new URLSearchParams({ ...next, ...(nextOffset ? { offset: String(nextOffset) } : {}) }).toString();
    route(`/leads${qs ? `?${qs}` : ''}`, true);
  };

  const total = list.data?.total ?? 0;
  // Empty only because spam is left out: say so, and offer to show it.
  const spamHidden = total === 0 && !values.quality ? list.data?.spamHidden ?? 0 : 0;
  return (
    <>
      <LeadFilters
        values={values}
        onChange={(next) => go(next)}
        forms={(forms.data?.forms ?? []).map((f) => ({ value: f.id, label: f.name }))}
        owners={(owners.data?.users ?? []).map((u) => ({ value: u.id, label: u.name || u.email }))}
      />
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <p role="status">{t('common.loading')}</p>}
      {list.data && (
        <section aria-labelledby="leads-count">
          <p id="leads-count" role="status"><strong>{tCount('leads.count', total)}</strong></p>
          {total === 0 && spamHidden > 0 && (
            <p class={styles.emptySpam}>
              <span>{tCount('leads.emptySpam', spamHidden)}</span>
              <button type="button" class="secondary" onClick={() => go({ ...values, quality: 'spam' })}>{t('leads.showSpam')}</button>
            </p>
          )}
          {total === 0 && spamHidden === 0 && <p>{t('leads.empty')}</p>}
          {total > 0 && <LeadTable leads={list.data.leads} />}
          {total > PAGE && (
            <nav class={styles.pager} aria-label={t('leads.page', { from: offset + 1, to: Math.min(offset + PAGE, total), total })}>
              <button type="button" class="secondary" disabled={offset === 0} onClick={() => go(values, Math.max(0, offset - PAGE))}>{t('leads.prev')}</button>
              <span>{t('leads.page', { from: offset + 1, to: Math.min(offset + PAGE, total), total })}</span>
              <button type="button" class="secondary" disabled={offset + PAGE >= total} onClick={() => go(values, offset + PAGE)}>{t('leads.next')}</button>
            </nav>
          )}
        </section>
      )}
    </>
  );
}
