import { zCollectPayload, type CollectPayload } from '../schemas/collect.js';
import { AppError, fromZod } from '../http/errors.js';

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
 * Rejects, with a 400 naming the field: malformed JSON, anything but an object, `__proto__` keys
 * (JSON.parse makes them own properties, a classic pollution vector further down the line) and
 * strings holding unpaired surrogates (they cannot be stored as valid UTF-8).
 */
export function parseCollectBody(text: string): CollectPayload {
  if (text.trim() === '') throw new AppError('bad-request', 400, 'body: empty', 'body');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('bad-request', 400, 'body: malformed JSON', 'body');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AppError('bad-request', 400, 'body: expected a JSON object', 'body');
  }
  const bad = findUnsafe(raw, '');
  if (bad) throw new AppError('bad-request', 400, `${bad.field}: ${bad.reason}`, bad.field);
  const parsed = zCollectPayload.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

type Unsafe = { field: string; reason: string };

/** Depth-first walk of a parsed body (at most 8 KB, so the walk is cheap). */
function findUnsafe(value: unknown, path: string): Unsafe | null {
  if (typeof value === 'string') return isWellFormed(value) ? null : { field: path || 'body', reason: 'unpaired surrogate' };
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findUnsafe(value[i], `${path}.${i}`);
      if (bad) return bad;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const field = path ? `${path}.${key}` : key;
    if (key === '__proto__') return { field: path || 'body', reason: '__proto__ is not an accepted key' };
    if (!isWellFormed(key)) return { field: path || 'body', reason: 'unpaired surrogate in a key' };
    const bad = findUnsafe((value as Record<string, unknown>)[key], field);
    if (bad) return bad;
  }
  return null;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function isWellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}
