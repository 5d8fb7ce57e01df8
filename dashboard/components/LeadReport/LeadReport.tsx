import { useLocation } from 'preact-iso';
import { fmt, t } from '../../i18n';
import { useApi } from '../../hooks/useApi';
import { LoadError } from '../LoadError/LoadError';
import type { LeadReport as Report, ReportRow } from '../../../server/schemas/lead-inbox';
import styles from '../LeadInbox/Leads.module.css';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const pct = (x: number) => new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(x);

function ReportTable({ title, rows, id }: { title: string; rows: ReportRow[]; id: string }) {
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div class={styles.tableWrap}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('leads.report.key')}</th>
              <th scope="col" class={styles.num}>{t('leads.report.leads')}</th>
              <th scope="col" class={styles.num}>{t('leads.report.qualified')}</th>
              <th scope="col" class={styles.num}>{t('leads.report.converted')}</th>
              <th scope="col" class={styles.num}>{t('leads.report.rate')}</th>
              <th scope="col" class={styles.num}>{t('leads.report.median')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.key === '(direct)' ? t('leads.direct') : r.key === '(none)' ? t('leads.report.notSet') : r.key}</th>
                <td class={styles.num}>{fmt.number(r.leads)}</td>
                <td class={styles.num}>{fmt.number(r.qualified)}</td>
                <td class={styles.num}>{fmt.number(r.converted)}</td>
                <td class={styles.num}>{pct(r.conversionRate)}</td>
                <td class={styles.num}>{r.medianDaysToConvert === null ? '—' : fmt.number(r.medianDaysToConvert)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Conversion report for a date range: which sources and forms bring customers, not just leads. */
export function LeadReport() {
  const { query, route } = useLocation();
  const to = query.to ?? day(Date.now());
  const from = query.from ?? day(Date.now() - 89 * 86_400_000);
  const report = useApi<{ report: Report }>(`/api/leads/report?from=${from}&to=${to}`);
  const set = (key: 'from' | 'to') => (e: Event) => {
    const v = (e.currentTarget as HTMLInputElement).value;
    if (v) route(`/leads?${new URLSearchParams({ view: 'report', from, to, [key]: v })}`, true);
  };
  const r = report.data?.report;
  return (
    <>
      <section class="card" aria-labelledby="report-title">
        <h2 id="report-title">{t('leads.report.title')}</h2>
        <p class="muted">{t('leads.report.intro')}</p>
        <fieldset class={styles.filters}>
          <legend>{t('leads.report.range')}</legend>
          <label>{t('leads.filter.from')}<input type="date" value={from} onChange={set('from')} /></label>
          <label>{t('leads.filter.to')}<input type="date" value={to} onChange={set('to')} /></label>
        </fieldset>
        {r && (
          <p role="status">
            {t('leads.report.summary', {
              leads: fmt.number(r.totals.leads),
              qualified: fmt.number(r.totals.qualified),
              converted: fmt.number(r.totals.converted),
              rate: pct(r.totals.conversionRate),
            })}
          </p>
        )}
      </section>
      {report.error && <LoadError error={report.error} onRetry={report.reload} />}
      {!r && !report.error && <p role="status">{t('common.loading')}</p>}
      {r && r.totals.leads === 0 && <p>{t('leads.report.none')}</p>}
      {r && r.totals.leads > 0 && (
        <>
          <ReportTable id="report-source" title={t('leads.report.bySource')} rows={r.bySource} />
          <ReportTable id="report-form" title={t('leads.report.byForm')} rows={r.byForm} />
          <ReportTable id="report-medium" title={t('leads.report.byMedium')} rows={r.byMedium} />
          <ReportTable id="report-campaign" title={t('leads.report.byCampaign')} rows={r.byCampaign} />
        </>
      )}
    </>
  );
}
