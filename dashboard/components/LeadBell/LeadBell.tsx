import { useState } from 'preact/hooks';
import { api } from '../../api';
import { fmt, t, tCount } from '../../i18n';
import { useApi } from '../../hooks/useApi';
import type { LeadNotification } from '../../../server/leads/notifications';
import styles from './LeadBell.module.css';

/** The bell: new valid leads since the user last opened it. Opening it marks them seen. */
export function LeadBell() {
  const { data, reload } = useApi<{ unread: number; items: LeadNotification[] }>('/api/leads/notifications', { refreshMs: 30_000 });
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<LeadNotification[]>([]);
  const unread = data?.unread ?? 0;

  async function toggle() {
    if (open) return setOpen(false);
    setShown(data?.items ?? []);
    setOpen(true);
    if (unread > 0) {
      await api('/api/leads/notifications/seen', { method: 'POST' }).catch(() => {});
      reload();
    }
  }

  return (
    <div class={styles.bell} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button type="button" class={styles.button} aria-expanded={open} aria-controls="lead-bell-panel" onClick={toggle}
        aria-label={unread > 0 ? tCount('leads.bell.count', unread) : t('leads.bell')}>
        <BellIcon />
        {unread > 0 && <span class={styles.count} aria-hidden="true">{unread}</span>}
      </button>
      {open && (
        <div id="lead-bell-panel" class={styles.panel} role="region" aria-label={t('leads.bell')}>
          {shown.length === 0 ? <p>{t('leads.bell.empty')}</p> : (
            <ul>
              {shown.map((n) => (
                <li key={n.leadId}>
                  <a href={`/leads/${n.leadId}`} onClick={() => setOpen(false)}>{n.name}</a>
                  <span class={styles.meta}>{[n.companyName, fmt.dateTime(n.createdAt)].filter(Boolean).join(' · ')}</span>
                </li>
              ))}
            </ul>
          )}
          <a href="/leads" onClick={() => setOpen(false)}>{t('leads.bell.all')}</a>
        </div>
      )}
    </div>
  );
}

/** A line bell in SVG: an emoji bell shows as an empty box where no emoji font is installed. */
function BellIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.6" aria-hidden="true" focusable="false">
      <path d="M4 11.5V7a4 4 0 0 1 8 0v4.5l1.2 1.2H2.8z" />
      <path d="M6.5 14a1.6 1.6 0 0 0 3 0" />
    </svg>
  );
}
