import type { FacetsReply } from '../../../server/schemas/companies';
import { CATEGORIES } from '../../../server/segments/categories';
import { locale, t } from '../../i18n';
import { countryChoices } from '../../i18n/countries';
import { useRef } from 'preact/hooks';
import { chosenCategories, FILTER_KEYS, filterOnly, listsWithin, withFilter, type TableQuery } from './filterQuery';
import styles from './CompaniesFilters.module.css';

const ADVANCED = ['scoreMin', 'scoreMax', 'from', 'to', 'path', 'source', 'country', 'network', 'hidden'];

/**
 * The table's filters. Choices in a list apply at once; typed values apply with Enter or the
 * Apply button. Everything ends up in the URL (the parent routes), so a view can be shared.
 */
export function CompaniesFilters({ query, facets, onChange }: { query: TableQuery; facets: FacetsReply | undefined; onChange: (q: TableQuery) => void }) {
  const formKey = useFormKey(filterOnly(query));
  const apply = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const changes: Partial<TableQuery> = {};
    for (const k of FILTER_KEYS) changes[k] = String(data.get(k) ?? '').trim();
    // A list of another category than the one chosen would match nothing: that choice goes.
    changes.list = listsWithin(changes.list ?? '', changes.category ?? '', facets?.lists);
    const next = withFilter(query, changes);
    // Kept as typed: no rebuild. Put right (a range typed backwards): rebuilt to show it.
    if (FILTER_KEYS.every((k) => (next[k] ?? '') === (changes[k] ?? ''))) formKey.applying(filterOnly(next));
    onChange(next);
  };
  const onSelect = (e: Event) => apply((e.currentTarget as HTMLSelectElement).form!);
  // `any`: « Toutes » for a température or a catégorie, « Tous » for a pays or a type de réseau.
  const select = (name: string, label: string, options: Array<[string, string]>, groups?: Array<[string, Array<[string, string]>]>, any = t('companies.any')) => (
    <label>
      {label}
      <select name={name} value={query[name] ?? ''} onChange={onSelect}>
        <option value="">{any}</option>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        {groups?.map(([g, opts]) => (
          <optgroup key={g} label={g}>
            {opts.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </optgroup>
        ))}
      </select>
    </label>
  );
  const categoryLabel = (id: string) => CATEGORIES.find((c) => c.id === id)?.[locale.value] ?? id;
  // With a category chosen, only its lists are offered.
  const categories = chosenCategories(query.category);
  const listGroups: Array<[string, Array<[string, string]>]> = CATEGORIES.filter((c) => categories.length === 0 || categories.includes(c.id)).map((c) => [
    c[locale.value],
    (facets?.lists ?? []).filter((l) => l.category === c.id).map((l): [string, string] => [l.id, l.locked ? `${l.name} (${t('companies.lockedShort')})` : l.name]),
  ]);
  const advancedOpen = ADVANCED.some((k) => query[k]);

  return (
    <form
      class={styles.form}
      role="search"
      aria-label={t('companies.filters')}
      key={formKey.value}
      onSubmit={(e) => {
        e.preventDefault();
        apply(e.currentTarget as HTMLFormElement);
      }}
    >
      <div class={styles.row}>
        <label class={styles.search}>
          {t('companies.search')}
          <input type="search" name="q" defaultValue={query.q ?? ''} maxLength={100} />
        </label>
        {select('temperature', t('companies.temperature'), [['hot', t('scoring.hot')], ['warm', t('scoring.warm')], ['cold', t('scoring.cold')]])}
        {select('category', t('companies.category'), CATEGORIES.map((c) => [c.id, categoryLabel(c.id)]))}
        {select('list', t('companies.list'), [], listGroups.filter(([, o]) => o.length > 0))}
      </div>
      <details class={styles.more} open={advancedOpen}>
        <summary>{t('companies.moreFilters')}</summary>
        <div class={styles.grid}>
          <label>
            {t('companies.scoreMin')}
            <input type="number" name="scoreMin" min={0} max={100} defaultValue={query.scoreMin ?? ''} />
          </label>
          <label>
            {t('companies.scoreMax')}
            <input type="number" name="scoreMax" min={0} max={100} defaultValue={query.scoreMax ?? ''} />
          </label>
          <label>
            {t('companies.from')}
            <input type="date" name="from" defaultValue={query.from ?? ''} />
          </label>
          <label>
            {t('companies.to')}
            <input type="date" name="to" defaultValue={query.to ?? ''} />
          </label>
          <label>
            {t('companies.path')}
            <input type="text" name="path" placeholder="/pricing" defaultValue={query.path ?? ''} maxLength={200} aria-describedby="path-hint" />
            <span id="path-hint" class="hint">{t('companies.pathHint')}</span>
          </label>
          <label>
            {t('companies.source')}
            <input type="text" name="source" list="company-sources" defaultValue={query.source ?? ''} maxLength={100} />
            <datalist id="company-sources">
              {(facets?.sources ?? []).map((s) => <option key={s} value={s} />)}
            </datalist>
          </label>
          {select('country', t('companies.country'), countryChoices(facets?.countries ?? []), undefined, t('companies.anyMasculine'))}
          {select('network', t('companies.network'), (facets?.networkClasses ?? []).map((n) => [n, t(`companies.network.${n}`)]), undefined, t('companies.anyMasculine'))}
          <label class={styles.check}>
            <input type="checkbox" name="hidden" value="include" checked={query.hidden === 'include'} onChange={onSelect} />
            {t('companies.showHidden')}
          </label>
        </div>
      </details>
      <div class={styles.actions}>
        <button type="submit">{t('companies.apply')}</button>
        <button type="button" class="secondary" onClick={() => onChange({ ...(query.sort ? { sort: query.sort } : {}), ...(query.dir ? { dir: query.dir } : {}) })}>
          {t('companies.reset')}
        </button>
      </div>
    </form>
  );
}

/**
 * The filter form's key. Its text fields are uncontrolled, so the form is rebuilt when the filter
 * changes from elsewhere (clearing, a saved view, the browser's back button) to show the new
 * values; but not when the change comes from the form itself, whose focus (the select just
 * changed with the arrow keys, the search box after Enter) a rebuild would throw to the page top.
 */
function useFormKey(filter: string): { value: number; applying: (filter: string) => void } {
  const state = useRef({ shown: filter, own: null as string | null, version: 0 });
  const s = state.current;
  if (filter !== s.shown) {
    if (filter !== s.own) s.version++;
    s.shown = filter;
    s.own = null;
  }
  return { value: s.version, applying: (f) => (s.own = f) };
}
