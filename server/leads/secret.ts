import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open.js';

/**
 * The server secret that signs form render tokens: 256 random bits created on first use and kept
 * in the database, so every process serving the same database agrees and restarts keep tokens valid.
 */
export function leadSecret(db: Db, now: number): Buffer {
  const read = () => db.prepare('SELECT secret FROM lead_secrets WHERE id = 1').pluck().get() as string | undefined;
  let secret = read();
  if (!secret) {
    db.prepare('INSERT OR IGNORE INTO lead_secrets (id, secret, created_at) VALUES (1, ?, ?)').run(randomBytes(32).toString('base64url'), now);
    secret = read()!;
  }
  return Buffer.from(secret, 'base64url');
}
