import type { Db } from '../db/open.js';
import { nameKey } from './normalize.js';
import { badRequest, fromZod } from '../http/errors.js';
import { zCompanyListQuery, type CompanyFilter, type CompanyListQuery, type CompanyRowView, type ListRef, type SortKey } from '../schemas/companies.js';
import { loadRules } from '../scoring/rules.js';

const DAY_MS = 86_400_000;

/*
 * The companies table's query. Everything it filters and sorts on sits on company_stats (one row
 * per company, indexed per sort key), so that a filtered count over 100,000 companies is one scan
 * of a narrow table and a sorted page walks an index and stops after LIMIT rows.
 */

// `indexDir`: how the key runs in its index, whose tie-breaker is company_id ascending; sorting the
// other way walks the index backwards, so the tie-breaker must flip too for the index to serve.
const SORTS: Record<SortKey, { column: string; defaultDir: 'asc' | 'desc'; indexDir: 'asc' | 'desc' }> = {
  score: { column: 'cs.score', defaultDir: 'desc', indexDir: 'desc' },
  lastVisit: { column: 'cs.last_visit_at', defaultDir: 'desc', indexDir: 'desc' },
  name: { column: 'cs.name COLLATE NOCASE', defaultDir: 'asc', indexDir: 'asc' },
  visits: { column: 'cs.sessions', defaultDir: 'desc', indexDir: 'desc' },
  pages: { column: 'cs.pageviews', defaultDir: 'desc', indexDir: 'desc' },
  domain: { column: 'cs.domain', defaultDir: 'asc', indexDir: 'asc' },
  country: { column: 'cs.country', defaultDir: 'asc', indexDir: 'asc' },
};

export type Where = { sql: string; params: Record<string, unknown> };

/** Parses a filter from a URL query string (saved views, "move/export every match"); 400 names the field. */
export function parseFilterQuery(query: string): CompanyFilter {
  const entries = [...new URLSearchParams(query)];
  // A filter that names something the table does not know is a mistake, and a mistaken filter
  // must not quietly match every company of a "move / export every match". The table's own
  // sort and page keys are accepted (and checked), since a copied table address carries them.
  const unknown = entries.find(([k]) => !(k in zCompanyListQuery.shape));
  if (unknown) throw badRequest(`query: unknown filter "${unknown[0].slice(0, 40)}"`, 'query');
  const parsed = zCompanyListQuery.safeParse(Object.fromEntries(entries.filter(([, v]) => v !== '')));
  if (!parsed.success) throw fromZod(parsed.error);
  const { sort: _sort, dir: _dir, page: _page, limit: _limit, ...filter } = parsed.data;
  return filter;
}

/** Drops empty query values so that `?q=&category=` means "no filter" rather than a 400. */
export function nonEmpty(query: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ''));
}

/** The end of a prefix range: every string starting with `p` is >= p and < prefixEnd(p). */
function prefixEnd(p: string): string {
  return p.slice(0, -1) + String.fromCharCode(p.charCodeAt(p.length - 1) + 1);
}

