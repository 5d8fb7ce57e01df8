import { useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { useApi } from '../hooks/useApi';
import { useTitle } from '../hooks/useTitle';
import { LoadError } from '../components/LoadError/LoadError';
import { LeadFormEditor } from '../components/LeadFormEditor/LeadFormEditor';
import { FormCard } from '../components/LeadFormEditor/FormCard';
import type { FormInput, FormView } from '../../server/schemas/lead-forms';

type Editing = { id: string | null; input: FormInput };

/** Lead forms per site: list with embed codes, create from a template, edit, archive. */
export default function FormsPage() {
  useTitle(t('forms.title'));
  const forms = useApi<{ forms: FormView[] }>('/api/forms');
  const sites = useApi<{ sites: Array<{ id: string; name: string }> }>('/api/sites');
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saved, setSaved] = useState('');
  // The editor goes once saved or cancelled: the focus goes to the message saying it was saved, or
  // back to « Nouveau formulaire », not to the page's start.
  const statusRef = useRef<HTMLParagraphElement>(null);
  const newRef = useRef<HTMLButtonElement>(null);
  const focusLater = (ref: { current: HTMLElement | null }) => setTimeout(() => ref.current?.focus(), 0);
  const siteList = sites.data?.sites ?? [];

  async function create() {
    const site = siteList[0];
    if (!site) return;
    const { form } = await api<{ form: FormInput }>(`/api/forms-template?siteId=${encodeURIComponent(site.id)}`);
    setSaved('');
    setEditing({ id: null, input: form });
  }
  const edit = (f: FormView) => {
    const { id, createdAt: _c, updatedAt: _u, leads: _l, embed: _e, archived: _a, ...input } = f;
    setSaved('');
    setEditing({ id, input });
  };

  return (
    <div class="page">
      <header class="page-head page-head-row">
        <div>
          <h1>{t('forms.title')}</h1>
          <p class="muted">{t('forms.intro')}</p>
        </div>
        {!editing && <button ref={newRef} type="button" onClick={create} disabled={siteList.length === 0}>{t('forms.new')}</button>}
      </header>
      {sites.data && siteList.length === 0 && <p>{t('forms.noSite')} <a href="/sites">{t('nav.sites')}</a></p>}
      <p ref={statusRef} tabIndex={-1} role="status" class="success">{saved}</p>
      {editing && (
        <LeadFormEditor
          key={editing.id ?? 'new'}
          initial={editing.input}
          formId={editing.id}
          sites={siteList}
          onCancel={() => {
            setEditing(null);
            focusLater(newRef);
          }}
          onSaved={() => {
            setEditing(null);
            setSaved(t('forms.saved'));
            focusLater(statusRef);
            forms.reload();
          }}
        />
      )}
      {forms.error && <LoadError error={forms.error} onRetry={forms.reload} />}
      {forms.data && forms.data.forms.length === 0 && !editing && <p>{t('forms.none')}</p>}
      {!editing && forms.data?.forms.map((f) => (
        <FormCard key={f.id} form={f} siteName={siteList.find((s) => s.id === f.siteId)?.name ?? ''} onEdit={() => edit(f)} onChanged={forms.reload} />
      ))}
    </div>
  );
}
