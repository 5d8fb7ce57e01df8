import { createHash } from 'node:crypto';
import type { Db } from '../db/open.js';
import { newToken } from '../db/ids.js';

export type SessionUser = { userId: string; orgId: string; email: string; name: string; role: string; csrfToken: string; locale: string | null };

const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

export function findUserByEmail(db: Db, email: string) {
  return db.prepare('SELECT id, org_id, email, name, role, password_hash FROM users WHERE email = ?').get(email) as
    | { id: string; org_id: string; email: string; name: string; role: string; password_hash: string }
    | undefined;
}

/** Creates a log-in session; returns the cookie token (only its hash is stored) and the CSRF token. */
export function createAuthSession(db: Db, user: { id: string; org_id: string }, now: number) {
  const token = newToken();
  const csrfToken = newToken();
  db.prepare(
    'INSERT INTO auth_sessions (token_hash, user_id, org_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(sha256(token), user.id, user.org_id, csrfToken, now, now + SESSION_TTL_MS);
  return { token, csrfToken, expiresAt: now + SESSION_TTL_MS };
}

export function findAuthSession(db: Db, token: string, now: number): SessionUser | undefined {
  const row = db
    .prepare(
      `SELECT s.user_id, s.org_id, s.csrf_token, u.email, u.name, u.role, u.locale
         FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = ? AND s.expires_at > ?`,
    )
    .get(sha256(token), now) as
    | { user_id: string; org_id: string; csrf_token: string; email: string; name: string; role: string; locale: string | null }
    | undefined;
  return (
    row && {
      userId: row.user_id,
      orgId: row.org_id,
      email: row.email,
      name: row.name,
      role: row.role,
      csrfToken: row.csrf_token,
      locale: row.locale,
    }
  );
}

export function deleteAuthSession(db: Db, token: string): void {
  db.prepare('DELETE FROM auth_sessions WHERE token_hash = ?').run(sha256(token));
}