/** WHERE clause (on `company_stats cs`) for an organisation and a filter. */
export function buildWhere(db: Db, orgId: string, f: CompanyFilter, now: number): Where {
  const parts = ['cs.org_id = @org'];
  const params: Record<string, unknown> = { org: orgId };
  const inList = (column: string, name: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    parts.push(`${column} IN (SELECT value FROM json_each(@${name}))`);
    params[name] = JSON.stringify(values);
  };
  if (f.q) {
    // `search` holds lower(name) (ASCII-folded by SQLite), the accent-free name key and the domain.
    // The query's own name key too: a name typed exactly as shown ("Groupe Nova Énergie") must
    // find the company whose key dropped the legal-form word and the accents ("nova energie").
    parts.push('(instr(cs.search, @q) > 0 OR instr(cs.search, @qFolded) > 0 OR instr(cs.search, @qKey) > 0)');
    params.q = f.q.toLowerCase();
    params.qFolded = f.q.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    params.qKey = nameKey(f.q) || params.qFolded;
  }
  inList('cs.category', 'category', f.category);
  inList('cs.list_id', 'list', f.list);
  inList('cs.temperature', 'temperature', f.temperature);
  inList('cs.country', 'country', f.country);
  inList('cs.network_class', 'network', f.network);
  if (f.scoreMin !== undefined) (parts.push('cs.score >= @scoreMin'), (params.scoreMin = f.scoreMin));
  if (f.scoreMax !== undefined) (parts.push('cs.score <= @scoreMax'), (params.scoreMax = f.scoreMax));
  if (f.scoreMin !== undefined && f.scoreMax !== undefined && f.scoreMin > f.scoreMax) throw badRequest('scoreMin: must not be above scoreMax', 'scoreMin');
  visitedBetween(parts, params, f, now);
  if (f.path) {
    parts.push('cs.company_id IN (SELECT company_id FROM company_pages WHERE org_id = @org AND path >= @path AND path < @pathEnd)');
    params.path = f.path;
    params.pathEnd = prefixEnd(f.path);
  }
  if (f.source) {
    parts.push('cs.company_id IN (SELECT company_id FROM company_sources WHERE org_id = @org AND source = @source)');
    params.source = f.source;
  }
  // Interne, Concurrent, Hors-cible are scored but left out of hot views unless asked for by name.
  if (f.temperature?.includes('hot') && f.hidden !== 'include' && !f.category?.length && !f.list?.length) {
    const hidden = loadRules(db, orgId).rules.hiddenCategories;
    if (hidden.length) {
      parts.push('cs.category NOT IN (SELECT value FROM json_each(@hiddenCategories))');
      params.hiddenCategories = JSON.stringify(hidden);
    }
  }
  return { sql: parts.join(' AND '), params };
}

function visitedBetween(parts: string[], params: Record<string, unknown>, f: CompanyFilter, now: number): void {
  if (!f.from && !f.to) return;
  const start = f.from ? Date.parse(`${f.from}T00:00:00Z`) : 0;
  const end = f.to ? Date.parse(`${f.to}T00:00:00Z`) + DAY_MS : Number.MAX_SAFE_INTEGER;
  if (start >= end) throw badRequest('from: must not be after to', 'from');
  if (end > now) {
    // A range that runs up to today: "visited since `from`" is the last visit, on its index.
    parts.push('cs.last_visit_at >= @fromMs');
    params.fromMs = start;
    return;
  }
  parts.push('cs.company_id IN (SELECT company_id FROM company_days WHERE org_id = @org AND day >= @fromDay AND day < @toDay)');
  params.fromDay = Math.floor(start / DAY_MS);
  params.toDay = Math.floor(end / DAY_MS);
}

type Row = {
  company_id: string; name: string; domain: string | null; country: string | null; list_id: string; list_name: string;
  category: string; locked: number; score: number; temperature: CompanyRowView['temperature']; pinned: number;
  last_visit_at: number | null; sessions: number; pageviews: number; top_source: string | null; network_class: string | null;
};

const toView = (r: Row): CompanyRowView => ({
  id: r.company_id,
  name: r.name,
  domain: r.domain,
  country: r.country,
  list: { id: r.list_id, name: r.list_name, category: r.category, locked: r.locked === 1 },
  score: r.score,
  temperature: r.temperature,
  pinned: r.pinned === 1,
  lastVisitAt: r.last_visit_at,
  visits: r.sessions,
  pages: r.pageviews,
  topSource: r.top_source,
  networkClass: r.network_class,
});

const SELECT_ROWS = `SELECT cs.company_id, cs.name, cs.domain, cs.country, cs.list_id, l.name AS list_name, cs.category, l.locked,
    cs.score, cs.temperature, (sc.pin_at IS NOT NULL) AS pinned, cs.last_visit_at, cs.sessions, cs.pageviews, cs.top_source, cs.network_class
  FROM company_stats cs JOIN lists l ON l.id = cs.list_id LEFT JOIN company_scores sc ON sc.company_id = cs.company_id`;

