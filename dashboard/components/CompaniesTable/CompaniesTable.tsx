import type { CompanyRowView, SortKey } from '../../../server/schemas/companies';
import { fmt, t } from '../../i18n';
import { countryName } from '../../i18n/countries';
import { ScoreBadge } from '../ScoreBadge/ScoreBadge';
import { ago, categoryLabel } from '../ScoreBreakdown/lineText';
import { LockIcon } from '../CompanyIcons/CompanyIcons';
import styles from './CompaniesTable.module.css';

type Column = { key: string; label: string; sort?: SortKey; num?: boolean };

export type CompaniesTableProps = {
  rows: CompanyRowView[];
  sort: SortKey;
  dir: 'asc' | 'desc';
  onSort: (key: SortKey) => void;
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
  now?: number;
};

/**
 * The companies table: real column headers, sort buttons announcing their state with aria-sort,
 * a labelled checkbox per row, names linking to the company page.
 */
export function CompaniesTable({ rows, sort, dir, onSort, selected, onSelect, now = Date.now() }: CompaniesTableProps) {
  const columns: Column[] = [
    { key: 'name', label: t('companies.col.name'), sort: 'name' },
    { key: 'list', label: t('companies.col.list') },
    { key: 'score', label: t('companies.col.score'), sort: 'score' },
    { key: 'lastVisit', label: t('companies.col.lastVisit'), sort: 'lastVisit' },
    { key: 'visits', label: t('companies.col.visits'), sort: 'visits', num: true },
    { key: 'pages', label: t('companies.col.pages'), sort: 'pages', num: true },
    { key: 'country', label: t('companies.col.country'), sort: 'country' },
    { key: 'source', label: t('companies.col.source') },
  ];
  const sortLabel = columns.find((c) => c.sort === sort)?.label ?? sort;
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <div class={styles.scroll}>
      <table class={styles.table}>
        <caption class="visually-hidden">{t('companies.tableCaption', { sort: sortLabel })}</caption>
        <thead>
          <tr>
            <th scope="col" class={styles.check}>
              <input type="checkbox" aria-label={t('companies.selectAll')} checked={allOnPage} onChange={(e) => onSelect(rows.map((r) => r.id), (e.currentTarget as HTMLInputElement).checked)} />
            </th>
            {columns.map((c) => {
              const active = c.sort === sort;
              return (
                <th key={c.key} scope="col" class={c.num ? styles.num : undefined} aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : c.sort ? 'none' : undefined}>
                  {c.sort ? (
                    <button type="button" class={styles.sort} onClick={() => onSort(c.sort!)} aria-label={t('companies.sortBy', { column: c.label })}>
                      {c.label}
                      <span class={styles.arrow} aria-hidden="true">{active ? (dir === 'asc' ? '▲' : '▼') : '↕'}</span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td class={styles.check}>
                <input type="checkbox" aria-label={t('companies.selectOne', { name: r.name })} checked={selected.has(r.id)} onChange={(e) => onSelect([r.id], (e.currentTarget as HTMLInputElement).checked)} />
              </td>
              <th scope="row" class={styles.name}>
                <a href={`/companies/${encodeURIComponent(r.id)}`}>{r.name}</a>
                {r.domain && <span class={styles.domain}> {r.domain}</span>}
              </th>
              <td>
                <span class={styles.list}>
                  {r.list.locked && (
                    <span title={t('companies.locked')}>
                      <LockIcon />
                      <span class="visually-hidden">{t('companies.locked')}</span>
                    </span>
                  )}
                  {r.list.name}
                </span>
                <span class={styles.category}>{categoryLabel(r.list.category)}</span>
              </td>
              <td>
                <ScoreBadge score={r.score} temperature={r.temperature} pinned={r.pinned} />
              </td>
              <td title={r.lastVisitAt ? fmt.dateTime(r.lastVisitAt) : undefined}>{r.lastVisitAt ? ago(r.lastVisitAt, now) : t('companies.never')}</td>
              <td class={styles.num}>{fmt.number(r.visits)}</td>
              <td class={styles.num}>{fmt.number(r.pages)}</td>
              <td title={r.country ?? undefined}>{r.country ? countryName(r.country) : '—'}</td>
              <td>{r.topSource === '(direct)' ? t('companies.direct') : r.topSource ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p class={styles.empty}>{t('companies.empty')}</p>}
    </div>
  );
}
