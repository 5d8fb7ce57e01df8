import { t } from '../../i18n';
import { BUILTIN_FIELDS, FIELD_TYPES, type FieldType, type FormField } from '../../../server/schemas/leads';
import styles from './LeadFormEditor.module.css';

/** Options as the marketer types them: one per line, `value | French label | English label`. */
export const optionsToText = (f: FormField) => (f.options ?? []).map((o) => `${o.value} | ${o.label.fr} | ${o.label.en}`).join('\n');
export function textToOptions(text: string): FormField['options'] {
  return text.split('\n').map((line) => line.split('|').map((s) => s.trim())).filter((p) => p[0]).map(([value, fr, en]) => ({
    value: value!, label: { fr: fr || value!, en: en || fr || value! },
  }));
}

const isBuiltin = (type: FieldType) => (BUILTIN_FIELDS as readonly string[]).includes(type);

/** One field of a form: type, key, required flag, labels in French and English, options. */
export function FieldEditor(props: {
  field: FormField; n: number; count: number; used: Set<string>;
  onChange: (f: FormField) => void; onMove: (delta: -1 | 1) => void; onRemove: () => void;
}) {
  const { field: f, n, onChange } = props;
  const id = `field-${n}`;
  const setType = (type: FieldType) => onChange({
    ...f, type, key: isBuiltin(type) ? type : isBuiltin(f.type) ? `custom${n}` : f.key, required: type === 'email' ? true : f.required,
    ...(type === 'select' ? { options: f.options ?? [] } : { options: undefined }),
  });
  const consent = f.type === 'consent';
  return (
    <fieldset class={styles.field}>
      <legend>{t('forms.field', { n })} · {t(`forms.type.${f.type}`)}</legend>
      <div class={styles.two}>
        <label>
          {t('forms.field.type')}
          <select value={f.type} onChange={(e) => setType(e.currentTarget.value as FieldType)}>
            {FIELD_TYPES.map((type) => (
              <option key={type} value={type} disabled={isBuiltin(type) && type !== f.type && props.used.has(type)}>{t(`forms.type.${type}`)}</option>
            ))}
          </select>
        </label>
        {!isBuiltin(f.type) && (
          <label>
            {t('forms.field.key')}
            <input value={f.key} pattern="[a-zA-Z][a-zA-Z0-9_]{0,39}" required onInput={(e) => onChange({ ...f, key: e.currentTarget.value })} />
          </label>
        )}
        <label class={styles.check}>
          <input type="checkbox" checked={f.required} disabled={f.type === 'email'} onChange={(e) => onChange({ ...f, required: e.currentTarget.checked })} />
          {t('forms.field.required')}
        </label>
      </div>
      <div class={styles.two}>
        {(['fr', 'en'] as const).map((lang) => (
          <label key={lang}>
            {t(consent ? (lang === 'fr' ? 'forms.field.consentFr' : 'forms.field.consentEn') : lang === 'fr' ? 'forms.field.labelFr' : 'forms.field.labelEn')}
            {consent
              ? <textarea id={`${id}-${lang}`} rows={2} required value={f.label[lang]} onInput={(e) => onChange({ ...f, label: { ...f.label, [lang]: e.currentTarget.value } })} />
              : <input id={`${id}-${lang}`} required value={f.label[lang]} onInput={(e) => onChange({ ...f, label: { ...f.label, [lang]: e.currentTarget.value } })} />}
          </label>
        ))}
      </div>
      {f.type === 'select' && (
        <label>
          {t('forms.field.options')}
          <textarea rows={3} value={optionsToText(f)} onChange={(e) => onChange({ ...f, options: textToOptions(e.currentTarget.value) })} />
        </label>
      )}
      <div class={styles.tools}>
        <button type="button" class="secondary" disabled={n === 1} onClick={() => props.onMove(-1)} aria-label={t('forms.field.up', { n })}>↑</button>
        <button type="button" class="secondary" disabled={n === props.count} onClick={() => props.onMove(1)} aria-label={t('forms.field.down', { n })}>↓</button>
        <button type="button" class="secondary" disabled={f.type === 'email'} onClick={props.onRemove} aria-label={t('forms.field.remove', { n })}>✕</button>
      </div>
    </fieldset>
  );
}
