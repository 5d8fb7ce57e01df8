import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/open.js';

const DAY_MS = 86_400_000;

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
  /**
   * Today's keys by site + IP + user agent: a visitor sends several hits, and a map lookup costs far
   * less than a SHA-256. Memory only, bounded, and dropped with the salt when the day changes.
   */
  private readonly today = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly maxRemembered = 50_000,
  ) {}

  keyOf(siteId: string, ip: string, userAgent: string, cid: string | null | undefined, now: number): string {
    if (cid) return `c:${cid}`;
    const salt = this.saltFor(now);
    const who = `${siteId}\n${ip}\n${userAgent}`;
    let key = this.today.get(who);
    if (key === undefined) {
      const digest = createHash('sha256').update(`${salt}\n${who}`).digest('base64url');
      key = `h:${digest.slice(0, 22)}`; // 132 bits: collisions are not a concern at any traffic
      if (this.today.size >= this.maxRemembered) this.today.clear();
      this.today.set(who, key);
    }
    return key;
  }

  /** Today's salt: created on demand, shared across restarts through daily_salts. */
  private saltFor(now: number): string {
    const day = utcDay(now);
    if (day === this.day) return this.salt;
    const salt = this.db.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO daily_salts (day, salt) VALUES (?, ?)').run(day, randomBytes(32).toString('base64url'));
      this.db.prepare('DELETE FROM daily_salts WHERE day < ?').run(utcDay(now - DAY_MS));
      return this.db.prepare('SELECT salt FROM daily_salts WHERE day = ?').pluck().get(day) as string;
    }).immediate();
    this.day = day;
    this.salt = salt;
    this.today.clear();
    return salt;
  }
}
