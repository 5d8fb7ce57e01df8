import type { Temperature } from '../../../server/schemas/scoring';
import { t } from '../../i18n';
import { PinIcon } from '../CompanyIcons/CompanyIcons';
import styles from './ScoreBadge.module.css';

/** A score and its temperature, in words as well as colour (never colour alone). */
export function ScoreBadge({ score, temperature, pinned = false }: { score: number; temperature: Temperature; pinned?: boolean }) {
  return (
    <span class={styles.badge}>
      <span class={styles.score}>{score}</span>
      <span class={`${styles.pill} ${styles[temperature]}`}>{t(`scoring.${temperature}`)}</span>
      {pinned && (
        <span class={styles.pin} title={t('companies.pinned')}>
          <PinIcon />
          <span class="visually-hidden">{t('companies.pinned')}</span>
        </span>
      )}
    </span>
  );
}
