import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { fmt, t } from '../../i18n';
import type { CategoryView, ListView } from '../../../server/schemas/segments';
import { SEGMENTS } from './segmentsApi';

function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<void>, messageFor: (e: unknown) => string = () => t('common.error')) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(messageFor(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** Renames a list (its category prefix stays). */
export function RenamePanel({ list, onDone, onClose }: { list: ListView; onDone: (newName: string) => void; onClose: () => void }) {
  const { busy, error, run } = useAction();
  const suffix = list.name.slice(list.category.length + 1);
  const id = `rename-${list.id}`;
  const submit = (e: Event) => {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget as HTMLFormElement).get('name') ?? '');
    void run(
      async () => {
        const { list: renamed } = await api<{ list: ListView }>(`${SEGMENTS}/lists/${list.id}`, { method: 'PATCH', body: { name } });
        onDone(renamed.name);
      },
      (err) => (err instanceof ApiError && err.status === 409 ? t('segments.add.exists') : t('segments.add.invalid')),
    );
  };
  return (
    <form onSubmit={submit} noValidate class="stack">
      <label for={id}>{t('segments.rename.label', { name: list.name })}</label>
      <div class="inline-field">
        <span aria-hidden="true">{list.category}-</span>
        <input id={id} name="name" defaultValue={suffix} required maxLength={60} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      </div>
      {error && <p id={`${id}-error`} class="field-error" role="alert">{error}</p>}
      <div class="form-actions">
        <button type="submit" aria-disabled={busy}>{t('common.save')}</button>
        <button type="button" class="secondary" onClick={onClose}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

/** Asks before deleting a list, saying where its companies will go. */
export function DeletePanel({ list, category, onDone, onClose }: { list: ListView; category: CategoryView; onDone: (to: string) => void; onClose: () => void }) {
  const { busy, error, run } = useAction();
  const to = category.lists.find((l) => l.isDefault)?.name ?? `${list.category}-default`;
  return (
    <div class="stack" role="group" aria-label={t('segments.delete.title', { name: list.name })}>
      <p>{t('segments.delete.confirm', { name: list.name, count: fmt.number(list.companies), to })}</p>
      {error && <p role="alert" class="error">{error}</p>}
      <div class="form-actions">
        <button type="button" aria-disabled={busy} onClick={() => run(async () => { await api(`${SEGMENTS}/lists/${list.id}`, { method: 'DELETE' }); onDone(to); })}>
          {t('segments.delete.submit', { name: list.name })}
        </button>
        <button type="button" class="secondary" onClick={onClose}>{t('common.cancel')}</button>
      </div>
    </div>
  );
}
