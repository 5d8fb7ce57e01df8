import { describe, expect, it } from 'vitest';
import { LruCache } from './lru.js';

describe('LruCache (under the network cache, and the reverse DNS cache)', () => {
  it('answers an entry until its TTL passes, then forgets it', () => {
    let now = 1_000;
    const cache = new LruCache<string>(10, () => now);
    cache.set('203.0.113.9', 'isp', 60_000);
    now += 59_999;
    expect(cache.get('203.0.113.9')).toBe('isp');
    now += 1;
    expect(cache.get('203.0.113.9')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entry when full, never growing past its bound', () => {
    const cache = new LruCache<number>(2, () => 0);
    cache.set('a', 1, 1_000);
    cache.set('b', 2, 1_000);
    expect(cache.get('a')).toBe(1); // a is now the most recently used
    cache.set('c', 3, 1_000);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    expect(cache.size).toBe(2);
  });
});
