import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';

/** Routes of the overview slice (filled by its issue). */
export function overviewRoutes(_deps: AppDeps) {
  return new Hono();
}
