import { useState } from 'preact/hooks';
import { api } from '../../api';
import { t, tCount } from '../../i18n';
import type { FormView } from '../../../server/schemas/lead-forms';
import styles from './LeadFormEditor.module.css';

/** One form in the list: its embed code (copy), its lead count, edit and archive. */
export function FormCard({ form, siteName, onEdit, onChanged }: { form: FormView; siteName: string; onEdit: () => void; onChanged: () => void }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard?.writeText(form.embed).then(() => setCopied(true), () => {});
  }
  async function archive() {
    await api(`/api/forms/${form.id}/archive`, { method: 'POST', body: { archived: !form.archived } });
    onChanged();
  }
  return (
    <article class="card" aria-labelledby={`form-${form.id}`}>
      <div class={styles.cardHead}>
        <h3 id={`form-${form.id}`}>{form.name}{form.archived && <> · {t('forms.archived')}</>}</h3>
        <span class="muted">{siteName} · <a href={`/leads?formId=${form.id}`}>{tCount('forms.leads', form.leads)}</a></span>
      </div>
      <p class="muted">{t('forms.embed')}</p>
      <pre class={styles.embed}><code>{form.embed}</code></pre>
      <div class="form-actions">
        <button type="button" onClick={copy} aria-label={`${t('forms.copy')} · ${form.name}`}>{t('forms.copy')}</button>
        <button type="button" class="secondary" onClick={onEdit} aria-label={`${t('forms.edit')} · ${form.name}`}>{t('forms.edit')}</button>
        <button type="button" class="secondary" onClick={archive} aria-label={`${form.archived ? t('forms.unarchive') : t('forms.archive')} · ${form.name}`}>
          {form.archived ? t('forms.unarchive') : t('forms.archive')}
        </button>
        <span role="status">{copied ? t('forms.copied') : ''}</span>
      </div>
    </article>
  );
}
