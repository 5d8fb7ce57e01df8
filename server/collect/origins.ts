import type { TrafficHit } from './hit.js';

type Origin = { ip: string; userAgent: string; pending: number };

/**
 * The raw IP and user agent of visitors whose hits are not yet in their tables, in memory only
 * (they are never written to disk): identification needs them when a hit turns out to open a
 * session, which may be decided after the 202, when the intake log is expanded. One entry per
 * visitor with hits in flight; a cookieless visitor's key is a hash of this very IP and user
 * agent, and a consented visitor's latest ones are the ones worth identifying.
 */
export class VisitOrigins {
  /** Site id → visitor key → origin (nested rather than a joined key: this runs on every hit). */
  private readonly bySite = new Map<string, Map<string, Origin>>();

  /** A hit of this visitor is on its way to the tables. */
  hold(hit: TrafficHit, ip: string, userAgent: string): void {
    let visitors = this.bySite.get(hit.siteId);
    if (!visitors) this.bySite.set(hit.siteId, (visitors = new Map()));
    const known = visitors.get(hit.visitorKey);
    if (known) {
      known.ip = ip;
      known.userAgent = userAgent;
      known.pending++;
    } else visitors.set(hit.visitorKey, { ip, userAgent, pending: 1 });
  }

  /** The hit reached its tables, or was refused: returns its visitor's origin, forgotten with its last hit. */
  release(hit: TrafficHit): { ip: string; userAgent: string } | undefined {
    const visitors = this.bySite.get(hit.siteId);
    const origin = visitors?.get(hit.visitorKey);
    if (!visitors || !origin) return undefined; // held by a process that died: the hit was recovered from the log
    if (--origin.pending <= 0) {
      visitors.delete(hit.visitorKey);
      if (visitors.size === 0) this.bySite.delete(hit.siteId);
    }
    return origin;
  }
}
