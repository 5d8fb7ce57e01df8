import { signal } from '@preact/signals';

/** The server's error envelope, thrown as an exception. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

/** CSRF token of the current log-in session (from /api/auth/login or /api/auth/me). */
export const csrfToken = signal<string | null>(null);

/** One fetch wrapper for the dashboard: JSON in and out, CSRF on mutations, errors as ApiError. */
export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken.value) headers['x-csrf-token'] = csrfToken.value;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
  });
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string; field?: string } } | null;
  if (!res.ok) {
    const e = data?.error;
    throw new ApiError(res.status, e?.code ?? 'http-error', e?.message ?? `HTTP ${res.status}`, e?.field);
  }
  return data as T;
}
