import { z } from 'zod';

const zSiteId = z.string().min(1).max(64);

/** GET /api/overview/visits: UTC days, inclusive; both default to the last 30 days. */
export const zVisitsQuery = z.object({
  siteId: zSiteId.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type VisitsQuery = z.infer<typeof zVisitsQuery>;

/**
 * GET /api/overview/pageviews: the most recent pageviews first; with `from`/`to` (UTC days,
 * inclusive, each optional) the most recent of that range, so that the Overview's range picker
 * drives the list too.
 */
export const zPageviewsQuery = z.object({
  siteId: zSiteId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type PageviewsQuery = z.infer<typeof zPageviewsQuery>;

/** One UTC day of traffic; days without traffic are present with zeros. */
export type VisitsDay = { day: string; sessions: number; pageviews: number };
export type VisitsReply = { from: string; to: string; days: VisitsDay[] };

/**
 * A stored pageview as the dashboard shows it. url, path, title and referrer are visitor-sent:
 * the dashboard renders them as text only. `source` is the session's utm_source or referrer host.
 */
export type PageviewView = {
  ts: number;
  siteId: string;
  url: string;
  path: string;
  title: string | null;
  referrer: string | null;
  source: string | null;
};
export type PageviewsReply = { pageviews: PageviewView[] };
