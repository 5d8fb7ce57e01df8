import { useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { t } from '../../i18n';
import type { SiteView } from '../../../server/schemas/sites';
import { parseDomains } from './domains';
import { fieldErrorFor, type FieldErrors } from './fieldError';

/** Adds a site (name + domains). The server's field error is shown next to the input it concerns. */
export function SiteForm({ onCreated }: { onCreated: (site: SiteView) => void }) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const domainsRef = useRef<HTMLTextAreaElement>(null);

  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const name = nameRef.current!.value;
    const domains = parseDomains(domainsRef.current!.value);
    setBusy(true);
    setErrors({});
    setFormError(null);
    setDone(null);
    try {
      const { site } = await api<{ site: SiteView }>('/api/sites', { method: 'POST', body: { name, domains } });
      form.reset();
      setDone(t('sites.added', { name: site.name }));
      onCreated(site);
    } catch (err) {
      const fieldErrors = err instanceof ApiError ? fieldErrorFor(err, { name, domains }) : {};
      setErrors(fieldErrors);
      if (fieldErrors.name) nameRef.current!.focus();
      else if (fieldErrors.domains) domainsRef.current!.focus();
      else setFormError(err instanceof Error ? `${t('common.error')} (${err.message})` : t('common.error'));
    } finally {
      setBusy(false);
    }
  }

  const describedBy = (...ids: Array<string | false>) => ids.filter(Boolean).join(' ') || undefined;

  return (
    <form onSubmit={submit} noValidate class="stack">
      <div class="field">
        <label for="site-name">{t('sites.name')}</label>
        <input
          id="site-name"
          ref={nameRef}
          name="name"
          maxLength={100}
          required
          autoComplete="off"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy(!!errors.name && 'site-name-error')}
        />
        {errors.name && <p id="site-name-error" class="field-error">{errors.name}</p>}
      </div>
      <div class="field">
        <label for="site-domains">{t('sites.domainsInput')}</label>
        <textarea
          id="site-domains"
          ref={domainsRef}
          name="domains"
          rows={3}
          required
          spellcheck={false}
          aria-invalid={errors.domains ? true : undefined}
          aria-describedby={describedBy('site-domains-hint', !!errors.domains && 'site-domains-error')}
        />
        <p id="site-domains-hint" class="hint">{t('sites.domainsHint')}</p>
        {errors.domains && <p id="site-domains-error" class="field-error">{errors.domains}</p>}
      </div>
      {formError && <p role="alert" class="error">{formError}</p>}
      <div class="form-actions">
        <button type="submit" disabled={busy}>{t('sites.submit')}</button>
        <span role="status" class="success">{done}</span>
      </div>
    </form>
  );
}
