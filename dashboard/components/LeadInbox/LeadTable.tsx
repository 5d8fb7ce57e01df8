import { fmt, t } from '../../i18n';
import type { LeadListItem } from '../../../server/schemas/lead-inbox';
import { qualityText, reasonText, sourceText, statusText, temperatureText } from './labels';
import styles from './Leads.module.css';

/** The inbox table: one row per lead, its name links to the lead page. */
export function LeadTable({ leads }: { leads: LeadListItem[] }) {
  return (
    <div class={styles.tableWrap}>
      <table>
        <caption class="visually-hidden">{t('leads.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('leads.col.lead')}</th>
            <th scope="col">{t('leads.col.company')}</th>
            <th scope="col">{t('leads.col.status')}</th>
            <th scope="col">{t('leads.col.quality')}</th>
            <th scope="col">{t('leads.col.temperature')}</th>
            <th scope="col">{t('leads.col.owner')}</th>
            <th scope="col">{t('leads.col.source')}</th>
            <th scope="col">{t('leads.col.form')}</th>
            <th scope="col">{t('leads.col.date')}</th>
            <th scope="col" class={styles.num}>{t('leads.col.tasks')}</th>
          </tr>
        </thead>
        <tbody>
          {leads.map((l) => (
            <tr key={l.id}>
              <th scope="row">
                <a href={`/leads/${l.id}`}>{l.name}</a>
                <span class={styles.sub}>{l.email}</span>
                {l.submissions > 1 && <span class={styles.sub}>{t('leads.submissions', { count: l.submissions })}</span>}
              </th>
              <td>{l.companyId ? <a href={`/companies/${l.companyId}`}>{l.companyName}</a> : l.companyName ?? '—'}</td>
              <td>{statusText(l.status)}{l.refusedReason && <span class={styles.sub}>{t(`leads.reason.${l.refusedReason}`)}</span>}</td>
              <td>
                <span class={`${styles.badge} ${styles[l.quality]}`}>{qualityText(l.quality)}</span>
                {l.reasons.length > 0 && (
                  <ul class={styles.reasons}>{l.reasons.map((r) => <li key={r.code}>{reasonText(r)}</li>)}</ul>
                )}
              </td>
              <td><span class={`${styles.badge} ${styles[l.temperature]}`}>{temperatureText(l.temperature)}</span></td>
              <td>{l.ownerName ?? '—'}</td>
              <td>{sourceText(l.source, l.medium)}</td>
              <td>{l.formName}</td>
              <td>{fmt.dateTime(l.lastSubmittedAt)}</td>
              <td class={styles.num}>{l.openTasks || ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
