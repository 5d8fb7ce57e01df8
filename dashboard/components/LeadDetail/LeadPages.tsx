import { fmt, t, tCount } from '../../i18n';
import type { LeadDetail } from '../../../server/schemas/lead-inbox';
import styles from './LeadDetail.module.css';

/** The company, and the pages the visitor read before and after sending the form. */
export function LeadPages({ lead }: { lead: LeadDetail }) {
  const before = lead.pages.filter((p) => p.beforeSubmit);
  const after = lead.pages.filter((p) => !p.beforeSubmit);
  const b = lead.behaviour;
  const list = (pages: LeadDetail['pages']) => (
    <ol class={styles.pages}>
      {pages.map((p) => (
        <li key={`${p.sessionId}-${p.ts}-${p.path}`}>
          <code>{p.path}</code> <span class={styles.meta}>{fmt.dateTime(p.ts)}</span>
        </li>
      ))}
    </ol>
  );
  return (
    <>
      <section class="card" aria-labelledby="lead-company">
        <h2 id="lead-company">{t('leads.company')}</h2>
        {lead.company ? (
          <p>
            <a href={`/companies/${lead.company.id}`}>{lead.company.name}</a>
            {lead.company.domain && <span class={styles.meta}> · {lead.company.domain}</span>}
            <br />
            <span class={styles.meta}>{t('leads.company.list', { list: lead.company.listName })}</span>
          </p>
        ) : (
          <p class="muted">{t('leads.company.none')}</p>
        )}
      </section>
      <section class="card" aria-labelledby="lead-pages">
        <h2 id="lead-pages">{t('leads.pages')}</h2>
        <p class={styles.meta}>
          {t('leads.behaviour', { pages: tCount('leads.behaviour.pages', b.pages), visits: tCount('leads.behaviour.visits', b.visits), last: b.lastVisitAt ? fmt.dateTime(b.lastVisitAt) : '—' })}
          {b.keyPages.length > 0 && <><br />{t('leads.keyPages', { pages: b.keyPages.join(', ') })}</>}
        </p>
        {lead.pages.length === 0 && <p class="muted">{t('leads.pages.none')}</p>}
        {before.length > 0 && (<><h3>{t('leads.pages.before')}</h3>{list(before)}</>)}
        {after.length > 0 && (<><h3>{t('leads.pages.after')}</h3>{list(after)}</>)}
      </section>
    </>
  );
}
