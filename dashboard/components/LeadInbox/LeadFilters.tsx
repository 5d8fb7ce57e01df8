import { t } from '../../i18n';
import { LEAD_STATUSES, LEAD_TEMPERATURES, REFUSE_REASONS } from '../../../server/schemas/lead-inbox';
import { refuseText, statusText, temperatureText } from './labels';
import styles from './Leads.module.css';

export type FilterValues = Record<string, string>;
type Option = { value: string; label: string };

/** The inbox filters; every change goes to the URL so that a view can be shared and bookmarked. */
export function LeadFilters(props: {
  values: FilterValues; forms: Option[]; owners: Option[]; onChange: (next: FilterValues) => void;
}) {
  const { values, onChange } = props;
  const set = (key: string) => (e: Event) => {
    const v = (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;
    const next = { ...values, [key]: v };
    if (!v) delete next[key];
    if (key === 'status' && v !== 'refused') delete next.refusedReason;
    onChange(next);
  };
  const select = (key: string, label: string, options: Option[], any = t('leads.filter.any')) => (
    <label>
      {label}
      <select value={values[key] ?? ''} onChange={set(key)}>
        <option value="">{any}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );
  return (
    <form class={`card ${styles.filters}`} role="search" aria-label={t('leads.filters')} onSubmit={(e) => e.preventDefault()}>
      <label class={styles.wide}>
        {t('leads.filter.q')}
        <input type="search" value={values.q ?? ''} onChange={set('q')} />
      </label>
      {select('status', t('leads.filter.status'), LEAD_STATUSES.map((s) => ({ value: s, label: statusText(s) })))}
      {values.status === 'refused' && select('refusedReason', t('leads.filter.reason'), REFUSE_REASONS.map((r) => ({ value: r, label: refuseText(r) })))}
      {select('quality', t('leads.filter.quality'), [
        { value: 'valid', label: t('leads.quality.valid') }, { value: 'suspect', label: t('leads.quality.suspect') },
        { value: 'spam', label: t('leads.quality.spam') }, { value: 'all', label: t('leads.filter.all') },
      ], t('leads.filter.visible'))}
      {select('temperature', t('leads.filter.temperature'), LEAD_TEMPERATURES.map((x) => ({ value: x, label: temperatureText(x) })))}
      {select('formId', t('leads.filter.form'), props.forms)}
      {select('ownerId', t('leads.filter.owner'), [{ value: 'none', label: t('leads.filter.unassigned') }, ...props.owners])}
      <label>
        {t('leads.filter.from')}
        <input type="date" value={values.from ?? ''} onChange={set('from')} />
      </label>
      <label>
        {t('leads.filter.to')}
        <input type="date" value={values.to ?? ''} onChange={set('to')} />
      </label>
      <div>
        <button type="button" class="secondary" onClick={() => onChange({})}>{t('leads.filter.reset')}</button>
      </div>
    </form>
  );
}
