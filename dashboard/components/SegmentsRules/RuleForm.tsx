import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { t } from '../../i18n';
import { RULE_NETWORK_CLASSES, type CategoryView, type RuleView } from '../../../server/schemas/segments';
import { SEGMENTS, categoryLabel } from '../Segments/segmentsApi';
import { FIELDS, OPS, type Field, ruleFieldLabel } from './ruleText';
import styles from './Rules.module.css';

type Draft = { field: Field; op: string; value: string };
const blank = (): Draft => ({ field: 'domain', op: 'endsWith', value: '' });

/** Adds a rule: a name, the list to move to, and conditions that must all hold. */
export function RuleForm({ categories, onCreated }: { categories: CategoryView[]; onCreated: (r: RuleView) => void }) {
  const [conds, setConds] = useState<Draft[]>([blank()]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const update = (i: number, patch: Partial<Draft>) => setConds((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    setBusy(true);
    setError(null);
    try {
      const body = {
        name: String(data.get('name') ?? ''),
        listId: String(data.get('listId') ?? ''),
        enabled: data.get('enabled') === 'on',
        conditions: conds.map((c) => ({ field: c.field, op: c.op, value: c.field === 'visitCount' ? Number(c.value) : c.value })),
      };
      const { rule } = await api<{ rule: RuleView }>(`${SEGMENTS}/rules`, { method: 'POST', body });
      form.reset();
      setConds([blank()]);
      onCreated(rule);
    } catch (err) {
      setError(err instanceof ApiError && err.field ? t('segments.rules.invalid', { field: ruleFieldLabel(err.field) }) : t('common.error'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="stack" onSubmit={submit} noValidate>
      <div class="field">
        <label for="rule-name">{t('segments.rules.name')}</label>
        <input id="rule-name" name="name" required maxLength={100} />
      </div>
      <div class="field">
        <label for="rule-list">{t('segments.rules.target')}</label>
        <select id="rule-list" name="listId">
          {categories.map((c) => (
            <optgroup key={c.id} label={categoryLabel(c)}>
              {c.lists.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
            </optgroup>
          ))}
        </select>
      </div>
      <fieldset class="stack">
        <legend>{t('segments.rules.conditions')}</legend>
        {conds.map((c, i) => (
          <div key={i} class={styles.condition} role="group" aria-label={t('segments.rules.conditionN', { n: i + 1 })}>
            <select aria-label={t('segments.rules.field', { n: i + 1 })} value={c.field} onChange={(e) => { const field = (e.currentTarget as HTMLSelectElement).value as Field; update(i, { field, op: OPS[field][0]!, value: field === 'networkClass' ? RULE_NETWORK_CLASSES[0] : c.field === 'networkClass' ? '' : c.value }); }}>
              {FIELDS.map((f) => <option key={f} value={f}>{t(`segments.rules.field.${f}`)}</option>)}
            </select>
            <select aria-label={t('segments.rules.op', { n: i + 1 })} value={c.op} onChange={(e) => update(i, { op: (e.currentTarget as HTMLSelectElement).value })}>
              {OPS[c.field].map((o) => <option key={o} value={o}>{t(`segments.rules.op.${o}`)}</option>)}
            </select>
            {c.field === 'networkClass' ? (
              // Chosen from the classes identification stores, by their names: typed text would never match.
              <select aria-label={t('segments.rules.value', { n: i + 1 })} value={c.value} onChange={(e) => update(i, { value: (e.currentTarget as HTMLSelectElement).value })}>
                {RULE_NETWORK_CLASSES.map((cls) => <option key={cls} value={cls}>{t(`companies.network.${cls}`)}</option>)}
              </select>
            ) : c.field === 'visitCount' ? (
              <input aria-label={t('segments.rules.value', { n: i + 1 })} type="number" min={0} value={c.value} onInput={(e) => update(i, { value: (e.currentTarget as HTMLInputElement).value })} />
            ) : (
              <input aria-label={t('segments.rules.value', { n: i + 1 })} type="text" value={c.value} onInput={(e) => update(i, { value: (e.currentTarget as HTMLInputElement).value })} />
            )}
            {conds.length > 1 && (
              <button type="button" class="secondary" aria-label={t('segments.rules.removeCondition', { n: i + 1 })} onClick={() => setConds((cs) => cs.filter((_, j) => j !== i))}>×</button>
            )}
          </div>
        ))}
        <div>
          <button type="button" class="secondary" onClick={() => setConds((cs) => [...cs, blank()])}>{t('segments.rules.addCondition')}</button>
        </div>
      </fieldset>
      <label class={styles.check}>
        <input type="checkbox" name="enabled" defaultChecked />
        {t('segments.rules.enabled')}
      </label>
      {error && <p role="alert" class="error">{error}</p>}
      <div class="form-actions">
        <button type="submit" disabled={busy}>{t('segments.rules.submit')}</button>
      </div>
    </form>
  );
}
