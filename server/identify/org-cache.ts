import type { Db } from '../db/open.js';

/**
 * Per-organisation IP rules (compiled) and learned mappings, kept in memory; dropped whenever
 * they change (only this slice writes `ip_rules` and `learned_mappings`). Keyed by the
 * database handle, so two test servers never share a cache.
 */
type Caches = { rules: Map<string, unknown>; learned: Map<string, unknown> };

const byDb = new WeakMap<Db, Caches>();

function caches(db: Db): Caches {
  let c = byDb.get(db);
  if (!c) {
    c = { rules: new Map(), learned: new Map() };
    byDb.set(db, c);
  }
  return c;
}

/** Returns the cached value for an organisation, building it on first use. */
export function cachedRules<T>(db: Db, orgId: string, build: () => T): T {
  return cached(caches(db).rules, orgId, build);
}

export const invalidateRules = (db: Db, orgId: string): void => void caches(db).rules.delete(orgId);

/** Same, for the organisation's learned mappings. */
export function cachedLearned<T>(db: Db, orgId: string, build: () => T): T {
  return cached(caches(db).learned, orgId, build);
}

export const invalidateLearned = (db: Db, orgId: string): void => void caches(db).learned.delete(orgId);

function cached<T>(map: Map<string, unknown>, orgId: string, build: () => T): T {
  if (map.has(orgId)) return map.get(orgId) as T;
  const v = build();
  map.set(orgId, v);
  return v;
}
