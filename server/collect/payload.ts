import { zCollectPayload, type CollectPayload } from '../schemas/collect.js';
import { AppError, fromZod } from '../http/errors.js';
import { findUnsafeJson } from '../http/json-guard.js';

const ACCEPTED_TYPES = ['text/plain', 'application/json'];

/** 415 unless the body is declared text/plain (the tracker, no preflight) or application/json. */
export function checkContentType(header: string | undefined): void {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  if (!ACCEPTED_TYPES.includes(type)) {
    throw new AppError('unsupported-media-type', 415, 'content-type: send text/plain or application/json', 'content-type');
  }
}

/**
 * Parses and validates a collect body (already size-capped and UTF-8 checked).
 * Rejects, with a 400 naming the field: malformed JSON, anything but an object, and what
 * `findUnsafeJson` finds (`__proto__` keys, unpaired surrogates).
 */
export function parseCollectBody(text: string): CollectPayload {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // Only now: trimming every good body would copy it for nothing.
    if (text.trim() === '') throw new AppError('bad-request', 400, 'body: empty', 'body');
    throw new AppError('bad-request', 400, 'body: malformed JSON', 'body');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AppError('bad-request', 400, 'body: expected a JSON object', 'body');
  }
  const bad = findUnsafeJson(raw);
  if (bad) throw new AppError('bad-request', 400, `${bad.field}: ${bad.reason}`, bad.field);
  const parsed = zCollectPayload.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}
