import type { InsightsReply } from '../../../server/schemas/companies';
import { useApi } from '../../hooks/useApi';
import { fmt, t } from '../../i18n';
import { LoadError } from '../LoadError/LoadError';
import { DailyChart } from '../DailyChart/DailyChart';
import styles from './CompaniesInsights.module.css';

export type Range = { from: string; to: string };

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The last `days` UTC days, today included. */
export const lastDays = (days: number, now = Date.now()): Range => ({ from: iso(now - (days - 1) * DAY), to: iso(now) });

function Ranked({ title, head, valueHead, rows, render, mono }: { title: string; head: string; valueHead: string; rows: Array<[string, number]>; render?: (k: string) => string; mono?: boolean }) {
  const max = Math.max(1, ...rows.map(([, n]) => n));
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p class="muted">{t('companies.overview.noData')}</p>
      ) : (
        <table class={styles.table}>
          <thead>
            <tr>
              <th scope="col">{head}</th>
              <th scope="col" class={styles.num}>{valueHead}</th>
              <th scope="col"><span class="visually-hidden">{t('companies.overview.share')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([k, n]) => (
              <tr key={k}>
                {/* Paths in a code font; sources and reasons are words. */}
                <td class={mono ? styles.path : styles.label}>{render ? render(k) : k}</td>
                <td class={styles.num}>{fmt.number(n)}</td>
                <td><meter min={0} max={max} value={n} aria-hidden="true" /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The Overview's company and traffic figures for a range: identified companies per day, top pages and sources, unidentified traffic. */
export function CompaniesInsights({ siteId, range }: { siteId: string | null; range: Range }) {
  const q = new URLSearchParams({ from: range.from, to: range.to, ...(siteId ? { siteId } : {}) });
  const { data, error, reload } = useApi<InsightsReply>(`/api/companies/insights?${q}`, { refreshMs: 60_000 });
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <p role="status">{t('common.loading')}</p>;
  return (
    <>
      <DailyChart
        rows={data.days}
        size="short"
        class={styles.figure}
        caption={t('companies.overview.identifiedCaption')}
        series={[{ label: t('companies.overview.identifiedSeries'), value: (d) => d.identified }, { label: t('companies.overview.newSeries'), value: (d) => d.newCompanies }]}
      />
      <div class={styles.grid}>
        <Ranked title={t('companies.overview.topPages')} head={t('overview.page')} valueHead={t('overview.pageviews')} rows={data.topPages.map((p) => [p.path, p.views])} mono />
        <Ranked title={t('companies.overview.topSources')} head={t('overview.source')} valueHead={t('companies.overview.visits')} rows={data.topSources.map((s) => [s.source, s.sessions])}
          render={(s) => (s === '(direct)' ? t('companies.direct') : s)} />
        <Ranked title={t('companies.overview.unidentified')} head={t('companies.overview.reason')} valueHead={t('companies.overview.visits')} rows={data.unidentified.map((u) => [u.reason, u.sessions])}
          render={(r) => t(`companies.network.${r}`)} />
      </div>
    </>
  );
}
