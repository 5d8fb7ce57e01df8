import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { t } from '../../i18n';
import type { FormInput, FormView } from '../../../server/schemas/lead-forms';
import type { FormField } from '../../../server/schemas/leads';
import { FieldEditor } from './FieldEditor';
import styles from './LeadFormEditor.module.css';

type Site = { id: string; name: string };

/** Creates or edits a form: site, fields, French and English texts, thank-you or redirect. */
export function LeadFormEditor(props: { initial: FormInput; formId: string | null; sites: Site[]; onSaved: (f: FormView) => void; onCancel: () => void }) {
  const [form, setForm] = useState<FormInput>(props.initial);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<FormInput>) => setForm({ ...form, ...patch });
  const setField = (i: number, f: FormField) => set({ fields: form.fields.map((x, j) => (j === i ? f : x)) });
  const move = (i: number, delta: -1 | 1) => {
    const fields = [...form.fields];
    [fields[i], fields[i + delta]] = [fields[i + delta]!, fields[i]!];
    set({ fields });
  };
  const used = new Set(form.fields.map((f) => f.type));
  const text = (key: 'submitLabel' | 'successMessage', lang: 'fr' | 'en', label: string, long = false) => (
    <label>
      {label}
      {long
        ? <textarea rows={2} required value={form[key][lang]} onInput={(e) => set({ [key]: { ...form[key], [lang]: e.currentTarget.value } })} />
        : <input required value={form[key][lang]} onInput={(e) => set({ [key]: { ...form[key], [lang]: e.currentTarget.value } })} />}
    </label>
  );

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const body = { ...form, redirectUrl: form.redirectUrl?.trim() || null };
      const res = props.formId
        ? await api<{ form: FormView }>(`/api/forms/${props.formId}`, { method: 'PUT', body })
        : await api<{ form: FormView }>('/api/forms', { method: 'POST', body });
      props.onSaved(res.form);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card stack" onSubmit={save} aria-labelledby="form-editor-title">
      <h2 id="form-editor-title">{props.formId ? t('forms.editTitle', { name: props.initial.name }) : t('forms.createTitle')}</h2>
      <div class={styles.two}>
        <label>
          {t('forms.name')}
          <input required maxLength={100} value={form.name} onInput={(e) => set({ name: e.currentTarget.value })} />
        </label>
        <label>
          {t('forms.site')}
          <select value={form.siteId} onChange={(e) => set({ siteId: e.currentTarget.value })}>
            {props.sites.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
      </div>
      <label class={styles.check}>
        <input type="checkbox" checked={form.businessEmailRequired} onChange={(e) => set({ businessEmailRequired: e.currentTarget.checked })} />
        {t('forms.business')}
      </label>
      <h3>{t('forms.fields')}</h3>
      <div>
        {form.fields.map((f, i) => (
          <FieldEditor key={i} field={f} n={i + 1} count={form.fields.length} used={used}
            onChange={(next) => setField(i, next)} onMove={(d) => move(i, d)} onRemove={() => set({ fields: form.fields.filter((_, j) => j !== i) })} />
        ))}
        <button type="button" class="secondary" onClick={() => set({ fields: [...form.fields, { key: `custom${form.fields.length + 1}`, type: 'text', required: false, label: { fr: '', en: '' } }] })}>
          {t('forms.field.add')}
        </button>
      </div>
      <div class={styles.two}>
        {text('submitLabel', 'fr', t('forms.submitFr'))}
        {text('submitLabel', 'en', t('forms.submitEn'))}
        {text('successMessage', 'fr', t('forms.successFr'), true)}
        {text('successMessage', 'en', t('forms.successEn'), true)}
      </div>
      <label>
        {t('forms.redirect')}
        <input type="url" value={form.redirectUrl ?? ''} onInput={(e) => set({ redirectUrl: e.currentTarget.value })} />
      </label>
      {error && <p role="alert" class="error">{error}</p>}
      <div class="form-actions">
        <button type="submit" disabled={busy}>{t('forms.save')}</button>
        <button type="button" class="secondary" onClick={props.onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
