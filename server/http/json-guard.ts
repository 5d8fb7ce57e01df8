/**
 * What JSON.parse lets through but nothing downstream should get: `__proto__` keys (JSON.parse
 * makes them own properties, a classic pollution vector further down the line) and strings with
 * unpaired UTF-16 surrogates (they cannot be stored as valid UTF-8: SQLite would keep U+FFFD).
 */
export type UnsafeJson = { field: string; reason: string };

/** No body Vigie takes nests deeper; deeper is junk (and would exhaust the walk's stack). */
const MAX_DEPTH = 32;

/** The first unsafe place of a parsed body, depth first, or null. Bodies are size-capped before parsing, so the walk is cheap. */
export function findUnsafeJson(value: unknown, path = '', depth = 0): UnsafeJson | null {
  if (depth > MAX_DEPTH) return { field: path || 'body', reason: `nested deeper than ${MAX_DEPTH} levels` };
  if (typeof value === 'string') return isWellFormed(value) ? null : { field: path || 'body', reason: 'unpaired surrogate' };
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findUnsafeJson(value[i], `${path}.${i}`, depth + 1);
      if (bad) return bad;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const field = path ? `${path}.${key}` : key;
    if (key === '__proto__') return { field: path || 'body', reason: '__proto__ is not an accepted key' };
    if (!isWellFormed(key)) return { field: path || 'body', reason: 'unpaired surrogate in a key' };
    const bad = findUnsafeJson((value as Record<string, unknown>)[key], field, depth + 1);
    if (bad) return bad;
  }
  return null;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function isWellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}
