import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import type { AuthVariables } from '../../auth/middleware.js';
import { readJson } from '../../http/body.js';
import { fromZod } from '../../http/errors.js';

export type Ctx = Context<{ Variables: AuthVariables }>;

/** Reads and validates a small JSON body (a 200,000-id move is the largest: ~8 MB). */
export async function body<S extends z.ZodType>(c: Ctx, schema: S, maxBytes = 64 * 1024): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await readJson(c, maxBytes));
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

/** Validates the query string. */
export function query<S extends z.ZodType>(c: Ctx, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

/** The user's language for server-written text (error CSV, export headers): `?lang=`, else their profile, else French. */
export function langOf(c: Ctx): 'fr' | 'en' {
  const q = c.req.query('lang');
  if (q === 'fr' || q === 'en') return q;
  return c.var.user.locale === 'en' ? 'en' : 'fr';
}

/** A CSV download: UTF-8, attachment with an ASCII-safe file name. */
export function csv(c: Ctx, fileName: string, text: string): Response {
  const safe = fileName.normalize('NFKD').replace(/[^\w.-]+/g, '_');
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${safe}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  c.header('Cache-Control', 'no-store');
  return c.body(text);
}

/** Announces every company whose list changed, for scoring and the company pages. */
export function announce(deps: AppDeps, orgId: string, companyIds: readonly string[]): void {
  const at = deps.clock();
  for (const companyId of companyIds) deps.bus.emit('company-changed', { orgId, companyId, at });
}
