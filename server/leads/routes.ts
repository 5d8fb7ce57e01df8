import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { publicFormRoutes } from './public-routes.js';
import { formAdminRoutes } from './forms-routes.js';
import { leadAdminRoutes } from './lead-routes.js';
import { listenForVisits } from './listeners.js';

/**
 * The leads slice, mounted at /api: public form endpoints (/forms/:id, /forms/:id/submit, open
 * CORS), the forms editor (/forms, /forms-template) and the inbox (/leads/...).
 */
export function leadsRoutes(deps: AppDeps) {
  listenForVisits(deps);
  const app = new Hono();
  app.route('/', publicFormRoutes(deps));
  app.route('/', formAdminRoutes(deps));
  app.route('/', leadAdminRoutes(deps));
  return app;
}
