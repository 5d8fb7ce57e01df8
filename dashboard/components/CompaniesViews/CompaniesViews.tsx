import { useState } from 'preact/hooks';
import type { SavedView } from '../../../server/schemas/companies';
import { api } from '../../api';
import { useApi } from '../../hooks/useApi';
import { t } from '../../i18n';

/** Saved views: open one (its query goes to the URL), save the current one under a name, delete one. */
export function CompaniesViews({ current, onOpen }: { current: string; onOpen: (query: string) => void }) {
  const { data, reload } = useApi<{ views: SavedView[] }>('/api/companies/views');
  const [name, setName] = useState('');
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const views = data?.views ?? [];
  const active = views.find((v) => v.query === current);

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
          if (v) onOpen(v.query);
        }}>
          <option value="">{t('companies.chooseView')}</option>
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
