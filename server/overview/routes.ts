import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { requireSession, type AuthVariables } from '../auth/middleware.js';
import { badRequest, fromZod, notFound } from '../http/errors.js';
import { getSite } from '../orgs/repo.js';
import { zPageviewsQuery, zVisitsQuery, type PageviewsReply, type VisitsReply } from '../schemas/overview.js';
import { DAY_MS, dayStart, resolveDayRange } from './days.js';
import { latestPageviews, visitsPerDay } from './repo.js';

/** GET /api/overview/visits and /pageviews: the Overview page's figures, scoped to the caller's organisation. */
export function overviewRoutes(deps: AppDeps) {
  const app = new Hono<{ Variables: AuthVariables }>();
  app.use('*', requireSession(deps));

  // Another organisation's site answers exactly like a missing one.
  const ownSiteId = (orgId: string, siteId: string | undefined): string | null => {
    if (siteId === undefined) return null;
    if (!getSite(deps.db, orgId, siteId)) throw notFound('Site not found');
    return siteId;
  };

  app.get('/visits', (c) => {
    const parsed = zVisitsQuery.safeParse(c.req.query());
    if (!parsed.success) throw fromZod(parsed.error);
    const siteId = ownSiteId(c.var.orgId, parsed.data.siteId);
    const range = resolveDayRange(parsed.data, deps.clock());
    const reply: VisitsReply = { from: range.from, to: range.to, days: visitsPerDay(deps.db, c.var.orgId, siteId, range) };
    return c.json(reply);
  });

  app.get('/pageviews', (c) => {
    const parsed = zPageviewsQuery.safeParse(c.req.query());
    if (!parsed.success) throw fromZod(parsed.error);
    const siteId = ownSiteId(c.var.orgId, parsed.data.siteId);
    const { from, to, limit } = parsed.data;
    if (from && to && from > to) throw badRequest('from: must not be after to', 'from');
    const bounds = { startMs: from ? dayStart(from) : 0, endMs: to ? dayStart(to) + DAY_MS : Number.MAX_SAFE_INTEGER };
    const reply: PageviewsReply = { pageviews: latestPageviews(deps.db, c.var.orgId, siteId, limit, bounds) };
    return c.json(reply);
  });

  return app;
}
