import type { Hono } from 'hono';
import type { AppDeps } from '../../deps.js';
import type { AuthVariables } from '../../auth/middleware.js';
import { zListCreate, zListLock, zListRename, zMoveCompanies } from '../../schemas/segments.js';
import { createList, deleteList, listCategories, renameList, setListLocked } from '../lists.js';
import { moveCompanies } from '../moves.js';
import { companyMoves } from '../audit.js';
import { importedRowsUsed } from '../quota.js';
import { exportListCsv } from '../export.js';
import { announce, body, csv, langOf, query } from './common.js';
import { zCsvOptions } from '../csv/user-clock.js';

/** Categories and lists, list CRUD and locks, manual moves, the company audit trail, list export. */
export function listRoutes(app: Hono<{ Variables: AuthVariables }>, deps: AppDeps): void {
  const { db } = deps;

  app.get('/', (c) =>
    c.json({ categories: listCategories(db, c.var.orgId), quota: { used: importedRowsUsed(db, c.var.orgId), limit: deps.config.importQuota } }),
  );

  app.post('/lists', async (c) => {
    const input = await body(c, zListCreate);
    return c.json({ list: createList(db, c.var.orgId, input.category, input.name, deps.clock()) }, 201);
  });

  app.patch('/lists/:id', async (c) => {
    const input = await body(c, zListRename);
    return c.json({ list: renameList(db, c.var.orgId, c.req.param('id'), input.name) });
  });

  app.delete('/lists/:id', (c) => {
    const res = deleteList(db, c.var.orgId, c.req.param('id'), c.var.user.userId, deps.clock());
    announce(deps, c.var.orgId, res.movedIds);
    return c.json({ moved: res.moved, movedTo: res.movedTo });
  });

  app.put('/lists/:id/lock', async (c) => {
    const input = await body(c, zListLock);
    return c.json({ list: setListLocked(db, c.var.orgId, c.req.param('id'), input.locked) });
  });

  app.get('/lists/:id/export', (c) => {
    const { tz } = query(c, zCsvOptions); // 400 naming lang or tz when given and wrong
    const out = exportListCsv(db, c.var.orgId, c.req.param('id'), langOf(c), tz ?? 'UTC');
    return csv(c, out.fileName, out.body);
  });

  // Manual moves (one company, a selection, or every company matching a filter) are always allowed, locked or not.
  app.post('/moves', async (c) => {
    const input = await body(c, zMoveCompanies, 16 * 1024 * 1024);
    const res = moveCompanies(db, c.var.orgId, input.companyIds, input.listId, { type: 'user', id: c.var.user.userId, reason: 'moved by hand' }, { now: deps.clock() });
    announce(deps, c.var.orgId, res.movedIds);
    return c.json({ moved: res.moved, unchanged: res.unchanged });
  });

  app.get('/companies/:id/moves', (c) => c.json(companyMoves(db, c.var.orgId, c.req.param('id'))));
}
