import type { Statement } from 'better-sqlite3';
import type { Db } from './open.js';

const cache = new WeakMap<Db, Map<string, Statement>>();

/**
 * A prepared statement kept per database handle, for queries run per session or per company
 * (identification, company evidence, placement): preparing costs more than most of them take to run.
 * Callers must use a given SQL text in one mode (`.pluck()` or not): the statement is shared.
 */
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
