import type { ScoreView } from '../../../server/schemas/scoring';
import { t } from '../../i18n';
import { ScoreBadge } from '../ScoreBadge/ScoreBadge';
import { lineText } from './lineText';
import styles from './ScoreBreakdown.module.css';

/**
 * Why the company has its score: one line per contribution ("+18 pts — page /pricing, il y a 2 jours"),
 * whose points add up to the total shown under them.
 */
export function ScoreBreakdown({ score, listNames, now = Date.now() }: { score: ScoreView; listNames?: ReadonlyMap<string, string>; now?: number }) {
  return (
    <div>
      <p>
        <ScoreBadge score={score.score} temperature={score.temperature} pinned={score.pin !== null} />
      </p>
      <h3 id="score-why">{t('scoring.why')}</h3>
      <ul class={styles.list} aria-labelledby="score-why">
        {score.lines.map((l, i) => (
          <li key={i} class={`${styles.line} ${l.points < 0 ? styles.minus : styles.plus}`}>
            {lineText(l, now, listNames)}
          </li>
        ))}
        <li class={`${styles.line} ${styles.total}`}>{t('scoring.total', { score: score.score })}</li>
      </ul>
      <p class={styles.sub}>{t('scoring.fitEngagement', { fit: score.fit, engagement: score.engagement })}</p>
      {score.hidden && <p class={styles.sub}>{t('scoring.hidden')}</p>}
    </div>
  );
}
