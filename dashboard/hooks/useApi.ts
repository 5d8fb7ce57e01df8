import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { currentUser } from '../session';

export type ApiState<T> = { data: T | undefined; error: Error | undefined; loading: boolean; reload: () => void };

/**
 * GETs `path` (null: nothing to load yet) and keeps the last good answer while reloading.
 * `refreshMs` re-fetches periodically while the tab is visible, so new traffic shows up by itself.
 * A 401 means the log-in session ended: the app goes back to the log-in page.
 */
export function useApi<T>(path: string | null, opts: { refreshMs?: number } = {}): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    if (path === null) return;
    const ctrl = new AbortController();
    setLoading(true);
    api<T>(path, { signal: ctrl.signal }).then(
      (d) => {
        setData(d);
        setError(undefined);
        setLoading(false);
      },
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        if (err instanceof ApiError && err.status === 401) currentUser.value = null;
        setError(err instanceof Error ? err : new Error(String(err)));
        setLoading(false);
      },
    );
    return () => ctrl.abort();
  }, [path, tick]);

  // A new path (another site) must not show the previous site's figures while loading.
  useEffect(() => setData(undefined), [path]);

  useEffect(() => {
    if (!opts.refreshMs || path === null) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, opts.refreshMs);
    return () => clearInterval(timer);
  }, [opts.refreshMs, path, reload]);

  return { data, error, loading, reload };
}
