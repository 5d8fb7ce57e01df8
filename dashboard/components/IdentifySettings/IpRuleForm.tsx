import { useEffect, useRef, useState } from 'preact/hooks';
import type { IpRuleView } from '../../../server/schemas/identify';
import { api, ApiError } from '../../api';
import { t } from '../../i18n';
import styles from './IdentifySettings.module.css';

type Errors = { cidr?: string; company?: string; note?: string };

/** The server's error, put next to the field it names. */
function fieldErrors(err: ApiError): Errors {
  if (err.status === 409) return { cidr: t('settings.rules.error.duplicate') };
  if (err.field === 'cidr') return { cidr: t('settings.rules.error.cidr') };
  if (err.field?.startsWith('company')) return { company: t('settings.rules.error.company') };
  if (err.field === 'note') return { note: t('settings.rules.error.note') };
  return {};
}

/** Adds a rule, or edits `editing`. Field errors are announced and tied to their inputs. */
export function IpRuleForm({ editing, onSaved, onCancel }: { editing: IpRuleView | null; onSaved: (rule: IpRuleView, created: boolean) => void; onCancel: () => void }) {
  const [action, setAction] = useState<'company' | 'ignore'>(editing?.action ?? 'company');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const cidrRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setAction(editing?.action ?? 'company');
    setErrors({});
    setFormError(null);
    if (editing) cidrRef.current?.focus();
  }, [editing]);

  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const body = {
      cidr: String(data.get('cidr') ?? ''),
      action,
      note: String(data.get('note') ?? ''),
      ...(action === 'company' ? { company: { name: String(data.get('companyName') ?? ''), domain: String(data.get('companyDomain') ?? '') } } : {}),
    };
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      const { rule } = editing
        ? await api<{ rule: IpRuleView }>(`/api/identify/rules/${editing.id}`, { method: 'PUT', body })
        : await api<{ rule: IpRuleView }>('/api/identify/rules', { method: 'POST', body });
      form.reset();
      onSaved(rule, !editing);
    } catch (err) {
      const found = err instanceof ApiError ? fieldErrors(err) : {};
      setErrors(found);
      if (found.cidr) cidrRef.current?.focus();
      else if (found.company) nameRef.current?.focus();
      else if (!found.note) setFormError(err instanceof Error ? `${t('common.error')} (${err.message})` : t('common.error'));
    } finally {
      setBusy(false);
    }
  }

  const ids = (...list: Array<string | false | undefined>) => list.filter(Boolean).join(' ') || undefined;
  const key = editing?.id ?? 'new';
  return (
    <form key={key} class={styles.form} onSubmit={submit} noValidate aria-labelledby="ip-rule-form-title">
      <h3 id="ip-rule-form-title">{editing ? t('settings.rules.editTitle', { cidr: editing.cidr }) : t('settings.rules.addTitle')}</h3>
      <div class="field">
        <label for="ip-rule-cidr">{t('settings.rules.cidr')}</label>
        <input id="ip-rule-cidr" ref={cidrRef} name="cidr" defaultValue={editing?.cidr ?? ''} required maxLength={64} spellcheck={false} autoComplete="off"
          aria-invalid={errors.cidr ? true : undefined} aria-describedby={ids('ip-rule-cidr-hint', errors.cidr && 'ip-rule-cidr-error')} />
        <p id="ip-rule-cidr-hint" class="hint">{t('settings.rules.cidrHint')}</p>
        {errors.cidr && <p id="ip-rule-cidr-error" class="field-error">{errors.cidr}</p>}
      </div>
      <fieldset class={styles.choices}>
        <legend>{t('settings.rules.kind')}</legend>
        <label class={styles.choice}>
          <input type="radio" name="action" value="company" checked={action === 'company'} onChange={() => setAction('company')} />
          {t('settings.rules.kindCompany')}
        </label>
        <label class={styles.choice}>
          <input type="radio" name="action" value="ignore" checked={action === 'ignore'} onChange={() => setAction('ignore')} />
          {t('settings.rules.kindIgnore')}
        </label>
      </fieldset>
      {action === 'company' && (
        <>
          <div class="field">
            <label for="ip-rule-company">{t('settings.rules.companyName')}</label>
            <input id="ip-rule-company" ref={nameRef} name="companyName" defaultValue={editing?.company?.name ?? ''} required maxLength={200} autoComplete="off"
              aria-invalid={errors.company ? true : undefined} aria-describedby={ids(errors.company && 'ip-rule-company-error')} />
            {errors.company && <p id="ip-rule-company-error" class="field-error">{errors.company}</p>}
          </div>
          <div class="field">
            <label for="ip-rule-domain">{t('settings.rules.companyDomain')}</label>
            <input id="ip-rule-domain" name="companyDomain" defaultValue={editing?.company?.domain ?? ''} maxLength={253} spellcheck={false} autoComplete="off" aria-describedby="ip-rule-domain-hint" />
            <p id="ip-rule-domain-hint" class="hint">{t('settings.rules.companyDomainHint')}</p>
          </div>
        </>
      )}
      <div class="field">
        <label for="ip-rule-note">{t('settings.rules.noteInput')}</label>
        <input id="ip-rule-note" name="note" defaultValue={editing?.note ?? ''} maxLength={500} autoComplete="off"
          aria-invalid={errors.note ? true : undefined} aria-describedby={ids(errors.note && 'ip-rule-note-error')} />
        {errors.note && <p id="ip-rule-note-error" class="field-error">{errors.note}</p>}
      </div>
      {formError && <p role="alert" class="error">{formError}</p>}
      <div class="form-actions">
        <button type="submit" disabled={busy}>{editing ? t('settings.rules.submitSave') : t('settings.rules.submitAdd')}</button>
        {editing && <button type="button" class="secondary" onClick={onCancel}>{t('settings.rules.cancel')}</button>}
      </div>
    </form>
  );
}
