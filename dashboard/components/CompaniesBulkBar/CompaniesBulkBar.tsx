import { useState } from 'preact/hooks';
import type { ListRef } from '../../../server/schemas/companies';
import { CATEGORIES } from '../../../server/segments/categories';
import { api } from '../../api';
import { fmt, locale, t, tCount } from '../../i18n';
import { companiesExportPath, downloadCsv } from './download';
import styles from './CompaniesBulkBar.module.css';

export type BulkBarProps = {
  selected: string[];
  total: number;
  /** The current filter as a query string: "every company matching". */
  filter: string;
  lists: ListRef[];
  onDone: () => void;
};

/** Bulk actions: move the selection (or every company of the filter) to a list, export either as CSV. */
export function CompaniesBulkBar({ selected, total, filter, lists, onDone }: BulkBarProps) {
  const [listId, setListId] = useState('');
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const listName = lists.find((l) => l.id === listId)?.name ?? '';

  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ text: await fn() });
    } catch (err) {
      setMessage({ text: `${t('common.error')} (${err instanceof Error ? err.message : String(err)})`, error: true });
    } finally {
      setBusy(false);
    }
  };
  const move = (body: { ids: string[] } | { query: string }) =>
    run(async () => {
      const r = await api<{ moved: number }>('/api/companies/move', { method: 'POST', body: { ...body, toListId: listId } });
      onDone();
      return tCount('companies.moved', r.moved, { list: listName });
    });

  return (
    <div class={styles.bar}>
      <span class={styles.count} aria-live="polite">{tCount('companies.selected', selected.length)}</span>
      <div class={styles.group}>
        <label>
          {t('companies.moveTo')}
          <select value={listId} onChange={(e) => setListId((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('companies.chooseList')}</option>
            {CATEGORIES.map((c) => (
              <optgroup key={c.id} label={c[locale.value]}>
                {lists.filter((l) => l.category === c.id).map((l) => (
                  <option key={l.id} value={l.id}>{l.locked ? `${l.name} (${t('companies.lockedShort')})` : l.name}</option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <button type="button" disabled={busy || !listId || selected.length === 0} onClick={() => move({ ids: selected })}>
          {t('companies.moveSelected')}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={busy || !listId || total === 0}
          onClick={() => {
            if (window.confirm(t('companies.moveAllConfirm', { count: fmt.number(total), list: listName }))) void move({ query: filter });
          }}
        >
          {t('companies.moveAll', { count: fmt.number(total) })}
        </button>
      </div>
      <div class={styles.group}>
        <button type="button" class="secondary" disabled={busy || selected.length === 0} onClick={() => run(async () => (await downloadCsv(companiesExportPath(), { ids: selected }, 'vigie.csv'), ''))}>
          {t('companies.exportSelected')}
        </button>
        <button type="button" class="secondary" disabled={busy || total === 0} onClick={() => run(async () => (await downloadCsv(companiesExportPath(), { query: filter }, 'vigie.csv'), ''))}>
          {t('companies.exportAll')}
        </button>
      </div>
      {message?.text && <p role={message.error ? 'alert' : 'status'} class={message.error ? 'error' : 'success'}>{message.text}</p>}
    </div>
  );
}
