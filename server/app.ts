import { Hono } from 'hono';
import type { AppDeps } from './deps.js';
import { handleError, isSqliteUnavailable } from './http/errors.js';
import { DatabaseWatch } from './db/watch.js';
import { staticRoutes } from './http/static.js';
import { authRoutes } from './auth/routes.js';
import { sitesRoutes } from './sites/routes.js';
import { collectRoutes } from './collect/routes.js';
import { demoRoutes } from './demo/routes.js';
import { identifyRoutes } from './identify/routes.js';
import { segmentsRoutes } from './segments/routes.js';
import { leadsRoutes } from './leads/routes.js';
import { scoringRoutes } from './scoring/routes.js';
import { companiesRoutes } from './companies/routes.js';
import { overviewRoutes } from './overview/routes.js';

/**
 * Builds the whole HTTP app from its dependencies. No I/O at import time: tests call
 * `createApp(deps).request(...)` or serve it on 127.0.0.1.
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const database = new DatabaseWatch(deps.db, deps.health);
  deps.onClose(() => database.stop());
  app.onError((err, c) => {
    if (isSqliteUnavailable(err)) database.failed(err);
    return handleError(err, c);
  });
  app.notFound((c) => c.json({ error: { code: 'not-found', message: 'Not found' } }, 404));

  app.get('/health', (c) => {
    const snap = deps.health.snapshot();
    return c.json(snap, 200);
  });

  app.route('/api/auth', authRoutes(deps));
  app.route('/api/sites', sitesRoutes(deps));
  // Identification before the collector: slices close in reverse order, so at shutdown the
  // collector expands its intake log while identification still listens for the sessions it opens.
  app.route('/api/identify', identifyRoutes(deps));
  app.route('/api', collectRoutes(deps));
  app.route('/api/segments', segmentsRoutes(deps));
  app.route('/api', leadsRoutes(deps));
  app.route('/api/scoring', scoringRoutes(deps));
  app.route('/api/companies', companiesRoutes(deps));
  app.route('/api/overview', overviewRoutes(deps));
  app.route('/demo', demoRoutes(deps));
  app.route('/', staticRoutes());
  return app;
}
