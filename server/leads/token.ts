import { createHmac, timingSafeEqual } from 'node:crypto';

/** Fastest a person fills a form; a quicker submission is a script. */
export const MIN_FILL_MS = 3_000;
/** A render token older than this (a tab left open for a day) no longer vouches for the visitor. */
export const TOKEN_TTL_MS = 24 * 3_600_000;

export type TokenCheck = 'ok' | 'too-fast' | 'expired' | 'invalid';

const sign = (secret: Buffer, formId: string, issuedAt: number) =>
  createHmac('sha256', secret).update(`${formId}.${issuedAt}`).digest('base64url');

/** A token proving the form was rendered for this form id at `now`: `<issuedAt>.<hmac>`. */
export function issueRenderToken(secret: Buffer, formId: string, now: number): string {
  return `${now}.${sign(secret, formId, now)}`;
}

/**
 * Checks a render token at submission time: a good signature for this form, at least
 * MIN_FILL_MS after rendering (else `too-fast`), at most TOKEN_TTL_MS (else `expired`).
 */
export function checkRenderToken(secret: Buffer, formId: string, token: string, now: number): TokenCheck {
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return 'invalid';
  const issuedAt = Number(m[1]);
  const expected = Buffer.from(sign(secret, formId, issuedAt));
  const given = Buffer.from(m[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const age = now - issuedAt;
  if (age < MIN_FILL_MS) return 'too-fast';
  if (age > TOKEN_TTL_MS) return 'expired';
  return 'ok';
}

/** The signature part of a well-formed token (what identifies one rendering), or null. */
export function renderTokenSignature(token: string): string | null {
  return /^\d{1,15}\.([A-Za-z0-9_-]{43})$/.exec(token)?.[1] ?? null;
}
