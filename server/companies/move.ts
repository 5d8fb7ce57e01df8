import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import type { AuthVariables } from '../auth/middleware.js';
import { readJson } from '../http/body.js';
import { fromZod } from '../http/errors.js';
import { zMoveCompanies } from '../schemas/companies.js';
import { moveCompanies } from '../segments/moves.js';
import { matchingIds, parseFilterQuery } from './query.js';

/**
 * POST /api/companies/move {ids | query, toListId}: a manual move of a selection, or of every
 * company matching the table's current filter (resolved here, moved by the segments slice,
 * which writes the audit trail). Manual moves are allowed out of locked lists.
 */
export function moveRoutes(deps: AppDeps) {
  const app = new Hono<{ Variables: AuthVariables }>();
  app.post('/', async (c) => {
    const parsed = zMoveCompanies.safeParse(await readJson(c, 512 * 1024));
    if (!parsed.success) throw fromZod(parsed.error);
    const body = parsed.data;
    const now = deps.clock();
    const ids = 'ids' in body ? body.ids : matchingIds(deps.db, c.var.orgId, parseFilterQuery(body.query), now);
    const result = moveCompanies(deps.db, c.var.orgId, ids, body.toListId, { type: 'user', id: c.var.user.userId, reason: 'moved by hand' }, { now });
    // As the segments routes do: scoring and open company pages learn about the new list.
    for (const companyId of result.movedIds) deps.bus.emit('company-changed', { orgId: c.var.orgId, companyId, at: now });
    return c.json({ matched: ids.length, moved: result.moved, unchanged: result.unchanged });
  });
  return app;
}
