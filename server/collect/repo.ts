import type { Db } from '../db/open.js';
import type { TrafficHit } from './hit.js';
import { NO_CAMPAIGN, campaignOf, referrerHost } from './url-params.js';

/** The collector's SQL: prepared once, synchronous, every statement scoped by organisation. */
export function trafficStatements(db: Db) {
  const insertVisitor = db.prepare(
    `INSERT INTO visitors (org_id, site_id, kind, key, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const touchVisitor = db.prepare('UPDATE visitors SET last_seen = ? WHERE id = ? AND org_id = ?');
  const giveConsent = db.prepare(`UPDATE visitors SET kind = 'consent', key = ? WHERE id = ? AND org_id = ?`);
  const findConsentVisitor = db.prepare(
    `SELECT id, last_seen FROM visitors WHERE org_id = ? AND site_id = ? AND kind = 'consent' AND key = ?`,
  );
  const latestSession = db.prepare(
    'SELECT id, last_seen_at, pageviews FROM sessions WHERE visitor_id = ? AND org_id = ? ORDER BY id DESC LIMIT 1',
  );
  const insertSession = db.prepare(
    `INSERT INTO sessions (org_id, site_id, visitor_id, started_at, last_seen_at, entry_url, referrer, referrer_host,
       utm_source, utm_medium, utm_campaign, utm_term, utm_content, gclid, fbclid, msclkid, li_fat_id,
       ip_prefix, browser, os, device, language, screen_width)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateSession = db.prepare(
    `UPDATE sessions SET last_seen_at = max(last_seen_at, ?), pageviews = pageviews + ?, engaged_ms = engaged_ms + ?
     WHERE id = ? AND org_id = ?`,
  );
  const setSessionCampaign = db.prepare(
    `UPDATE sessions SET referrer = @referrer, referrer_host = @referrerHost, utm_source = @utm_source, utm_medium = @utm_medium,
       utm_campaign = @utm_campaign, utm_term = @utm_term, utm_content = @utm_content, gclid = @gclid, fbclid = @fbclid,
       msclkid = @msclkid, li_fat_id = @li_fat_id
     WHERE id = @sessionId AND org_id = @orgId`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO events (org_id, site_id, session_id, type, ts, url, path, title, referrer, name, props, engaged_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setSyncedEventId = db.prepare(
    `INSERT INTO collector_state (key, value) VALUES ('synced_event_id', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  const countBots = db.prepare(
    `INSERT INTO bot_counts (org_id, site_id, day, hits) VALUES (?, ?, ?, ?)
     ON CONFLICT (site_id, day) DO UPDATE SET hits = hits + excluded.hits`,
  );
  // Start-up only, across organisations: today's hashed visitors, through the append-only first_seen index.
  const hashedVisitorsSince = db.prepare(
    `SELECT id, org_id, site_id, key, last_seen FROM visitors WHERE first_seen >= ? AND kind = 'hash'`,
  );

  return {
    insertVisitor: (orgId: string, siteId: string, key: string, ts: number): number =>
      Number(insertVisitor.run(orgId, siteId, key.startsWith('c:') ? 'consent' : 'hash', key, ts, ts).lastInsertRowid),
    touchVisitor: (orgId: string, visitorId: number, ts: number) => touchVisitor.run(ts, visitorId, orgId),
    giveConsent: (orgId: string, visitorId: number, consentKey: string) => giveConsent.run(consentKey, visitorId, orgId),
    findConsentVisitor: (orgId: string, siteId: string, key: string) =>
      findConsentVisitor.get(orgId, siteId, key) as { id: number; last_seen: number } | undefined,
    latestSession: (orgId: string, visitorId: number) =>
      latestSession.get(visitorId, orgId) as { id: number; last_seen_at: number; pageviews: number } | undefined,
    insertSession: (hit: TrafficHit, visitorId: number): number => {
      // Positional parameters: binding two dozen named ones costs several times more, on every new session.
      const pageview = hit.type === 'pageview';
      const page = pageview ? new URL(hit.url) : null;
      const c = page ? campaignOf(page) : NO_CAMPAIGN;
      return Number(
        insertSession.run(
          hit.orgId, hit.siteId, visitorId, hit.ts, hit.ts, hit.url,
          pageview ? hit.referrer : null, page ? referrerHost(hit.referrer, page.hostname) : null,
          c.utm_source, c.utm_medium, c.utm_campaign, c.utm_term, c.utm_content, c.gclid, c.fbclid, c.msclkid, c.li_fat_id,
          hit.ipPrefix, hit.browser, hit.os, hit.device, hit.language, hit.screen,
        ).lastInsertRowid,
      );
    },
    updateSession: (orgId: string, sessionId: number, lastSeen: number, pageviews: number, engagedMs: number) =>
      updateSession.run(lastSeen, pageviews, engagedMs, sessionId, orgId),
    setSessionCampaign: (hit: TrafficHit, sessionId: number) =>
      setSessionCampaign.run({ ...landing(hit), referrer: hit.referrer, sessionId, orgId: hit.orgId }),
    insertEvent: (hit: TrafficHit, sessionId: number): { lastInsertRowid: number | bigint } =>
      insertEvent.run(hit.orgId, hit.siteId, sessionId, hit.type, hit.ts, hit.url, hit.path, hit.title, hit.referrer, hit.name, hit.props, hit.engagedMs),
    setSyncedEventId: (eventId: number) => setSyncedEventId.run(eventId),
    countBots: (orgId: string, siteId: string, day: string, hits: number) => countBots.run(orgId, siteId, day, hits),
    hashedVisitorsSince: (since: number) =>
      hashedVisitorsSince.all(since) as Array<{ id: number; org_id: string; site_id: string; key: string; last_seen: number }>,
  };
}

export type TrafficStatements = ReturnType<typeof trafficStatements>;

/**
 * What the first pageview of a session says about where it came from: UTM parameters and click
 * ids of its URL, and the referrer's host. Computed only for hits that open a session.
 */
function landing(hit: TrafficHit) {
  const page = new URL(hit.url);
  return { ...campaignOf(page), referrerHost: referrerHost(hit.referrer, page.hostname) };
}
