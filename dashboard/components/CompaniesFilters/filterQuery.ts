import type { SortKey } from '../../../server/schemas/companies';

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

/** The filter part only (what "move/export every match" and saved views send). */
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
  const next: TableQuery = { ...q, sort: key, dir };
  if (key === 'score' && dir === 'desc') delete next.sort;
  if (dir === DEFAULT_DIR[key]) delete next.dir;
  delete next.page;
  return next;
}
