import { useState } from 'preact/hooks';
import type { SavedView } from '../../../server/schemas/companies';
import { api } from '../../api';
import { useApi } from '../../hooks/useApi';
import { t } from '../../i18n';
import { fromView, viewQuery, type TableQuery } from '../CompaniesFilters/filterQuery';

/**
 * Saved views: open one (its filter and sort go to the URL), save the current one under a name,
 * delete one. The view shown as chosen is the one whose filter and sort are the table's now;
 * otherwise the choice reads « Aucune vue », and choosing it goes back to the plain table.
 */
export function CompaniesViews({ query, onOpen }: { query: TableQuery; onOpen: (q: TableQuery) => void }) {
  const { data, reload } = useApi<{ views: SavedView[] }>('/api/companies/views');
  const [name, setName] = useState('');
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const views = data?.views ?? [];
  const current = viewQuery(query);
  const active = views.find((v) => viewQuery(fromView(v.query)) === current);

  const save = async (e: Event) => {
    e.preventDefault();
    try {
      const r = await api<{ view: SavedView }>('/api/companies/views', { method: 'POST', body: { name: name.trim(), query: current } });
      setStatus({ text: t('companies.viewSaved', { name: r.view.name }) });
      setName('');
      reload();
    } catch (err) {
      setStatus({ text: err instanceof Error ? err.message : String(err), error: true });
    }
  };

  return (
    <div class="form-actions">
      <label class="inline-field">
        <span>{t('companies.views')}</span>
        <select value={active?.id ?? ''} onChange={(e) => {
          const v = views.find((x) => x.id === (e.currentTarget as HTMLSelectElement).value);
          onOpen(v ? fromView(v.query) : {});
        }}>
          <option value="">{t('companies.noView')}</option>
          {views.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
        </select>
      </label>
      {active && (
        <button type="button" class="secondary" onClick={async () => {
          await api(`/api/companies/views/${encodeURIComponent(active.id)}`, { method: 'DELETE' });
          reload();
        }}>
          {t('companies.deleteView', { name: active.name })}
        </button>
      )}
      <form class="inline-field" onSubmit={save}>
        <label class="inline-field">
          <span>{t('companies.viewName')}</span>
          <input value={name} maxLength={80} required onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="secondary" disabled={!name.trim()}>{t('companies.saveView')}</button>
      </form>
      {status && <span role={status.error ? 'alert' : 'status'} class={status.error ? 'error' : 'success'}>{status.text}</span>}
    </div>
  );
}
