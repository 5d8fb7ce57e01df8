import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';

/** Routes of the companies slice (filled by its issue). */
export function companiesRoutes(_deps: AppDeps) {
  return new Hono();
}
