import { useState } from 'preact/hooks';
import type { CompanyDetail } from '../../../server/schemas/companies';
import { api, ApiError } from '../../api';
import { t } from '../../i18n';

/** The company's manual tags (comma-separated), which scoring rules can give points to. */
export function CompanyTags({ detail, onSaved }: { detail: CompanyDetail; onSaved: (d: CompanyDetail) => void }) {
  const [value, setValue] = useState(detail.company.tags.join(', '));
  const [error, setError] = useState<string | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const tags = value.split(',').map((s) => s.trim()).filter(Boolean);
      onSaved(await api<CompanyDetail>(`/api/companies/${encodeURIComponent(detail.company.id)}/tags`, { method: 'PUT', body: { tags } }));
    } catch (err) {
      setError(err instanceof ApiError ? `${err.field ?? ''} ${err.message}`.trim() : String(err));
    }
  };
  return (
    <form class="form-actions" onSubmit={save}>
      <label class="inline-field">
        <span>{t('companies.tags')}</span>
        <input value={value} maxLength={900} aria-describedby="tags-hint" onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <button type="submit" class="secondary">{t('common.save')}</button>
      <span id="tags-hint" class="hint">{t('companies.tagsHint')}</span>
      {error && <p role="alert" class="error">{error}</p>}
    </form>
  );
}
