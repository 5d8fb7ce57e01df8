import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { AppError, fromZod } from '../http/errors.js';
import { readJson } from '../http/body.js';
import { verifyPassword } from './password.js';
import { createAuthSession, deleteAuthSession, findUserByEmail } from './repo.js';
import { requireSession, SESSION_COOKIE, type AuthVariables } from './middleware.js';
import { LoginThrottle } from './throttle.js';

export const zLogin = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});

// A fixed hash to verify against when the e-mail is unknown, so timing does not reveal accounts.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export function authRoutes(deps: AppDeps) {
  const app = new Hono<{ Variables: AuthVariables }>();
  const throttle = new LoginThrottle(deps.clock);

  app.post('/login', async (c) => {
    const parsed = zLogin.safeParse(await readJson(c, 4096));
    if (!parsed.success) throw fromZod(parsed.error);
    const key = parsed.data.email.toLowerCase();
    const wait = throttle.retryAfter(key);
    if (wait > 0) {
      throw new AppError('rate-limited', 429, 'Too many failed log-ins; try again later', undefined, { 'Retry-After': String(wait) });
    }
    const user = findUserByEmail(deps.db, parsed.data.email);
    const ok = await verifyPassword(parsed.data.password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !ok) {
      throttle.fail(key);
      throw new AppError('invalid-credentials', 401, 'Wrong e-mail or password');
    }
    throttle.succeed(key);
    const session = createAuthSession(deps.db, user, deps.clock());
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: deps.config.secureCookies,
      path: '/',
      expires: new Date(session.expiresAt),
    });
    return c.json({ user: { id: user.id, email: user.email, name: user.name, orgId: user.org_id }, csrfToken: session.csrfToken });
  });

  app.post('/logout', requireSession(deps), (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) deleteAuthSession(deps.db, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.get('/me', requireSession(deps), (c) => {
    const u = c.var.user;
    return c.json({ user: { id: u.userId, email: u.email, name: u.name, orgId: u.orgId, locale: u.locale }, csrfToken: u.csrfToken });
  });

  return app;
}
