import { useEffect, useState } from 'preact/hooks';
import type { CompanyDetail } from '../../../server/schemas/companies';
import { api, ApiError } from '../../api';
import { t } from '../../i18n';

/** What a save changed, in words: « Étiquette « salon » ajoutée. Étiquette « old » retirée. » */
export function tagsChangeText(before: string[], after: string[]): string {
  const parts = [
    ...after.filter((tag) => !before.includes(tag)).map((tag) => t('companies.tagAdded', { tag })),
    ...before.filter((tag) => !after.includes(tag)).map((tag) => t('companies.tagRemoved', { tag })),
  ];
  return parts.length ? `${parts.join('. ')}.` : `${t('companies.tagsSaved')}.`;
}

/**
 * The company's manual tags (comma-separated), which scoring rules can give points to. The form
 * stays mounted across saves and refreshes (the keyboard focus stays in it); a save is announced
 * in a polite live region.
 */
export function CompanyTags({ detail, onSaved }: { detail: CompanyDetail; onSaved: (d: CompanyDetail) => void }) {
  const saved = detail.company.tags.join(', ');
  const [value, setValue] = useState(saved);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState('');
  // Tags changed by a save or elsewhere (periodic refresh) replace the field's text.
  useEffect(() => setValue(saved), [saved]);
  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setDone('');
    try {
      const tags = value.split(',').map((s) => s.trim()).filter(Boolean);
      const before = detail.company.tags;
      const next = await api<CompanyDetail>(`/api/companies/${encodeURIComponent(detail.company.id)}/tags`, { method: 'PUT', body: { tags } });
      setValue(next.company.tags.join(', '));
      setDone(tagsChangeText(before, next.company.tags));
      onSaved(next);
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
      <p role="status" class="success">{done}</p>
    </form>
  );
}
