import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { requireSession, type AuthVariables } from '../auth/middleware.js';
import { readJson } from '../http/body.js';
import { fromZod, notFound } from '../http/errors.js';
import { zCompanyListQuery, zCompanySelection, zSavedViewInput, type CompanyListReply } from '../schemas/companies.js';
import { scoringFor } from '../scoring/service.js';
import { companyDetail, companyVisits } from './detail.js';
import { companiesCsv } from './csv.js';
import { localDateTime, zCsvOptions } from '../segments/csv/user-clock.js';
import { facets, liveCompanies } from './live.js';
import { exportRows, listCompanies, nonEmpty, parseFilterQuery } from './query.js';
import { deleteView, listViews, saveView } from './views.js';
import { moveRoutes } from './move.js';
import { insights, startRollups } from './insights.js';
import { zVisitsQuery as zRangeQuery } from '../schemas/overview.js';
import { resolveDayRange } from '../overview/days.js';
import { getSite } from '../orgs/repo.js';
import { setCompanyTags, zTagsInput } from './tags.js';
import { rescoreCompanies } from '../scoring/rescore.js';

const zVisitsQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/**
 * /api/companies: the marketer's table (filters, sorting, paging), export, saved views, the live
 * indicator and a company's page. Every query is scoped to the caller's organisation; another
 * organisation's company answers 404 like a missing one.
 */
export function companiesRoutes(deps: AppDeps) {
  const app = new Hono<{ Variables: AuthVariables }>();
  scoringFor(deps); // keeps aggregates and scores live from the first request on
  startRollups(deps.db, () => deps.clock(), deps.onClose);
  app.use('*', requireSession(deps));

  app.get('/', (c) => {
    const parsed = zCompanyListQuery.safeParse(nonEmpty(c.req.query()));
    if (!parsed.success) throw fromZod(parsed.error);
    const q = parsed.data;
    const { companies, total, dir } = listCompanies(deps.db, c.var.orgId, q, deps.clock());
    const reply: CompanyListReply = { companies, total, page: q.page, limit: q.limit, sort: q.sort, dir };
    return c.json(reply);
  });

  app.get('/insights', (c) => {
    const parsed = zRangeQuery.safeParse(nonEmpty(c.req.query()));
    if (!parsed.success) throw fromZod(parsed.error);
    const siteId = parsed.data.siteId ?? null;
    // Another organisation's site answers exactly like a missing one.
    if (siteId && !getSite(deps.db, c.var.orgId, siteId)) throw notFound('Site not found');
    return c.json(insights(deps.db, c.var.orgId, siteId, resolveDayRange(parsed.data, deps.clock()), deps.clock()));
  });

  app.get('/facets', (c) => c.json(facets(deps.db, c.var.orgId, deps.clock())));
  app.get('/live', (c) => c.json(liveCompanies(deps.db, c.var.orgId, deps.clock())));

  app.post('/export', async (c) => {
    const opts = zCsvOptions.safeParse(nonEmpty(c.req.query()));
    if (!opts.success) throw fromZod(opts.error);
    const parsed = zCompanySelection.safeParse(await readJson(c, 512 * 1024));
    if (!parsed.success) throw fromZod(parsed.error);
    const sel = 'ids' in parsed.data ? { ids: parsed.data.ids } : { filter: parseFilterQuery(parsed.data.query) };
    // Without ?lang=, the profile's language (as the segments exports do); without ?tz=, UTC.
    const lang = opts.data.lang ?? (c.var.user.locale === 'en' ? 'en' : 'fr');
    const tz = opts.data.tz ?? 'UTC';
    const csv = companiesCsv(exportRows(deps.db, c.var.orgId, sel, deps.clock()), { lang, tz });
    const day = localDateTime(deps.clock(), 'en', tz).slice(0, 10); // the user's today, YYYY-MM-DD
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${lang === 'fr' ? 'vigie-entreprises' : 'vigie-companies'}-${day}.csv"`);
    return c.body(csv);
  });

  app.route('/move', moveRoutes(deps));

  app.get('/views', (c) => c.json({ views: listViews(deps.db, c.var.orgId) }));
  app.post('/views', async (c) => {
    const parsed = zSavedViewInput.safeParse(await readJson(c, 16 * 1024));
    if (!parsed.success) throw fromZod(parsed.error);
    return c.json({ view: saveView(deps.db, c.var.orgId, parsed.data, c.var.user.userId, deps.clock()) }, 201);
  });
  app.delete('/views/:id', (c) => {
    if (!deleteView(deps.db, c.var.orgId, c.req.param('id'))) throw notFound('View not found');
    return c.body(null, 204);
  });

  app.get('/:id', (c) => {
    const detail = companyDetail(deps.db, c.var.orgId, c.req.param('id'), deps.clock());
    if (!detail) throw notFound('Company not found');
    return c.json(detail);
  });

  app.put('/:id/tags', async (c) => {
    const parsed = zTagsInput.safeParse(await readJson(c, 4096));
    if (!parsed.success) throw fromZod(parsed.error);
    const id = c.req.param('id');
    if (!setCompanyTags(deps.db, c.var.orgId, id, parsed.data.tags)) throw notFound('Company not found');
    // Tags can carry points: the score follows at once rather than on the next tick.
    rescoreCompanies(deps.db, c.var.orgId, [id], deps.clock());
    return c.json(companyDetail(deps.db, c.var.orgId, id, deps.clock()));
  });

  app.get('/:id/visits', (c) => {
    const parsed = zVisitsQuery.safeParse(nonEmpty(c.req.query()));
    if (!parsed.success) throw fromZod(parsed.error);
    const visits = companyVisits(deps.db, c.var.orgId, c.req.param('id'), parsed.data.before, parsed.data.limit);
    if (!visits) throw notFound('Company not found');
    return c.json(visits);
  });

  return app;
}
