import { api, ApiError, csrfToken } from '../../api';
import { locale } from '../../i18n';
import type { CategoryView, ImportView, ListView } from '../../../server/schemas/segments';

export const SEGMENTS = '/api/segments';

/** A category's name in the interface language (the server sends both). */
export const categoryLabel = (c: Pick<CategoryView, 'label'>) => c.label[locale.value];

/** Where downloads point; the language picks the CSV headers and messages. */
export const downloads = {
  template: () => `${SEGMENTS}/template.csv`,
  export: (listId: string) => `${SEGMENTS}/lists/${listId}/export?lang=${locale.value}&tz=${encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone)}`,
  errors: (importId: string) => `${SEGMENTS}/imports/${importId}/errors.csv?lang=${locale.value}`,
  snapshot: (snapshotId: string) => `${SEGMENTS}/snapshots/${snapshotId}/download`,
};

export const getImport = (id: string, signal?: AbortSignal) => api<{ import: ImportView }>(`${SEGMENTS}/imports/${id}?lang=${locale.value}`, { signal }).then((r) => r.import);
export const confirmImport = (id: string) => api<{ import: ImportView }>(`${SEGMENTS}/imports/${id}/confirm?lang=${locale.value}`, { method: 'POST' }).then((r) => r.import);
export const cancelImport = (id: string) => api<{ import: ImportView }>(`${SEGMENTS}/imports/${id}/cancel`, { method: 'POST' });
export const setLocked = (listId: string, locked: boolean) => api<{ list: ListView }>(`${SEGMENTS}/lists/${listId}/lock`, { method: 'PUT', body: { locked } });

/**
 * Sends the file as the raw request body with XMLHttpRequest, whose upload events give a progress
 * bar while a large file travels (fetch has none). Resolves with the import, now being parsed.
 */
export function uploadCsv(listId: string, file: File, onProgress: (fraction: number) => void): Promise<ImportView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${SEGMENTS}/lists/${listId}/imports?filename=${encodeURIComponent(file.name)}&lang=${locale.value}`);
    xhr.setRequestHeader('content-type', 'text/csv');
    if (csrfToken.value) xhr.setRequestHeader('x-csrf-token', csrfToken.value);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      type Reply = { import?: ImportView; error?: { code: string; message: string; field?: string } };
      const data = ((): Reply | null => {
        try {
          return JSON.parse(xhr.responseText) as Reply;
        } catch {
          return null; // not JSON: reported below
        }
      })();
      if (xhr.status === 202 && data?.import) resolve(data.import);
      else reject(new ApiError(xhr.status, data?.error?.code ?? 'http-error', data?.error?.message ?? `HTTP ${xhr.status}`, data?.error?.field));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
    xhr.send(file);
  });
}
