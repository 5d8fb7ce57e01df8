import { createMiddleware } from 'hono/factory';
import { getCookie } from 'hono/cookie';
import { AppError } from '../http/errors.js';
import type { AppDeps } from '../deps.js';
import { findAuthSession, type SessionUser } from './repo.js';

export const SESSION_COOKIE = 'vigie_session';
export const CSRF_HEADER = 'x-csrf-token';

export type AuthVariables = { user: SessionUser; orgId: string };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Requires a logged-in dashboard user; sets `c.var.user` and `c.var.orgId`.
 * Mutating requests must also carry the session's CSRF token in `X-CSRF-Token`
 * (the cookie alone is not enough: SameSite=Lax still lets top-level POSTs through on old browsers).
 */
export function requireSession(deps: Pick<AppDeps, 'db' | 'clock'>) {
  return createMiddleware<{ Variables: AuthVariables }>(async function requireSession(c, next) {
    const token = getCookie(c, SESSION_COOKIE);
    const user = token ? findAuthSession(deps.db, token, deps.clock()) : undefined;
    if (!user) throw new AppError('unauthorized', 401, 'Log in first');
    if (!SAFE_METHODS.has(c.req.method) && c.req.header(CSRF_HEADER) !== user.csrfToken) {
      throw new AppError('csrf', 403, 'Missing or invalid CSRF token');
    }
    c.set('user', user);
    c.set('orgId', user.orgId);
    await next();
  });
}
