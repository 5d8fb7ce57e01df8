import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { t } from '../../i18n';
import type { CategoryView, ListView } from '../../../server/schemas/segments';
import { SEGMENTS, categoryLabel } from './segmentsApi';
import styles from './Segments.module.css';

/**
 * Adds a list under a category: the user types `salons`, the prefix `prospect-` is shown and added
 * by the server. An error concerns the name as typed: it goes as soon as the name changes, and a
 * success replaces it with its own message.
 */
export function AddListForm({ category, onCreated }: { category: CategoryView; onCreated: (l: ListView) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `add-list-${category.id}`;
  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '');
    if (busy) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const { list } = await api<{ list: ListView }>(`${SEGMENTS}/lists`, { method: 'POST', body: { category: category.id, name } });
      form.reset();
      setError(null);
      setDone(t('segments.add.done', { name: list.name }));
      onCreated(list);
    } catch (err) {
      setDone(null);
      setError(err instanceof ApiError && err.status === 409 ? t('segments.add.exists') : err instanceof ApiError && err.field === 'name' ? t('segments.add.invalid') : t('common.error'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class={styles.addForm} onSubmit={submit} noValidate>
      <label for={id}>{t('segments.add.label', { category: categoryLabel(category) })}</label>
      <div class="inline-field">
        <span class={styles.prefix} aria-hidden="true">{category.id}-</span>
        <input
          id={id}
          name="name"
          required
          maxLength={60}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          onInput={() => {
            setError(null);
            setDone(null);
          }}
        />
        {/* aria-disabled, not disabled: a disabled button would drop the keyboard focus to <body>. */}
        <button type="submit" aria-disabled={busy}>{t('segments.add.submit')}</button>
      </div>
      <p id={`${id}-hint`} class="hint">{t('segments.add.hint', { prefix: `${category.id}-` })}</p>
      {error && <p id={`${id}-error`} class="field-error" role="alert">{error}</p>}
      <span role="status" class="success">{done}</span>
    </form>
  );
}
