import type { CompanyDetail } from '../../../server/schemas/companies';
import { fmt, t } from '../../i18n';
import { countryName } from '../../i18n/countries';
import { duration } from '../ScoreBreakdown/lineText';
import { percent, sourceLabel } from '../IdentifySettings/labels';
import styles from './CompanyIdentity.module.css';

/** Who the company is, its visit figures, and every piece of evidence behind the identification. */
export function CompanyIdentity({ detail }: { detail: CompanyDetail }) {
  const { company: c, stats: s, evidence } = detail;
  // `title`: what the shown value stands for (a country's code behind its name).
  const row = (label: string, value: string | null, title?: string) => (value ? [<dt key={`${label}-t`}>{label}</dt>, <dd key={`${label}-d`} title={title}>{value}</dd>] : null);
  return (
    <>
      <dl class="site-meta">
        {row(t('companies.col.domain'), c.domain)}
        {row(t('companies.siren'), c.siren)}
        {row(t('companies.col.country'), c.country && countryName(c.country), c.country ?? undefined)}
        {row(t('companies.firstSeen'), c.firstSeenAt ? fmt.date(c.firstSeenAt) : null)}
        {row(t('companies.stats.visits'), fmt.number(s.visits))}
        {row(t('companies.stats.pages'), fmt.number(s.pages))}
        {row(t('companies.stats.engaged'), duration(s.engagedMs))}
        {row(t('companies.stats.lastVisit'), s.lastVisitAt ? fmt.dateTime(s.lastVisitAt) : t('companies.never'))}
        {row(t('companies.stats.topSource'), s.topSource === '(direct)' ? t('companies.direct') : s.topSource)}
        {row(t('companies.network'), s.networkClass ? t(`companies.network.${s.networkClass}`) : null)}
      </dl>
      <h3 id="evidence-title" class={styles.title}>{t('companies.evidence')}</h3>
      <div class={styles.scroll}>
        <table aria-labelledby="evidence-title">
          <thead>
            <tr>
              <th scope="col">{t('companies.evidenceSource')}</th>
              <th scope="col">{t('companies.evidenceValue')}</th>
              <th scope="col">{t('companies.evidenceConfidence')}</th>
              <th scope="col">{t('companies.evidenceWhen')}</th>
              <th scope="col">{t('companies.evidenceTimes')}</th>
            </tr>
          </thead>
          <tbody>
            {evidence.map((e) => (
              <tr key={`${e.source} ${e.matchedValue}`}>
                <td>{sourceLabel(e.source)}</td>
                <td>{e.matchedValue}</td>
                <td>{percent(e.confidence)}</td>
                <td>{fmt.dateTime(e.seenAt)}</td>
                <td>{fmt.number(e.times)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
