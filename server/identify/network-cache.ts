import type { IpNum } from './ip.js';
import { LruCache } from './lru.js';

// Stored under a prefix whose addresses get different answers: look the address itself up.
const NARROW = Symbol('narrow prefix');

/**
 * The organisation-independent answers of identification, shared by the whole /24 (IPv4) or
 * /48 (IPv6) when every source's answer holds for all of it (see `PrefixSpan`), else kept per
 * address under a prefix marked narrow. Bounded (LRU) with a TTL; `clear()` when a data source
 * changes. Example: `cache.set('192.0.2.7', num, part, span.whole, ttl)`, then
 * `cache.get('192.0.2.99', num2)` answers `part` when the whole /24 shares it.
 */
export class NetworkCache<V> {
  private readonly lru: LruCache<V | typeof NARROW, string | number>;
  /** Lookups answered from the cache and lookups that had to be computed, since creation. */
  readonly stats = { hits: 0, misses: 0 };
  private gen = 0;

  constructor(max: number, clock: () => number = Date.now) {
    this.lru = new LruCache(max, clock);
  }

  get(ip: string, num: IpNum): V | undefined {
    const byPrefix = this.lru.get(prefixKey(num));
    // Addresses never hold the marker, only prefixes do.
    const v = (byPrefix === NARROW ? this.lru.get(ip) : byPrefix) as V | undefined;
    if (v === undefined) this.stats.misses++;
    else this.stats.hits++;
    return v;
  }

  /**
   * Stores an answer for the prefix when `wholePrefix`, else for the address alone. `generation`
   * is `this.generation` read before the answer was computed: an answer computed across a
   * `clear()` may come from the data that was just replaced, and is dropped.
   */
  set(ip: string, num: IpNum, v: V, wholePrefix: boolean, ttlMs: number, generation = this.gen): void {
    if (generation !== this.gen) return;
    if (wholePrefix) {
      this.lru.set(prefixKey(num), v, ttlMs);
      return;
    }
    this.lru.set(prefixKey(num), NARROW, ttlMs);
    this.lru.set(ip, v, ttlMs);
  }

  get generation(): number {
    return this.gen;
  }

  clear(): void {
    this.gen++;
    this.lru.clear();
  }

  /** Entries held (prefixes, narrow markers and addresses). */
  get size(): number {
    return this.lru.size;
  }
}

/**
 * The /24 as a number (addresses are keyed by their text, so the two never meet), or the /48 as
 * text: the prefixes of `CACHE_PREFIX_BITS`, which `PrefixSpan` checks the sources against.
 */
function prefixKey(num: IpNum): string | number {
  if (num.v === 4) return Math.floor(num.n / 256);
  return `/48:${num.w[0]}:${num.w[1] >>> 16}`;
}
