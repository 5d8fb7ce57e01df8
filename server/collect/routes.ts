import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';

/** POST /api/collect (filled by the collector work). */
export function collectRoutes(_deps: AppDeps) {
  return new Hono();
}
