import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { createCollector, type Collector } from './collector.js';
import { handleCollect, honoCollectRequest } from './handle.js';

/** CORS is open on the collector only: any site carrying the snippet posts here. */
export const CORS = { 'Access-Control-Allow-Origin': '*' };
const PREFLIGHT = {
  ...CORS,
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
  'Access-Control-Max-Age': '86400',
};

const collectors = new WeakMap<AppDeps, Collector>();

/** The collector mounted by `collectRoutes(deps)`, for the Node fast path (node-route.ts); undefined when not mounted. */
export function mountedCollector(deps: AppDeps): Collector | undefined {
  return collectors.get(deps);
}

/**
 * POST /api/collect: one hit per request, 202 once it is committed to disk. A real server answers
 * it ahead of the Hono router (server/http/serve.ts); this route serves `app.request()` and any
 * other way in, with the same handler, statuses and headers.
 */
export function collectRoutes(deps: AppDeps) {
  const collector = createCollector(deps);
  collectors.set(deps, collector);
  const app = new Hono();
  app.options('/collect', (c) => c.body(null, 204, PREFLIGHT));
  app.post('/collect', async (c) => {
    try {
      await handleCollect(honoCollectRequest(c, collector), collector);
    } catch (err) {
      c.header('Access-Control-Allow-Origin', '*'); // error replies too, so a page's script can read them
      throw err;
    }
    return c.body(null, 202, CORS);
  });
  return app;
}
