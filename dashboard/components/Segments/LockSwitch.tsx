import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { ListView } from '../../../server/schemas/segments';
import { setLocked } from './segmentsApi';
import styles from './Segments.module.css';

/**
 * Lock toggle of one list, a switch with an accessible name ("Verrouiller prospect-salons") whose
 * state is read out as on/off; the visible text says the state too.
 */
export function LockSwitch({ list, onChanged }: { list: ListView; onChanged: (l: ListView) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function toggle() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onChanged((await setLocked(list.id, !list.locked)).list);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <span class={styles.lockCell}>
      <button
        type="button"
        role="switch"
        aria-checked={list.locked}
        aria-label={t('segments.lock.label', { name: list.name })}
        class={list.locked ? `${styles.switch} ${styles.switchOn}` : styles.switch}
        aria-disabled={busy}
        onClick={toggle}
      >
        <span aria-hidden="true" class={styles.knob} />
        <span>{list.locked ? t('segments.lock.on') : t('segments.lock.off')}</span>
      </button>
      {error && <span role="alert" class="error">{error}</span>}
    </span>
  );
}
