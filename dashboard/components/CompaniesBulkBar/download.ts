import { ApiError, csrfToken } from '../../api';
import { locale } from '../../i18n';

/** The companies export, asked in the interface's language and the browser's time zone (last visits as the user's clock showed them). */
export function companiesExportPath(): string {
  const params = new URLSearchParams({ lang: locale.value });
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (tz) params.set('tz', tz);
  return `/api/companies/export?${params}`;
}

/** POSTs to a CSV endpoint and saves the answer as a file (the API needs the CSRF header, so no plain link). */
export async function downloadCsv(path: string, body: unknown, fallbackName: string): Promise<void> {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...(csrfToken.value ? { 'x-csrf-token': csrfToken.value } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    const e = ((await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? 'http-error', e?.message ?? `HTTP ${res.status}`);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
