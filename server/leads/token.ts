import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Fastest a person fills a form; a quicker submission is a script. */
export const MIN_FILL_MS = 3_000;
/** A render token older than this (a tab left open for a day) no longer vouches for the visitor. */
export const TOKEN_TTL_MS = 24 * 3_600_000;

export type TokenCheck = 'ok' | 'too-fast' | 'expired' | 'invalid';

const sign = (secret: Buffer, formId: string, rendering: string) =>
  createHmac('sha256', secret).update(`${formId}.${rendering}`).digest('base64url');

/**
 * A token proving the form was rendered for this form id at `now`: `<issuedAt>.<nonce>.<hmac>`.
 * The nonce makes each rendering's token its own, even for two visitors in the same millisecond,
 * so that a token replayed for another address can be told from a second visitor.
 */
export function issueRenderToken(secret: Buffer, formId: string, now: number): string {
  const rendering = `${now}.${randomBytes(9).toString('base64url')}`;
  return `${rendering}.${sign(secret, formId, rendering)}`;
}

// `<issuedAt>.<nonce>.<hmac>`, or `<issuedAt>.<hmac>` as issued before nonces (still honoured for a day).
const TOKEN = /^(\d{1,15})\.(?:([A-Za-z0-9_-]{12})\.)?([A-Za-z0-9_-]{43})$/;

/**
 * Checks a render token at submission time: a good signature for this form, at least
 * MIN_FILL_MS after rendering (else `too-fast`), at most TOKEN_TTL_MS (else `expired`).
 */
export function checkRenderToken(secret: Buffer, formId: string, token: string, now: number): TokenCheck {
  const m = TOKEN.exec(token);
  if (!m) return 'invalid';
  const issuedAt = Number(m[1]);
  const expected = Buffer.from(sign(secret, formId, m[2] ? `${m[1]}.${m[2]}` : m[1]!));
  const given = Buffer.from(m[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const age = now - issuedAt;
  if (age < MIN_FILL_MS) return 'too-fast';
  if (age > TOKEN_TTL_MS) return 'expired';
  return 'ok';
}

/** What identifies one rendering (the signature of a token with a nonce), or null. */
export function renderTokenSignature(token: string): string | null {
  const m = TOKEN.exec(token);
  return m?.[2] ? m[3]! : null;
}
