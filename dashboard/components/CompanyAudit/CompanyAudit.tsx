import type { MoveView } from '../../../server/schemas/companies';
import { fmt, t } from '../../i18n';
import { auditReason } from './reason';
import styles from './CompanyAudit.module.css';

/** Every change of list: when, from, to, who or what made it, and why. */
export function CompanyAudit({ moves }: { moves: MoveView[] }) {
  return (
    <div class={styles.scroll}>
      <table>
        <caption class="visually-hidden">{t('companies.listAndAudit')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('companies.audit.when')}</th>
            <th scope="col">{t('companies.audit.from')}</th>
            <th scope="col">{t('companies.audit.to')}</th>
            <th scope="col">{t('companies.audit.by')}</th>
            <th scope="col">{t('companies.audit.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {moves.map((m, i) => (
            <tr key={i}>
              <td>{fmt.dateTime(m.at)}</td>
              <td>{m.from?.name ?? '—'}</td>
              <td>{m.to.name}</td>
              <td>{m.actorName ?? t(`companies.actor.${m.actor}`)}</td>
              <td>{auditReason(m.reason)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
