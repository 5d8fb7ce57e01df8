import { randomBytes } from 'node:crypto';

/**
 * Random, URL-safe, non-sequential ids (128 bits), so that no id reveals another
 * organisation's data or its volume. The prefix says what the id names (`org_…`, `cmp_…`).
 */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}

/** A random secret token (256 bits), for sessions, CSRF and site keys. */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
