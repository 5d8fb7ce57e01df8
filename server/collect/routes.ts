import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { createCollector } from './collector.js';
import { handleCollect } from './handle.js';

/** CORS is open on the collector only: any site carrying the snippet posts here. */
const CORS = { 'Access-Control-Allow-Origin': '*' };
const PREFLIGHT = {
  ...CORS,
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
  'Access-Control-Max-Age': '86400',
};

/** POST /api/collect: one hit per request, 202 once it is committed to disk. */
export function collectRoutes(deps: AppDeps) {
  const collector = createCollector(deps);
  const app = new Hono();
  app.options('/collect', (c) => c.body(null, 204, PREFLIGHT));
  app.post('/collect', async (c) => {
    try {
      await handleCollect(c, collector);
    } catch (err) {
      c.header('Access-Control-Allow-Origin', '*'); // error replies too, so a page's script can read them
      throw err;
    }
    return c.body(null, 202, CORS);
  });
  return app;
}
