import { useEffect, useState } from 'preact/hooks';
import type { RescoreJob, RulesReply, ScoringRules } from '../../../server/schemas/scoring';
import { CATEGORIES } from '../../../server/segments/categories';
import { api, ApiError } from '../../api';
import { useApi } from '../../hooks/useApi';
import { fmt, locale, t } from '../../i18n';
import { MoreFitRules } from './MoreFitRules';
import styles from './ScoreRules.module.css';

type PerUnitKey = 'sessions' | 'pageviews' | 'engagedMinutes' | 'forms' | 'repeatDays';
const PER_UNIT: Array<[PerUnitKey, string]> = [
  ['sessions', 'scoring.perSession'], ['pageviews', 'scoring.perPageview'], ['engagedMinutes', 'scoring.perMinute'], ['forms', 'scoring.perForm'], ['repeatDays', 'scoring.perRepeat'],
];

/** "FR=5, BE=3" <-> { FR: 5, BE: 3 }: compact editing of the per-value point tables. */
const pairsText = (c: Record<string, number | undefined>) => Object.entries(c).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`).join(', ');
function parsePairs(s: string, key: (k: string) => string = (k) => k): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of s.split(',')) {
    const [k, v] = part.split('=').map((x) => x.trim());
    if (k) out[key(k)] = Number(v);
  }
  return out;
}
type PairKey = 'countries' | 'tags' | 'networkClasses' | 'domainKinds';
const PAIRS: Array<[PairKey, string, (k: string) => string]> = [
  ['countries', 'scoring.countryPoints', (k) => k.toUpperCase()],
  ['tags', 'scoring.tagPoints', (k) => k.toLowerCase()],
  ['networkClasses', 'scoring.networkPoints', (k) => k],
  ['domainKinds', 'scoring.domainPoints', (k) => k],
];
const pairsOf = (r: ScoringRules) => Object.fromEntries(PAIRS.map(([k]) => [k, pairsText(r.fit[k])])) as Record<PairKey, string>;

/** Polls a rescoring pass until it ends, reporting its progress. */
function useJob(initial: RescoreJob | null, onDone: () => void): RescoreJob | null {
  const [job, setJob] = useState(initial);
  useEffect(() => setJob(initial), [initial]);
  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const timer = setTimeout(async () => {
      const r = await api<{ job: RescoreJob }>(`/api/scoring/jobs/${encodeURIComponent(job.id)}`);
      setJob(r.job);
      if (r.job.state !== 'running') onDone();
    }, 400);
    return () => clearTimeout(timer);
  }, [job]);
  return job;
}

/**
 * The organisation's scoring rules: half-life, thresholds, category, list, country, confidence,
 * tag, network and domain points, hidden categories, key pages with their weights, engagement points. Saving rescores every company, with progress.
 */
export function ScoreRules({ onRescored }: { onRescored: () => void }) {
  const { data, reload } = useApi<RulesReply>('/api/scoring/rules');
  const [rules, setRules] = useState<ScoringRules | null>(null);
  const [pairs, setPairs] = useState<Record<PairKey, string>>({ countries: '', tags: '', networkClasses: '', domainKinds: '' });
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState<RescoreJob | null>(null);
  const job = useJob(started, () => {
    onRescored();
    reload();
  });
  useEffect(() => {
    if (data) {
      setRules(structuredClone(data.rules));
      setPairs(pairsOf(data.rules));
    }
  }, [data]);
  if (!rules || !data) return <p role="status">{t('common.loading')}</p>;

  const update = (fn: (r: ScoringRules) => void) => setRules((r) => {
    const next = structuredClone(r!);
    fn(next);
    return next;
  });
  const num = (value: number, onValue: (n: number) => void, attrs: { min?: number; max?: number; step?: number; label: string }) => (
    <label>
      {attrs.label}
      <input type="number" value={value} min={attrs.min} max={attrs.max} step={attrs.step ?? 1} required
        onInput={(e) => onValue(Number((e.currentTarget as HTMLInputElement).value))} />
    </label>
  );
  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const fit = { ...rules.fit, ...Object.fromEntries(PAIRS.map(([k, , key]) => [k, parsePairs(pairs[k], key)])) };
      const r = await api<RulesReply>('/api/scoring/rules', { method: 'PUT', body: { rules: { ...rules, fit } } });
      setStarted(r.job);
    } catch (err) {
      setError(err instanceof ApiError ? `${err.field ?? ''} ${err.message}`.trim() : String(err));
    }
  };

  return (
    <form class={styles.form} onSubmit={save}>
      <p class="hint">{t('scoring.rulesIntro')}</p>
      <div class={styles.grid}>
        {num(rules.halfLifeDays, (n) => update((r) => { r.halfLifeDays = n; }), { label: t('scoring.halfLife'), min: 0.5, max: 365, step: 0.5 })}
        {num(rules.thresholds.hot, (n) => update((r) => { r.thresholds.hot = n; }), { label: t('scoring.hotFrom'), min: 1, max: 100 })}
        {num(rules.thresholds.warm, (n) => update((r) => { r.thresholds.warm = n; }), { label: t('scoring.warmFrom'), min: 0, max: 99 })}
      </div>
      <fieldset class={styles.fieldset}>
        <legend>{t('scoring.categoryPoints')}</legend>
        <div class={styles.grid}>
          {CATEGORIES.map((c) => num(rules.fit.categories[c.id] ?? 0, (n) => update((r) => { r.fit.categories[c.id] = n; }), { label: c[locale.value], min: -100, max: 100 }))}
        </div>
      </fieldset>
      {PAIRS.map(([k, label]) => (
        <label key={k}>
          {t(label)}
          <input value={pairs[k]} onInput={(e) => { const v = (e.currentTarget as HTMLInputElement).value; setPairs((p) => ({ ...p, [k]: v })); }} />
        </label>
      ))}
      <MoreFitRules rules={rules} update={update} />
      <fieldset class={styles.fieldset}>
        <legend>{t('scoring.keyPages')}</legend>
        <table class={styles.keys}>
          <thead>
            <tr>
              <th scope="col">{t('scoring.keyPattern')}</th>
              <th scope="col">{t('scoring.keyLabel')}</th>
              <th scope="col">{t('scoring.keyPoints')}</th>
              <th scope="col"><span class="visually-hidden">{t('common.cancel')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rules.engagement.keyPages.map((k, i) => (
              <tr key={i}>
                <td><input aria-label={`${t('scoring.keyPattern')} ${i + 1}`} value={k.pattern} required maxLength={200} onInput={(e) => update((r) => { r.engagement.keyPages[i]!.pattern = (e.currentTarget as HTMLInputElement).value; })} /></td>
                <td><input aria-label={`${t('scoring.keyLabel')} ${i + 1}`} value={k.label ?? ''} maxLength={60} onInput={(e) => update((r) => { const v = (e.currentTarget as HTMLInputElement).value; r.engagement.keyPages[i]!.label = v || undefined; })} /></td>
                <td><input type="number" aria-label={`${t('scoring.keyPoints')} ${i + 1}`} value={k.points} min={-100} max={100} required onInput={(e) => update((r) => { r.engagement.keyPages[i]!.points = Number((e.currentTarget as HTMLInputElement).value); })} /></td>
                <td><button type="button" class="secondary" aria-label={t('scoring.removeKeyPage', { pattern: k.pattern })} onClick={() => update((r) => { r.engagement.keyPages.splice(i, 1); })}>×</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" class="secondary" onClick={() => update((r) => { r.engagement.keyPages.push({ pattern: '/', points: 10 }); })}>{t('scoring.addKeyPage')}</button>
      </fieldset>
      <fieldset class={styles.fieldset}>
        <legend>{t('scoring.engagementPoints')}</legend>
        <div class={styles.grid}>
          {PER_UNIT.map(([key, label]) => [
            num(rules.engagement[key].points, (n) => update((r) => { r.engagement[key].points = n; }), { label: t(label), min: 0, max: 100, step: 0.5 }),
            num(rules.engagement[key].max, (n) => update((r) => { r.engagement[key].max = n; }), { label: `${t(label)} — ${t('scoring.max')}`, min: 0, max: 100 }),
          ])}
          {num(rules.engagement.recency, (n) => update((r) => { r.engagement.recency = n; }), { label: t('scoring.recency'), min: 0, max: 100 })}
        </div>
      </fieldset>
      {error && <p role="alert" class="error">{error}</p>}
      <div class="form-actions">
        <button type="submit" disabled={job?.state === 'running'}>{t('scoring.saveRules')}</button>
        <button type="button" class="secondary" onClick={() => { setRules(structuredClone(data.defaults)); setPairs(pairsOf(data.defaults)); }}>
          {t('scoring.resetRules')}
        </button>
        <span class="muted">{t('scoring.rulesVersion', { version: data.version })}</span>
      </div>
      {job && (
        <div role="status" aria-live="polite">
          {job.state === 'running' ? (
            <>
              <label>
                {t('scoring.rescoring', { done: fmt.number(job.done), total: fmt.number(job.total) })}
                <progress class={styles.progress} max={Math.max(1, job.total)} value={job.done} />
              </label>
            </>
          ) : (
            <p class="success">{t('scoring.rescored', { total: fmt.number(job.total) })}</p>
          )}
        </div>
      )}
    </form>
  );
}
