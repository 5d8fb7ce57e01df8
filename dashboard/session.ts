import { signal } from '@preact/signals';
import { api, ApiError, csrfToken } from './api';

export type CurrentUser = { id: string; email: string; name: string; orgId: string };

/** undefined: not checked yet; null: logged out. */
export const currentUser = signal<CurrentUser | null | undefined>(undefined);

export async function loadSession(): Promise<void> {
  try {
    const me = await api<{ user: CurrentUser; csrfToken: string }>('/api/auth/me');
    csrfToken.value = me.csrfToken;
    currentUser.value = me.user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) currentUser.value = null;
    else throw err;
  }
}

export async function logIn(email: string, password: string): Promise<void> {
  const res = await api<{ user: CurrentUser; csrfToken: string }>('/api/auth/login', { method: 'POST', body: { email, password } });
  csrfToken.value = res.csrfToken;
  currentUser.value = res.user;
}

export async function logOut(): Promise<void> {
  await api('/api/auth/logout', { method: 'POST' });
  csrfToken.value = null;
  currentUser.value = null;
}
