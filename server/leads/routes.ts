import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';

/** Routes of the leads slice (filled by its issue). */
export function leadsRoutes(_deps: AppDeps) {
  return new Hono();
}
