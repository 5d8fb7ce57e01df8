import crypto, { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/open.js';

const DAY_MS = 86_400_000;

/** One-shot hashing (Node ≥ 20.12) costs half of createHash's object per call; the fallback for older 20.x. */
const sha256base64url: (data: string) => string =
  typeof crypto.hash === 'function' ? (data) => crypto.hash('sha256', data, 'base64url') : (data) => createHash('sha256').update(data).digest('base64url');

/** UTC day of a timestamp, as YYYY-MM-DD. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The cookieless visitor key: a salted hash of site + IP + user agent, where the salt changes
 * every UTC day and is deleted two days later, so yesterday's visitors cannot be linked to today's
 * or traced back to an IP. A consented first-party id (`cid`) is used as is instead.
 */
export class VisitorKeys {
  private day = '';
  private salt = '';
  /** The UTC day of `salt` as [start, end) in ms: comparing is cheaper than formatting a date on every hit. */
  private dayStart = 0;
  private dayEnd = 0;

  constructor(private readonly db: Db) {}

  keyOf(siteId: string, ip: string, userAgent: string, cid: string | null | undefined, now: number): string {
    if (cid) return `c:${cid}`;
    const salt = this.saltFor(now);
    const digest = sha256base64url(`${salt}\n${siteId}\n${ip}\n${userAgent}`);
    return `h:${digest.slice(0, 22)}`; // 132 bits: collisions are not a concern at any traffic
  }

  /** Today's salt: created on demand, shared across restarts through daily_salts. */
  private saltFor(now: number): string {
    if (now >= this.dayStart && now < this.dayEnd) return this.salt;
    const day = utcDay(now);
    if (day === this.day) return this.salt;
    const salt = this.db.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO daily_salts (day, salt) VALUES (?, ?)').run(day, randomBytes(32).toString('base64url'));
      this.db.prepare('DELETE FROM daily_salts WHERE day < ?').run(utcDay(now - DAY_MS));
      return this.db.prepare('SELECT salt FROM daily_salts WHERE day = ?').pluck().get(day) as string;
    }).immediate();
    this.day = day;
    this.salt = salt;
    this.dayStart = Math.floor(now / DAY_MS) * DAY_MS;
    this.dayEnd = this.dayStart + DAY_MS;
    return salt;
  }
}
