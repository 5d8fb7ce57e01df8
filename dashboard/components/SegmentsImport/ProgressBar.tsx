import { t } from '../../i18n';
import styles from './Import.module.css';

/**
 * A determinate progress bar read out by screen readers: role=progressbar with aria-valuenow and a
 * label; the native <progress> inside only draws it (no inline style needed under the strict CSP).
 */
export function ProgressBar({ label, percent }: { label: string; percent: number }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  const text = t('segments.import.percent', { percent: value });
  return (
    <div class={styles.progress}>
      <span id="import-progress-label">{label}</span>
      <div role="progressbar" aria-labelledby="import-progress-label" aria-valuemin={0} aria-valuemax={100} aria-valuenow={value} aria-valuetext={text}>
        <progress aria-hidden="true" max={100} value={value} />
      </div>
      <span aria-hidden="true">{text}</span>
    </div>
  );
}
