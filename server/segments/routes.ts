import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { requireSession, type AuthVariables } from '../auth/middleware.js';
import { createSegmentsService } from './service.js';
import { listRoutes } from './routes/lists.js';
import { importRoutes } from './routes/imports.js';
import { ruleRoutes } from './routes/rules.js';

/**
 * `/api/segments`: categories and lists, manual moves and the audit trail, CSV imports with
 * preview/confirm/progress/report/snapshots, auto-segmentation rules. Every route needs a
 * dashboard session (and the CSRF header to change anything); every id is scoped to the
 * caller's organisation, another organisation's id answering 404 like a missing one.
 */
export function segmentsRoutes(deps: AppDeps) {
  const service = createSegmentsService(deps);
  const app = new Hono<{ Variables: AuthVariables }>();
  app.use('*', requireSession(deps));
  listRoutes(app, deps);
  importRoutes(app, deps, service);
  ruleRoutes(app, deps);
  return app;
}
