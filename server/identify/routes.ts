import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';

/** Routes of the identify slice (filled by its issue). */
export function identifyRoutes(_deps: AppDeps) {
  return new Hono();
}
