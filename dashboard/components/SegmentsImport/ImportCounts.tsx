import { fmt, t } from '../../i18n';
import type { ImportCounts as Counts } from '../../../server/schemas/segments';
import styles from './Import.module.css';

/** Matched / moved / skipped-locked / unmatched, as a description list (preview: "will"; report: "did"). */
export function ImportCounts({ counts, applied }: { counts: Counts; applied: boolean }) {
  const k = applied ? 'report' : 'preview';
  const rows: Array<[string, number]> = [
    [t('segments.import.rowsRead'), counts.rowsRead],
    [t('segments.import.valid'), counts.valid],
    [t('segments.import.rejected'), counts.rejected],
    [t('segments.import.matched'), counts.matched],
    [t(`segments.${k}.moved`), counts.moved],
    [t('segments.import.alreadyInList'), counts.alreadyInList],
    [t(`segments.${k}.skippedLocked`), counts.skippedLocked],
    [t(`segments.${k}.unmatched`), counts.unmatched],
  ];
  return (
    <dl class={styles.counts}>
      {rows.map(([label, n]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{fmt.number(n)}</dd>
        </div>
      ))}
    </dl>
  );
}
