import { useLocation, useRoute } from 'preact-iso';
import { t } from '../i18n';
import { useTitle } from '../hooks/useTitle';
import { LeadInbox } from '../components/LeadInbox/LeadInbox';
import { LeadReport } from '../components/LeadReport/LeadReport';
import { LeadDetail } from '../components/LeadDetail/LeadDetail';
import styles from '../components/LeadInbox/Leads.module.css';

/** /leads (inbox or report, `?view=report`) and /leads/:id (the lead page, which titles itself). */
export default function LeadsPage() {
  const { params } = useRoute();
  return params.id ? <LeadDetail id={params.id} /> : <LeadsHome />;
}

function LeadsHome() {
  const { query } = useLocation();
  const report = query.view === 'report';
  useTitle(report ? `${t('leads.tab.report')} · ${t('leads.title')}` : t('leads.title'));
  return (
    <div class="page">
      <header class="page-head">
        <h1>{t('leads.title')}</h1>
        <p class="muted">{t('leads.intro')}</p>
      </header>
      <nav aria-label={t('leads.tabs')}>
        <ul class={styles.tabs}>
          <li><a href="/leads" aria-current={report ? undefined : 'page'}>{t('leads.tab.inbox')}</a></li>
          <li><a href="/leads?view=report" aria-current={report ? 'page' : undefined}>{t('leads.tab.report')}</a></li>
        </ul>
      </nav>
      {report ? <LeadReport /> : <LeadInbox />}
    </div>
  );
}
