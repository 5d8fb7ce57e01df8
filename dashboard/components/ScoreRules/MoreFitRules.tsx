import type { FacetsReply } from '../../../server/schemas/companies';
import type { ScoringRules } from '../../../server/schemas/scoring';
import { CATEGORIES } from '../../../server/segments/categories';
import { useApi } from '../../hooks/useApi';
import { locale, t } from '../../i18n';
import styles from './ScoreRules.module.css';

type Update = (fn: (r: ScoringRules) => void) => void;

function NumberField({ label, value, min, max, step = 1, onValue }: { label: string; value: number; min: number; max: number; step?: number; onValue: (n: number) => void }) {
  return (
    <label>
      {label}
      <input type="number" value={value} min={min} max={max} step={step} required onInput={(e) => onValue(Number((e.currentTarget as HTMLInputElement).value))} />
    </label>
  );
}

/**
 * The fit rules the main panel does not show: points per list (on top of the category's), other
 * countries, identification confidence, and the categories left out of "hot" views.
 */
export function MoreFitRules({ rules, update }: { rules: ScoringRules; update: Update }) {
  const { data } = useApi<FacetsReply>('/api/companies/facets');
  const c = rules.fit.confidence;
  return (
    <>
      <fieldset class={styles.fieldset}>
        <legend>{t('scoring.listPoints')}</legend>
        {!data ? <p role="status">{t('common.loading')}</p> : (
          <div class={styles.grid}>
            {data.lists.map((l) => (
              <NumberField key={l.id} label={l.name} value={rules.fit.lists[l.id] ?? 0} min={-100} max={100}
                // Zero is stored as no entry, so that the rules stay short.
                onValue={(n) => update((r) => { if (n) r.fit.lists[l.id] = n; else delete r.fit.lists[l.id]; })} />
            ))}
          </div>
        )}
      </fieldset>
      <fieldset class={styles.fieldset}>
        <legend>{t('scoring.confidence')}</legend>
        <div class={styles.grid}>
          <NumberField label={t('scoring.confidenceHigh')} value={c.high} min={0} max={1} step={0.05} onValue={(n) => update((r) => { r.fit.confidence.high = n; })} />
          <NumberField label={t('scoring.confidenceHighPoints')} value={c.highPoints} min={-100} max={100} onValue={(n) => update((r) => { r.fit.confidence.highPoints = n; })} />
          <NumberField label={t('scoring.confidenceLow')} value={c.low} min={0} max={1} step={0.05} onValue={(n) => update((r) => { r.fit.confidence.low = n; })} />
          <NumberField label={t('scoring.confidenceLowPoints')} value={c.lowPoints} min={-100} max={100} onValue={(n) => update((r) => { r.fit.confidence.lowPoints = n; })} />
          <NumberField label={t('scoring.otherCountries')} value={rules.fit.otherCountries} min={-100} max={100} onValue={(n) => update((r) => { r.fit.otherCountries = n; })} />
        </div>
      </fieldset>
      <fieldset class={styles.fieldset}>
        <legend>{t('scoring.hiddenCategories')}</legend>
        <div class={styles.grid}>
          {CATEGORIES.map((cat) => (
            <label key={cat.id} class="inline-field">
              <input type="checkbox" checked={rules.hiddenCategories.includes(cat.id)}
                onChange={(e) => {
                  const on = (e.currentTarget as HTMLInputElement).checked;
                  update((r) => { r.hiddenCategories = on ? [...new Set([...r.hiddenCategories, cat.id])] : r.hiddenCategories.filter((h) => h !== cat.id); });
                }} />
              {cat[locale.value]}
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}
