import { Fragment } from 'preact';
import { fmt, t } from '../../i18n';
import type { LeadDetail } from '../../../server/schemas/lead-inbox';
import { sourceText } from '../LeadInbox/labels';
import { phoneText } from './phoneText';
import styles from './LeadDetail.module.css';

/** What the visitor told us, and where they came from. */
export function LeadFacts({ lead }: { lead: LeadDetail }) {
  const rows: Array<[string, preact.ComponentChildren]> = [
    [t('leads.email'), <a href={`mailto:${lead.email}`}>{lead.email}</a>],
    ...(lead.phone ? [[t('leads.phone'), <>{lead.phoneValid ? <a href={`tel:${lead.phone}`}>{phoneText(lead.phone)}</a> : lead.phone} {lead.phoneValid === false && <span class={styles.meta}>{t('leads.phoneUnverified')}</span>}</>] as [string, preact.ComponentChildren]] : []),
    ...(lead.jobTitle ? [[t('leads.jobTitle'), lead.jobTitle] as [string, string]] : []),
    ...(lead.companyName && !lead.company ? [[t('leads.companyTyped'), lead.companyName] as [string, string]] : []),
    ...Object.entries(lead.custom).map(([k, v]) => [k, String(v)] as [string, string]),
    ...(lead.consent !== null ? [[t('leads.consent'), lead.consent ? t('leads.yes') : t('leads.no')] as [string, string]] : []),
    [t('leads.firstTouch'), [sourceText(lead.source, lead.medium), lead.campaign].filter(Boolean).join(' · ')],
    ...(lead.pageUrl ? [[t('leads.page.url'), lead.pageUrl] as [string, string]] : []),
    [t('leads.col.form'), lead.formName],
    [t('leads.col.date'), fmt.dateTime(lead.createdAt)],
  ];
  return (
    <section class="card" aria-labelledby="lead-contact">
      <h2 id="lead-contact">{t('leads.contact')}</h2>
      <dl class={styles.facts}>
        {rows.map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </Fragment>
        ))}
      </dl>
      {lead.message && (
        <>
          <h3>{t('leads.message')}</h3>
          <p class={styles.message}>{lead.message}</p>
        </>
      )}
    </section>
  );
}
