import type { Db } from '../db/open.js';

/** The site the /demo page reports to: the first site created (by the first run). */
export function demoSiteKey(db: Db): string | undefined {
  return db.prepare('SELECT public_key FROM sites ORDER BY created_at, rowid LIMIT 1').pluck().get() as string | undefined;
}
