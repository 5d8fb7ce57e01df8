import { useState } from 'preact/hooks';
import { api } from '../../api';
import { fmt, t, tCount } from '../../i18n';
import { useApi } from '../../hooks/useApi';
import { LoadError } from '../LoadError/LoadError';
import type { ListView, SnapshotView } from '../../../server/schemas/segments';
import { SEGMENTS, downloads } from './segmentsApi';

/**
 * What the list held before each import or restore: downloadable as CSV and restorable after a
 * confirmation (the current content is itself snapshotted first, so a restore can be undone).
 */
export function SnapshotsPanel({ list, onRestored }: { list: ListView; onRestored: () => void }) {
  const { data, error, reload } = useApi<{ snapshots: SnapshotView[] }>(`${SEGMENTS}/lists/${list.id}/snapshots`);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function restore(id: string) {
    setBusy(true);
    try {
      const res = await api<{ restored: number; left: number; entries: number }>(`${SEGMENTS}/snapshots/${id}/restore`, { method: 'POST' });
      setStatus(t('segments.snapshots.restored', { restored: fmt.number(res.restored), left: fmt.number(res.left) }));
      setConfirming(null);
      reload();
      onRestored();
    } catch (err) {
      setStatus(`${t('common.error')} (${err instanceof Error ? err.message : String(err)})`);
    } finally {
      setBusy(false);
    }
  }

  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <p role="status">{t('common.loading')}</p>;
  return (
    <div class="stack">
      <p class="hint">{t('segments.snapshots.intro')}</p>
      <p role="status">{status}</p>
      {data.snapshots.length === 0 ? (
        <p>{t('segments.snapshots.empty')}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t('segments.snapshots.caption', { name: list.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('segments.snapshots.date')}</th>
              <th scope="col">{t('segments.snapshots.reason')}</th>
              <th scope="col">{t('segments.snapshots.companies')}</th>
              <th scope="col">{t('segments.snapshots.entries')}</th>
              <th scope="col">{t('segments.snapshots.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {data.snapshots.map((s) => {
              const when = fmt.dateTime(s.createdAt);
              return (
                <tr key={s.id}>
                  <td>{when}</td>
                  <td>{t(`segments.snapshots.reason.${s.reason}`)}</td>
                  <td>{fmt.number(s.companies)}</td>
                  <td>{fmt.number(s.entries)}</td>
                  <td>
                    <div class="form-actions">
                      <a href={downloads.snapshot(s.id)} download aria-label={t('segments.snapshots.downloadLabel', { date: when })}>{t('segments.snapshots.download')}</a>
                      {confirming === s.id ? (
                        <>
                          <span>{t('segments.snapshots.confirm', { name: list.name, companies: tCount('segments.category.companies', s.companies) })}</span>
                          <button type="button" disabled={busy} onClick={() => restore(s.id)}>{t('segments.snapshots.confirmButton')}</button>
                          <button type="button" class="secondary" onClick={() => setConfirming(null)}>{t('common.cancel')}</button>
                        </>
                      ) : (
                        <button type="button" class="secondary" aria-label={t('segments.snapshots.restoreLabel', { date: when })} onClick={() => setConfirming(s.id)}>
                          {t('segments.snapshots.restore')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
