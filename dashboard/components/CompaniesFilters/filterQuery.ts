import type { ListRef, SortKey } from '../../../server/schemas/companies';

/** The companies table's state as it sits in the URL: filter, sort and page (all strings). */
export type TableQuery = Record<string, string>;

export const FILTER_KEYS = ['q', 'category', 'list', 'temperature', 'scoreMin', 'scoreMax', 'from', 'to', 'path', 'source', 'country', 'network', 'hidden'] as const;
const ORDER = [...FILTER_KEYS, 'sort', 'dir', 'page'];

const DEFAULT_DIR: Record<SortKey, 'asc' | 'desc'> = { score: 'desc', lastVisit: 'desc', name: 'asc', visits: 'desc', pages: 'desc', domain: 'asc', country: 'asc' };

/** A stable query string (known keys in a fixed order, empty values dropped), so equal views give equal URLs. */
export function toQueryString(q: TableQuery): string {
  const p = new URLSearchParams();
  for (const k of ORDER) if (q[k]) p.set(k, q[k]!);
  return p.toString();
}

/** Only the keys the table knows, from whatever the URL holds. */
export function fromLocation(query: Record<string, string | undefined>): TableQuery {
  const out: TableQuery = {};
  for (const k of ORDER) if (query[k]) out[k] = query[k]!;
  return out;
}

/** The filter part only (what "move/export every match" sends). */
export function filterOnly(q: TableQuery): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (q[k]) p.set(k, q[k]!);
  return p.toString();
}

/** Changes filter values; any filter change goes back to page 1. */
export function withFilter(q: TableQuery, changes: Partial<TableQuery>): TableQuery {
  const next: TableQuery = { ...q };
  for (const [k, v] of Object.entries(changes)) {
    if (v) next[k] = v;
    else delete next[k];
  }
  delete next.page;
  // A range typed backwards (score 50 to 20, 12 to 3 March) means the same range: put it right
  // rather than answer with an error.
  swapIfBackwards(next, 'scoreMin', 'scoreMax', (a, b) => Number(a) > Number(b));
  swapIfBackwards(next, 'from', 'to', (a, b) => a > b);
  return next;
}

/** The categories a filter value names (`client,prospect` -> both); none: every category. */
export const chosenCategories = (category: string | undefined): string[] => (category ?? '').split(',').filter(Boolean);

/**
 * The list choice kept when the category is `category`: the lists of another category would match
 * nothing, so they go. Unknown lists (not loaded yet) are kept.
 * Example: listsWithin('lst_a,lst_b', 'client', lists) -> 'lst_a' when only lst_a is a client list.
 */
export function listsWithin(list: string, category: string, lists: ListRef[] | undefined): string {
  const cats = chosenCategories(category);
  if (!list || cats.length === 0 || !lists) return list;
  const categoryOf = new Map(lists.map((l) => [l.id, l.category]));
  return list.split(',').filter((id) => {
    const c = categoryOf.get(id);
    return c === undefined || cats.includes(c);
  }).join(',');
}

function swapIfBackwards(q: TableQuery, low: string, high: string, backwards: (a: string, b: string) => boolean): void {
  const a = q[low];
  const b = q[high];
  if (a && b && backwards(a, b)) [q[low], q[high]] = [b, a];
}

export const currentSort = (q: TableQuery): SortKey => (q.sort as SortKey) || 'score';

/**
 * The query for GET /api/companies: the URL's, with the sort always named. The table opens by
 * score (a bare `/companies` URL), while the API's own default is the last visit.
 */
export const apiQueryString = (q: TableQuery): string => toQueryString({ ...q, sort: currentSort(q) });
export const currentDir = (q: TableQuery): 'asc' | 'desc' => (q.dir as 'asc' | 'desc') || DEFAULT_DIR[currentSort(q)];

/** Clicking a column: sort by it in its natural direction, or flip the direction if it is already the sort. */
export function toggleSort(q: TableQuery, key: SortKey): TableQuery {
  const same = currentSort(q) === key;
  const dir = same ? (currentDir(q) === 'asc' ? 'desc' : 'asc') : DEFAULT_DIR[key];
  const next = compactSort({ ...q, sort: key, dir });
  delete next.page;
  return next;
}

/** The sort as the URL writes it: left out when it is the table's default (score, highest first), the direction only when not the column's natural one. */
function compactSort(q: TableQuery): TableQuery {
  const next: TableQuery = { ...q };
  const sort = currentSort(q);
  const dir = currentDir(q);
  if (sort === 'score' && dir === 'desc') delete next.sort;
  if (dir === DEFAULT_DIR[sort]) delete next.dir;
  return next;
}

/**
 * What a saved view stores: the filter and the sort, column and direction both named (a view
 * saved on the default order says so), without the page.
 * Example: viewQuery({ temperature: 'hot', sort: 'name', page: '2' }) -> 'temperature=hot&sort=name&dir=asc'.
 */
export function viewQuery(q: TableQuery): string {
  return toQueryString({ ...q, sort: currentSort(q), dir: currentDir(q), page: '' });
}

/** A saved view's stored query as the table's URL state (filter and sort; a view saved without a sort opens on the default one). */
export function fromView(stored: string): TableQuery {
  const q = fromLocation(Object.fromEntries(new URLSearchParams(stored.replace(/^\?/, ''))));
  delete q.page;
  return compactSort(q);
}
