/** A small LRU map with a per-entry TTL; the oldest entry goes when `max` is reached. */
export class LruCache<V, K = string> {
  private readonly map = new Map<K, { v: V; until: number }>();

  constructor(private readonly max: number, private readonly clock: () => number = Date.now) {}

  get(key: K): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.until <= this.clock()) {
      this.map.delete(key);
      return undefined;
    }
    // Re-insert: Map keeps insertion order, so the first key is always the least recently used.
    this.map.delete(key);
    this.map.set(key, e);
    return e.v;
  }

  set(key: K, v: V, ttlMs: number): void {
    this.map.delete(key);
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as K);
    this.map.set(key, { v, until: this.clock() + ttlMs });
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}
