import { useState } from 'preact/hooks';
import { api } from '../../api';
import { fmt, t, tCount } from '../../i18n';
import { useApi } from '../../hooks/useApi';
import { LoadError } from '../LoadError/LoadError';
import type { CategoryView, RuleApplyView, RuleView } from '../../../server/schemas/segments';
import { SEGMENTS } from '../Segments/segmentsApi';
import { RuleForm } from './RuleForm';
import { conditionText } from './ruleText';
import styles from './Rules.module.css';

/**
 * Auto-segmentation rules in evaluation order (first that holds decides), with reordering,
 * deletion, and "apply to existing companies" after a preview count. Companies in locked lists never move.
 */
export function RulesSection({ categories, onApplied }: { categories: CategoryView[]; onApplied: () => void }) {
  const { data, error, reload } = useApi<{ rules: RuleView[] }>(`${SEGMENTS}/rules`);
  const [preview, setPreview] = useState<RuleApplyView | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const rules = data?.rules ?? [];

  async function move(i: number, delta: number) {
    const ids = rules.map((r) => r.id);
    [ids[i], ids[i + delta]] = [ids[i + delta]!, ids[i]!];
    await api(`${SEGMENTS}/rules/order`, { method: 'POST', body: { ids } });
    reload();
  }
  async function remove(r: RuleView) {
    await api(`${SEGMENTS}/rules/${r.id}`, { method: 'DELETE' });
    reload();
  }
  async function apply(dryRun: boolean) {
    const res = await api<RuleApplyView>(`${SEGMENTS}/rules/apply`, { method: 'POST', body: { dryRun } });
    if (dryRun) return setPreview(res);
    setPreview(null);
    setStatus(t('segments.rules.applied', { moved: fmt.number(res.moved), skipped: fmt.number(res.skippedLocked) }));
    onApplied();
  }

  return (
    <section class="card stack" aria-labelledby="rules-title">
      <h2 id="rules-title">{t('segments.rules.title')}</h2>
      <p class="hint">{t('segments.rules.intro')}</p>
      {error && <LoadError error={error} onRetry={reload} />}
      {data && rules.length === 0 && <p>{t('segments.rules.empty')}</p>}
      {rules.length > 0 && (
        <ol class="stack">
          {rules.map((r, i) => (
            <li key={r.id} class={styles.rule}>
              <strong>{r.name}</strong>
              {!r.enabled && <span class="muted"> ({t('segments.rules.disabled')})</span>} — {r.conditions.map(conditionText).join(t('segments.rules.and'))} → {r.listName}
              <span class="form-actions">
                <button type="button" class="secondary" disabled={i === 0} aria-label={t('segments.rules.up', { name: r.name })} onClick={() => move(i, -1)}>↑</button>
                <button type="button" class="secondary" disabled={i === rules.length - 1} aria-label={t('segments.rules.down', { name: r.name })} onClick={() => move(i, 1)}>↓</button>
                <button type="button" class="secondary" aria-label={t('segments.rules.delete', { name: r.name })} onClick={() => remove(r)}>{t('segments.action.delete')}</button>
              </span>
            </li>
          ))}
        </ol>
      )}
      {rules.length > 0 && (
        <div class="stack">
          <div class="form-actions">
            <button type="button" class="secondary" onClick={() => apply(true)}>{t('segments.rules.preview')}</button>
          </div>
          {preview && (
            <div class="stack">
              <p role="status">{t('segments.rules.previewText', { moved: fmt.number(preview.moved), skipped: fmt.number(preview.skippedLocked), examined: fmt.number(preview.examined) })}</p>
              <div class="form-actions">
                <button type="button" onClick={() => apply(false)}>{tCount('segments.rules.apply', preview.moved)}</button>
                <button type="button" class="secondary" onClick={() => setPreview(null)}>{t('common.cancel')}</button>
              </div>
            </div>
          )}
          {status && <p role="status">{status}</p>}
        </div>
      )}
      <details>
        <summary>{t('segments.rules.addTitle')}</summary>
        <RuleForm categories={categories} onCreated={() => reload()} />
      </details>
    </section>
  );
}
