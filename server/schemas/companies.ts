import { z } from 'zod';
import { zCategory, zNetworkClass, zTemperature, type Pin, type ScoreView, type Temperature } from './scoring.js';

/** "a,b,c" in a URL query -> a validated array (at most `max` items). */
const csvOf = <T extends z.ZodType>(item: T, max: number) =>
  z
    .string()
    .max(4000)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    // The items' own input types are narrower than string; the array check is what validates them.
    .pipe(z.array(item).max(max) as unknown as z.ZodType<Array<z.output<T>>, string[]>);

export const SORT_KEYS = ['score', 'lastVisit', 'name', 'visits', 'pages', 'domain', 'country'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/**
 * The companies table's filter, as it appears in the dashboard's URL (so a view can be shared,
 * bookmarked and saved). `from`/`to` are UTC days (inclusive) in which the company visited;
 * `path` is a visited path prefix; `hidden=include` shows Interne, Concurrent and Hors-cible in
 * hot views, where they are left out by default.
 */
export const zCompanyFilter = z.object({
  q: z.string().trim().max(100).optional(),
  category: csvOf(zCategory, 9).optional(),
  list: csvOf(z.string().min(1).max(64), 100).optional(),
  temperature: csvOf(zTemperature, 3).optional(),
  scoreMin: z.coerce.number().int().min(0).max(100).optional(),
  scoreMax: z.coerce.number().int().min(0).max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  path: z.string().trim().min(1).max(200).regex(/^\//, 'starts with /').optional(),
  source: z.string().trim().toLowerCase().min(1).max(100).optional(),
  country: csvOf(z.string().toUpperCase().regex(/^[A-Z]{2}$/, 'ISO country code'), 50).optional(),
  network: csvOf(zNetworkClass, 9).optional(),
  hidden: z.enum(['include', 'exclude']).optional(),
});
export type CompanyFilter = z.infer<typeof zCompanyFilter>;

/** GET /api/companies: paginated, sorted by last visit (most recent first) unless `sort` says otherwise. */
export const zCompanyListQuery = zCompanyFilter.extend({
  sort: z.enum(SORT_KEYS).default('lastVisit'),
  dir: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CompanyListQuery = z.infer<typeof zCompanyListQuery>;

/** A URL query string holding a filter (what the dashboard has in its address bar). */
const zQueryString = z.string().max(8000);

/** Companies chosen either by id (a selection) or by filter ("every company matching"). */
export const zCompanySelection = z.union([
  z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(10_000) }),
  z.object({ query: zQueryString }),
]);
export type CompanySelection = z.infer<typeof zCompanySelection>;

export const zMoveCompanies = z.intersection(zCompanySelection, z.object({ toListId: z.string().min(1).max(64) }));

export const zSavedViewInput = z.object({ name: z.string().trim().min(1).max(80), query: zQueryString });

export type ListRef = { id: string; name: string; category: string; locked: boolean };

export type CompanyRowView = {
  id: string;
  name: string;
  domain: string | null;
  country: string | null;
  list: ListRef;
  score: number;
  temperature: Temperature;
  pinned: boolean;
  lastVisitAt: number | null;
  visits: number;
  pages: number;
  topSource: string | null;
  networkClass: string | null;
};

export type CompanyListReply = { companies: CompanyRowView[]; total: number; page: number; limit: number; sort: SortKey; dir: 'asc' | 'desc' };

export type FacetsReply = { lists: ListRef[]; countries: string[]; sources: string[]; networkClasses: string[] };

export type SavedView = { id: string; name: string; query: string; createdAt: number };

export type LiveReply = { since: number; count: number; companies: Array<{ id: string; name: string; domain: string | null; lastVisitAt: number; temperature: Temperature }> };

/** One source and matched value behind a company: its best confidence, when last and first seen, how many times. */
export type EvidenceView = { source: string; matchedValue: string; confidence: number; seenAt: number; firstSeenAt: number; times: number };
export type MoveView = { from: ListRef | null; to: ListRef; actor: string; actorName: string | null; reason: string | null; at: number };

export type CompanyDetail = {
  company: {
    id: string; name: string; domain: string | null; siren: string | null; country: string | null; tags: string[];
    list: ListRef; bestSource: string | null; bestConfidence: number; firstSeenAt: number | null; lastSeenAt: number | null;
  };
  stats: { visits: number; pages: number; engagedMs: number; firstVisitAt: number | null; lastVisitAt: number | null; topSource: string | null; networkClass: string | null };
  score: ScoreView;
  evidence: EvidenceView[];
  moves: MoveView[];
};

export type VisitPage = { path: string; title: string | null; at: number; timeMs: number | null };
export type VisitView = {
  id: number; startedAt: number; lastSeenAt: number; entryUrl: string; source: string | null;
  utm: { source: string | null; medium: string | null; campaign: string | null }; referrer: string | null;
  country: string | null; device: string | null; pages: VisitPage[];
};
export type VisitsReply = { visits: VisitView[]; next: number | null };

export type { Pin };

/** GET /api/companies/insights: the Overview's company and traffic figures for a range of UTC days. */
export type InsightsReply = {
  from: string;
  to: string;
  days: Array<{ day: string; identified: number; newCompanies: number }>;
  topPages: Array<{ path: string; views: number }>;
  topSources: Array<{ source: string; sessions: number }>;
  unidentified: Array<{ reason: string; sessions: number }>;
  sessions: number;
};
