/**
 * One validated hit, ready for the writer. Plain data only (it may cross to a worker thread).
 * The raw IP and user agent are not here: they stay with the request, in memory.
 */
export type TrafficHit = {
  kind: 'traffic';
  orgId: string;
  siteId: string;
  visitorKey: string;
  /**
   * With a consent id: the cookieless key the same browser has today, so that consent given
   * halfway through a visit carries on the visit instead of starting a second visitor.
   */
  hashKey?: string | null;
  ts: number;
  type: 'pageview' | 'event' | 'engagement';
  url: string;
  path: string;
  title: string | null;
  referrer: string | null;
  name: string | null;
  props: string | null;
  engagedMs: number | null;
  ipPrefix: string;
  browser: string | null;
  os: string | null;
  device: string;
  language: string | null;
  screen: number | null;
};

/** A bot's hit: counted per site and day, nothing else kept. */
export type BotHit = { kind: 'bot'; orgId: string; siteId: string; ts: number };

export type Hit = TrafficHit | BotHit;

/**
 * What a committed batch produced, index by index: the session of each hit (0 for a bot) and,
 * when the hit opened a new session, its visitor id (else 0). Flat number arrays, cheap to post.
 */
export type BatchResult = {
  sessionIds: number[];
  startedVisitorIds: number[];
  /** When this batch also wrote the session counters: the sessions written, by organisation. */
  synced: Record<string, number[]> | null;
};

/** What the request of one hit learns once it committed. */
export type HitOutcome = { sessionId: number; startedVisitorId: number };
