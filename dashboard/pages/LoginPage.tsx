import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../i18n';
import { logIn } from '../session';
import { ApiError } from '../api';
import { useTitle } from '../hooks/useTitle';

export default function LoginPage() {
  useTitle(t('login.title'));
  const { route, query } = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      await logIn(String(form.get('email') ?? ''), String(form.get('password') ?? ''));
      const next = query.next && query.next.startsWith('/') && !query.next.startsWith('//') ? query.next : '/';
      route(next);
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      setError(status === 401 ? t('login.invalid') : status === 429 ? t('login.throttled') : t('common.error'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="login">
      <h1>{t('login.title')}</h1>
      <form onSubmit={submit} noValidate>
        <label>
          {t('login.email')}
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit" disabled={busy}>{t('login.submit')}</button>
      </form>
    </main>
  );
}
