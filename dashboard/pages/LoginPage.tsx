import { useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../i18n';
import { logIn } from '../session';
import { ApiError } from '../api';
import { useTitle } from '../hooks/useTitle';

type Field = 'email' | 'password';
type FieldErrors = Partial<Record<Field, string>>;

/**
 * The log-in form. A field left empty is named next to it (no request is sent); a field the
 * server refuses (its 400 names the field) is shown the same way; other failures under the form.
 */
export default function LoginPage() {
  useTitle(t('login.title'));
  const { route, query } = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const refs = { email: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) };

  /** Shows the field errors and puts the focus on the first field concerned, whose description then reads the error. */
  function showFieldErrors(errors: FieldErrors) {
    setFieldErrors(errors);
    const first = (['email', 'password'] as const).find((f) => errors[f]);
    if (first) refs[first].current?.focus();
  }

  async function submit(e: Event) {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    setError(null);
    const missing: FieldErrors = {};
    if (!email) missing.email = t('login.emailMissing');
    if (!password) missing.password = t('login.passwordMissing');
    showFieldErrors(missing);
    if (missing.email || missing.password) return;
    setBusy(true);
    try {
      await logIn(email, password);
      const next = query.next && query.next.startsWith('/') && !query.next.startsWith('//') ? query.next : '/';
      route(next);
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      const field = err instanceof ApiError && status === 400 && (err.field === 'email' || err.field === 'password') ? err.field : null;
      if (field) showFieldErrors({ [field]: t(field === 'email' ? 'login.emailInvalid' : 'login.passwordInvalid') });
      else setError(status === 401 ? t('login.invalid') : status === 429 ? t('login.throttled') : t('common.error'));
    } finally {
      setBusy(false);
    }
  }

  /** The input's props tying it to its error, if any; typing in the field clears that error. */
  const fieldProps = (f: Field) => ({
    ref: refs[f],
    'aria-invalid': fieldErrors[f] ? true : undefined,
    'aria-describedby': fieldErrors[f] ? `login-${f}-error` : undefined,
    onInput: () => fieldErrors[f] && setFieldErrors((prev) => ({ ...prev, [f]: undefined })),
  });

  return (
    <main class="login">
      <h1>{t('login.title')}</h1>
      <form onSubmit={submit} noValidate>
        <div class="login-field">
          <label>
            {t('login.email')}
            <input name="email" type="email" autoComplete="username" required {...fieldProps('email')} />
          </label>
          {fieldErrors.email && <p id="login-email-error" class="field-error">{fieldErrors.email}</p>}
        </div>
        <div class="login-field">
          <label>
            {t('login.password')}
            <input name="password" type="password" autoComplete="current-password" required {...fieldProps('password')} />
          </label>
          {fieldErrors.password && <p id="login-password-error" class="field-error">{fieldErrors.password}</p>}
        </div>
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit" disabled={busy}>{t('login.submit')}</button>
      </form>
    </main>
  );
}
