import { t } from '../../i18n';
import { useApi } from '../../hooks/useApi';
import { useTitle } from '../../hooks/useTitle';
import { currentUser } from '../../session';
import { ApiError } from '../../api';
import { LoadError } from '../LoadError/LoadError';
import type { LeadDetail as Lead } from '../../../server/schemas/lead-inbox';
import { LeadFacts } from './LeadFacts';
import { LeadPages } from './LeadPages';
import { LeadLifecycle } from './LeadLifecycle';
import { LeadNotesTasks } from './LeadNotesTasks';
import { LeadActivity } from './LeadActivity';
import styles from './LeadDetail.module.css';

/** The lead page: who, which company, what they read, and the follow-up. */
export function LeadDetail({ id }: { id: string }) {
  const lead = useApi<{ lead: Lead }>(`/api/leads/${encodeURIComponent(id)}`);
  const owners = useApi<{ users: Array<{ id: string; name: string; email: string }> }>('/api/leads/owners');
  const l = lead.data?.lead;
  useTitle(l ? l.name : t('leads.title'));
  if (lead.error instanceof ApiError && lead.error.status === 404) return <p>{t('leads.notFound')} <a href="/leads">{t('leads.back')}</a></p>;
  if (lead.error) return <LoadError error={lead.error} onRetry={lead.reload} />;
  if (!l) return <p role="status">{t('common.loading')}</p>;
  const users = owners.data?.users ?? [];
  return (
    <div class="page">
      <p><a href="/leads">{t('leads.back')}</a></p>
      <header class="page-head">
        <h1>{l.name}</h1>
        <p class="muted">{[l.email, l.companyName].filter(Boolean).join(' · ')}</p>
      </header>
      <div class={styles.grid}>
        <div>
          <LeadFacts lead={l} />
          <LeadPages lead={l} />
          <LeadActivity activity={l.activity} />
        </div>
        <div>
          <LeadLifecycle lead={l} owners={users} onChange={lead.reload} />
          <LeadNotesTasks lead={l} owners={users} userId={currentUser.value?.id ?? ''} onChange={lead.reload} />
        </div>
      </div>
    </div>
  );
}
