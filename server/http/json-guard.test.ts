import { describe, expect, it } from 'vitest';
import { findUnsafeJson } from './json-guard.js';

describe('findUnsafeJson', () => {
  it('names the first field holding an unpaired surrogate, a __proto__ key or too deep a nesting', () => {
    expect(findUnsafeJson({ a: 'ok', values: { firstName: 'Zo\ud800' } })).toEqual({ field: 'values.firstName', reason: 'unpaired surrogate' });
    expect(findUnsafeJson(JSON.parse('{"x":{"__proto__":{"admin":true}}}'))).toEqual({ field: 'x', reason: '__proto__ is not an accepted key' });
    expect(findUnsafeJson(JSON.parse('['.repeat(5_000) + ']'.repeat(5_000)))?.reason).toMatch(/nested deeper/);
  });

  it('lets well-formed text through, emoji and accents included', () => {
    expect(findUnsafeJson({ name: 'Zoé 😀', tags: ['a', { b: 1, c: null, d: true }] })).toBeNull();
  });
});