function orderBy(sort: SortKey, dir: 'asc' | 'desc' | undefined): { sql: string; dir: 'asc' | 'desc' } {
  const s = SORTS[sort];
  const d = dir ?? s.defaultDir;
  const tie = d === s.indexDir ? 'ASC' : 'DESC';
  return { sql: `${s.column} ${d.toUpperCase()}, cs.company_id ${tie}`, dir: d };
}

/**
 * One page of companies and the total matching, for the organisation. The page's ids are found on
 * company_stats alone (index walk, OFFSET skipping index entries only), then only those rows are
 * joined to their list and pin: a deep page costs an index walk, not thousands of discarded joins.
 */
export function listCompanies(db: Db, orgId: string, q: CompanyListQuery, now: number): { companies: CompanyRowView[]; total: number; dir: 'asc' | 'desc' } {
  const where = buildWhere(db, orgId, q, now);
  const order = orderBy(q.sort, q.dir);
  const rows = db
    .prepare(`${SELECT_ROWS} WHERE cs.company_id IN (
        SELECT cs.company_id FROM company_stats cs WHERE ${where.sql} ORDER BY ${order.sql} LIMIT @limit OFFSET @offset)
      ORDER BY ${order.sql}`)
    .all({ ...where.params, limit: q.limit, offset: (q.page - 1) * q.limit }) as Row[];
  // A filtered count reads the narrow table straight through (100,000 rows in ~10 ms) rather than
  // walking an unselective (org_id, …) index and looking every row up, which SQLite would pick.
  // Unfiltered, or for hot/warm companies (a few percent, on the temperature index), the index wins.
  const filtered = where.sql !== 'cs.org_id = @org';
  const selective = q.temperature?.length && q.temperature.every((x) => x !== 'cold');
  const countWhere = filtered && !selective ? where.sql.replace(/^cs\.org_id = @org/, '+cs.org_id = @org') : where.sql;
  const total = db.prepare(`SELECT count(*) FROM company_stats cs WHERE ${countWhere}`).pluck().get(where.params) as number;
  return { companies: rows.map(toView), total, dir: order.dir };
}

/** Every company id matching the filter (bulk move, export); capped so a request stays bounded. */
export function matchingIds(db: Db, orgId: string, f: CompanyFilter, now: number, cap = 200_000): string[] {
  const where = buildWhere(db, orgId, f, now);
  return db.prepare(`SELECT cs.company_id FROM company_stats cs WHERE ${where.sql} LIMIT ${cap}`).pluck().all(where.params) as string[];
}

/** Rows for an export: the filter's or the selection's companies, best first. */
export function exportRows(db: Db, orgId: string, sel: { ids: string[] } | { filter: CompanyFilter }, now: number, cap = 200_000): CompanyRowView[] {
  if ('ids' in sel) {
    const rows = db
      .prepare(`${SELECT_ROWS} WHERE cs.org_id = @org AND cs.company_id IN (SELECT value FROM json_each(@ids)) ORDER BY cs.score DESC, cs.company_id`)
      .all({ org: orgId, ids: JSON.stringify(sel.ids) }) as Row[];
    return rows.map(toView);
  }
  const where = buildWhere(db, orgId, sel.filter, now);
  const rows = db.prepare(`${SELECT_ROWS} WHERE ${where.sql} ORDER BY cs.score DESC, cs.company_id LIMIT ${cap}`).all(where.params) as Row[];
  return rows.map(toView);
}

/** The organisation's lists with their lock state, for filters and move menus. */
export function orgLists(db: Db, orgId: string): ListRef[] {
  const rows = db.prepare('SELECT id, name, category, locked FROM lists WHERE org_id = ? ORDER BY category, is_default DESC, name').all(orgId) as
    Array<{ id: string; name: string; category: string; locked: number }>;
  return rows.map((r) => ({ id: r.id, name: r.name, category: r.category, locked: r.locked === 1 }));
}
