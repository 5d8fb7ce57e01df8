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
  const [done, setDone] = useState('');
  // While busy (or with no list chosen) the buttons are aria-disabled, not disabled: a disabled
  // button drops the keyboard focus to <body>, and the user would lose their place.
  const act = async (fn: () => Promise<unknown>, doneText = '') => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setDone('');
    try {
      await fn();
      setDone(doneText);
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
        const to = lists.find((l) => l.id === target);
        if (target) void act(() => api('/api/segments/moves', { method: 'POST', body: { companyIds: [companyId], listId: target } }).then(() => setTarget('')), to ? t('companies.movedThis', { list: to.name }) : '');
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
        <button type="submit" aria-disabled={busy || !target}>{t('companies.move')}</button>
      </form>
      <div>
        <button type="button" class="secondary" aria-disabled={busy} aria-pressed={list.locked}
          onClick={() => void act(() => api(`/api/segments/lists/${encodeURIComponent(list.id)}/lock`, { method: 'PUT', body: { locked: !list.locked } }))}>
          <LockIcon open={list.locked} /> {list.locked ? t('companies.unlockList', { list: list.name }) : t('companies.lockList', { list: list.name })}
        </button>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      <p role="status" class="success">{done}</p>
    </div>
  );
}
