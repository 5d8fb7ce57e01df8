import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';

/** Routes of the segments slice (filled by its issue). */
export function segmentsRoutes(_deps: AppDeps) {
  return new Hono();
}
