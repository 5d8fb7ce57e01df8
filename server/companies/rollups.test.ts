import { describe, expect, it } from 'vitest';
import { openDb } from '../db/open.js';
import { createOrganisation, createSite } from '../orgs/repo.js';
import { resolveDayRange } from '../overview/days.js';
import { insights } from './insights.js';
import { rollupEvents, rollupSessions } from './rollups.js';

const NOW = Date.parse('2025-06-15T12:00:00Z');

function setup() {
  const db = openDb(':memory:');
  const org = createOrganisation(db, 'Org');
  const site = createSite(db, org.id, { name: 'S', domains: ['example.com'] });
  const session = db.prepare(
    `INSERT INTO sessions (org_id, site_id, visitor_id, started_at, last_seen_at, entry_url, ip_prefix, utm_source, network_class)
     VALUES (?, ?, 1, ?, ?, 'https://example.com/', '192.0.2.0/24', ?, ?)`,
  );
  const event = db.prepare("INSERT INTO events (org_id, site_id, session_id, type, ts, url, path) VALUES (?, ?, ?, 'pageview', ?, 'https://example.com/x', ?)");
  // Start times out of id order, some settled (older than an hour), some not.
  for (const [agoMin, source, network] of [[600, 'google', 'isp'], [5, 'google', 'mobile'], [300, 'newsletter', 'isp'], [20, null, 'isp'], [90, 'google', 'hosting']] as const) {
    const id = Number(session.run(org.id, site.id, NOW - agoMin * 60_000, NOW - agoMin * 60_000, source, network).lastInsertRowid);
    event.run(org.id, site.id, id, NOW - agoMin * 60_000, '/pricing');
    event.run(org.id, site.id, id, NOW - agoMin * 60_000 + 1000, '/');
  }
  return { db, orgId: org.id };
}

describe('traffic roll-ups', () => {
  it('count every pageview and session exactly once, before and after sessions settle', () => {
    const { db, orgId } = setup();
    const range = resolveDayRange({ from: '2025-06-15', to: '2025-06-15' }, NOW);
    const first = insights(db, orgId, null, range, NOW);
    expect(first.sessions).toBe(5);
    expect(first.topPages).toEqual([{ path: '/', views: 5 }, { path: '/pricing', views: 5 }]);
    expect(first.topSources).toEqual([{ source: 'google', sessions: 3 }, { source: '(direct)', sessions: 1 }, { source: 'newsletter', sessions: 1 }]);
    expect(first.unidentified).toEqual([{ reason: 'isp', sessions: 3 }, { reason: 'hosting', sessions: 1 }, { reason: 'mobile', sessions: 1 }]);
    // Two hours later every session has settled and is rolled up: the same figures.
    const later = insights(db, orgId, null, range, NOW + 2 * 3600_000);
    expect(later).toEqual(first);
    expect(rollupEvents(db)).toBe(0);
    expect(rollupSessions(db, NOW + 2 * 3600_000)).toBe(0);
    expect(db.prepare('SELECT sum(sessions) FROM session_days').pluck().get()).toBe(5);
  });
});
