import { useState } from 'preact/hooks';
import type { ListRef } from '../../../server/schemas/companies';
import { CATEGORIES } from '../../../server/segments/categories';
import { api } from '../../api';
import { locale, t } from '../../i18n';
import { LockIcon } from '../CompanyIcons/CompanyIcons';

/**
 * Moves the company to another list (a manual move, allowed even out of a locked list) and
 * locks or unlocks the list it is in, through the segments API.
 */
export function CompanyActions({ companyId, list, lists, onChanged }: { companyId: string; list: ListRef; lists: ListRef[]; onChanged: () => void }) {
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      onChanged();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="stack">
      <p>
        {t('companies.currentList', { list: list.name })}
        {list.locked && <> — {t('companies.listLocked', { list: list.name })}</>}
      </p>
      <form class="form-actions" onSubmit={(e) => {
        e.preventDefault();
        if (target) void act(() => api('/api/segments/moves', { method: 'POST', body: { companyIds: [companyId], listId: target } }).then(() => setTarget('')));
      }}>
        <label class="inline-field">
          <span>{t('companies.moveTo')}</span>
          <select value={target} onChange={(e) => setTarget((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('companies.chooseList')}</option>
            {CATEGORIES.map((c) => (
              <optgroup key={c.id} label={c[locale.value]}>
                {lists.filter((l) => l.category === c.id && l.id !== list.id).map((l) => (
                  <option key={l.id} value={l.id}>{l.locked ? `${l.name} (${t('companies.lockedShort')})` : l.name}</option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy || !target}>{t('companies.move')}</button>
      </form>
      <div>
        <button type="button" class="secondary" disabled={busy} aria-pressed={list.locked}
          onClick={() => void act(() => api(`/api/segments/lists/${encodeURIComponent(list.id)}/lock`, { method: 'PUT', body: { locked: !list.locked } }))}>
          <LockIcon open={list.locked} /> {list.locked ? t('companies.unlockList', { list: list.name }) : t('companies.lockList', { list: list.name })}
        </button>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
    </div>
  );
}
