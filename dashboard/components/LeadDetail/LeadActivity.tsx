import { fmt, t } from '../../i18n';
import type { LeadActivityView } from '../../../server/schemas/lead-inbox';
import { refuseText, statusText, temperatureText } from '../LeadInbox/labels';
import styles from './LeadDetail.module.css';

function describe(a: LeadActivityView): string {
  const d = (a.detail ?? {}) as Record<string, string | null | undefined>;
  switch (a.kind) {
    case 'status':
      return t('leads.activity.status', { from: statusText(d.from ?? ''), to: statusText(d.to ?? '') }) + (d.reason ? ` (${refuseText(d.reason)})` : '');
    case 'temperature':
      return t('leads.activity.temperature', { to: temperatureText(d.to ?? '') });
    case 'task':
      return t('leads.activity.task', { title: d.title ?? '' });
    case 'prefix-learned':
      return t('leads.activity.prefix-learned', { prefix: d.prefix ?? '' });
    default:
      return t(`leads.activity.${a.kind}`);
  }
}

/** The full history of a lead, oldest first. */
export function LeadActivity({ activity }: { activity: LeadActivityView[] }) {
  return (
    <section class="card" aria-labelledby="lead-activity">
      <h2 id="lead-activity">{t('leads.activity')}</h2>
      <ol class={styles.list}>
        {activity.map((a, i) => (
          <li key={i}>
            {describe(a)}
            <br />
            <span class={styles.meta}>
              {fmt.dateTime(a.at)} · {a.actor === 'user' ? a.actorName : t(`leads.actor.${a.actor}`)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
