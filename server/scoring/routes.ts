import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';

/** Routes of the scoring slice (filled by its issue). */
export function scoringRoutes(_deps: AppDeps) {
  return new Hono();
}
