import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open.js';

const cache = new WeakMap<Db, Map<string, Statement>>();

/** A prepared statement kept per database handle, for queries on the identification hot path. */
export function prepared(db: Db, sql: string): Statement {
  let m = cache.get(db);
  if (!m) {
    m = new Map();
    cache.set(db, m);
  }
  let s = m.get(sql);
  if (!s) {
    s = db.prepare(sql);
    m.set(sql, s);
  }
  return s;
}
