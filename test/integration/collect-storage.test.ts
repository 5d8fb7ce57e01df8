import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/temp.js';
import { seedAccount, startTestServer, type SeededAccount, type TestServer } from '../helpers/server.js';
import { collect, rawRequest } from './collect-helpers.js';

const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);
let now = T0;
let srv: TestServer;
let acct: SeededAccount;
const started: Array<{ ip: string; sessionId: number }> = [];
const committed: number[][] = [];

beforeAll(async () => {
  // 127.0.0.1 is a trusted proxy here, so each test picks its visitor's IP with X-Forwarded-For.
  srv = await startTestServer({ clock: () => now, config: { trustedProxies: ['127.0.0.1'] } });
  acct = await seedAccount(srv.deps, { domains: ['example.com'] });
  srv.deps.bus.on('session-started', (e) => started.push({ ip: e.ip, sessionId: e.sessionId }));
  srv.deps.bus.on('traffic-committed', (e) => committed.push(e.sessionIds));
});
afterAll(() => srv.close());

type SessionRow = Record<string, unknown> & { id: number; visitor_id: number; pageviews: number; engaged_ms: number };
const sessionsOf = (ip: string) => {
  const prefix = `${ip.slice(0, ip.lastIndexOf('.'))}.0/24`;
  return srv.deps.db.prepare('SELECT * FROM sessions WHERE org_id = ? AND ip_prefix = ? ORDER BY id').all(acct.orgId, prefix) as SessionRow[];
};
const eventsOf = (sessionId: number) =>
  srv.deps.db.prepare('SELECT * FROM events WHERE org_id = ? AND session_id = ? ORDER BY id').all(acct.orgId, sessionId) as Array<Record<string, unknown>>;
const hit = (ip: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  collect(srv.url, { site: acct.siteKey, url: 'https://example.com/', ...body }, { 'x-forwarded-for': ip, ...headers });

describe('a valid pageview', () => {
  it('is stored with its session: entry URL, referrer host, UTM and click ids, /24 prefix, browser', async () => {
    const res = await hit('198.51.100.77', {
      url: 'https://www.example.com/offre?utm_source=linkedin&utm_medium=social&utm_campaign=salon&utm_term=capteurs&utm_content=a&gclid=G1&fbclid=F1&msclkid=M1&li_fat_id=L1',
      referrer: 'https://www.linkedin.com/feed/',
      title: 'Offre',
      screen: 1440,
      lang: 'fr-FR',
    });
    expect(res.status).toBe(202);
    const [s] = sessionsOf('198.51.100.77');
    expect(s).toMatchObject({
      org_id: acct.orgId, site_id: acct.siteId, started_at: T0, last_seen_at: T0, pageviews: 1,
      entry_url: expect.stringContaining('/offre?'), referrer_host: 'www.linkedin.com',
      utm_source: 'linkedin', utm_medium: 'social', utm_campaign: 'salon', utm_term: 'capteurs', utm_content: 'a',
      gclid: 'G1', fbclid: 'F1', msclkid: 'M1', li_fat_id: 'L1',
      ip_prefix: '198.51.100.0/24', browser: 'Chrome', os: 'Windows', device: 'desktop', language: 'fr-FR', screen_width: 1440,
    });
    expect(eventsOf(s!.id)).toEqual([expect.objectContaining({ type: 'pageview', path: '/offre', title: 'Offre', ts: T0 })]);
  });

  it('keeps the UTM of the first URL of the session only', async () => {
    await hit('198.51.101.5', { url: 'https://example.com/?utm_source=first' });
    await hit('198.51.101.5', { url: 'https://example.com/b?utm_source=second&gclid=late' });
    const rows = sessionsOf('198.51.101.5');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ utm_source: 'first', gclid: null, pageviews: 2 });
  });

  it('ignores body fields that try to set the IP, user agent or time', async () => {
    const res = await hit('198.51.102.8', { ip: '8.8.8.8', userAgent: 'Googlebot/2.1', timestamp: 1, ts: 1, ua: 'x' });
    expect(res.status).toBe(202);
    const [s] = sessionsOf('198.51.102.8');
    expect(s).toMatchObject({ ip_prefix: '198.51.102.0/24', browser: 'Chrome', started_at: T0 });
    expect(sessionsOf('8.8.8.8')).toHaveLength(0);
    expect(eventsOf(s!.id)[0]).toMatchObject({ ts: T0 });
  });

  it('adds engagement pings to the session and stores them as events', async () => {
    await hit('198.51.103.4', {});
    await hit('198.51.103.4', { type: 'engagement', engagedMs: 12_500 });
    await hit('198.51.103.4', { type: 'event', name: 'download', props: { file: 'brochure.pdf', size: 2 } });
    const [s] = sessionsOf('198.51.103.4');
    expect(s).toMatchObject({ pageviews: 1, engaged_ms: 12_500 });
    expect(eventsOf(s!.id).map((e) => [e.type, e.engaged_ms, e.name, e.props])).toEqual([
      ['pageview', null, null, null],
      ['engagement', 12_500, null, null],
      ['event', null, 'download', '{"file":"brochure.pdf","size":2}'],
    ]);
  });

  it('keeps one visitor and one session when the cookie banner is accepted after the first page', async () => {
    await hit('198.51.113.9', { url: 'https://example.com/?utm_source=linkedin' });
    await hit('198.51.113.9', { url: 'https://example.com/pricing', cid: 'consent-banner-1' });
    const rows = sessionsOf('198.51.113.9');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ pageviews: 2, utm_source: 'linkedin' });
    expect(srv.deps.db.prepare('SELECT kind, key FROM visitors WHERE id = ?').get(rows[0]!.visitor_id)).toEqual({ kind: 'consent', key: 'c:consent-banner-1' });
  });

  it('announces new sessions (with the raw IP, for identification) and committed traffic', async () => {
    await hit('198.51.104.1', {});
    const [s] = sessionsOf('198.51.104.1');
    await vi.waitFor(() => {
      expect(started.filter((e) => e.ip === '198.51.104.1')).toEqual([{ ip: '198.51.104.1', sessionId: s!.id }]);
      expect(committed.some((ids) => ids.includes(s!.id))).toBe(true);
    });
  });
});

describe('sessions and visitors', () => {
  it('split after 30 minutes of inactivity, for the same visitor', async () => {
    now = T0 + 3_600_000;
    await hit('198.51.110.1', {});
    now += 29 * 60_000;
    await hit('198.51.110.1', {});
    now += 30 * 60_000 + 1;
    await hit('198.51.110.1', {});
    const rows = sessionsOf('198.51.110.1');
    expect(rows.map((r) => r.pageviews)).toEqual([2, 1]);
    expect(rows[0]!.visitor_id).toBe(rows[1]!.visitor_id);
  });

  it('are told apart by IP and by user agent', async () => {
    await hit('198.51.111.1', {});
    await hit('198.51.111.2', {});
    await hit('198.51.111.1', {}, { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15' });
    const visitors = new Set(sessionsOf('198.51.111.1').map((r) => r.visitor_id));
    expect(visitors.size).toBe(3);
  });

  it('change every UTC day without a consent id, and persist across days with one', async () => {
    now = Date.UTC(2026, 2, 11, 23, 50);
    await hit('198.51.112.1', {});
    await hit('198.51.112.1', { cid: 'consent_ABC12345' });
    now = Date.UTC(2026, 2, 12, 0, 5); // 15 minutes later, another day
    await hit('198.51.112.1', {});
    await hit('198.51.112.1', { cid: 'consent_ABC12345' });
    // Consent on day 1 turned that day's cookieless visitor into the consented one. After
    // midnight: without the id, a new visitor (and session); with it, the same visitor, whose
    // session simply goes on (15 minutes of inactivity only).
    const rows = sessionsOf('198.51.112.1');
    expect(rows).toHaveLength(2);
    const [consented, hashedDay2] = rows;
    expect(hashedDay2!.visitor_id).not.toBe(consented!.visitor_id);
    expect(consented!.pageviews).toBe(3);
    expect(hashedDay2!.pageviews).toBe(1);
    const keys = srv.deps.db.prepare('SELECT kind, key FROM visitors WHERE id = ?').get(consented!.visitor_id);
    expect(keys).toEqual({ kind: 'consent', key: 'c:consent_ABC12345' });
  });

  it('keep only the salts of today and yesterday', () => {
    const days = srv.deps.db.prepare('SELECT day FROM daily_salts ORDER BY day').pluck().all();
    expect(days).toEqual(['2026-03-11', '2026-03-12']);
  });
});

describe('bots', () => {
  it.each([
    ['Googlebot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
    ['HeadlessChrome', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36'],
  ])('%s gets a 202 like anyone, is counted for the day, and leaves no visit', async (_name, ua) => {
    const day = new Date(now).toISOString().slice(0, 10);
    const hits = () => (srv.deps.db.prepare('SELECT hits FROM bot_counts WHERE site_id = ? AND day = ?').pluck().get(acct.siteId, day) as number | undefined) ?? 0;
    const before = hits();
    const res = await hit('198.51.120.1', {}, { 'user-agent': ua });
    expect(res.status).toBe(202);
    expect(hits()).toBe(before + 1);
    expect(sessionsOf('198.51.120.1')).toHaveLength(0);
  });

  it('an empty user agent is a bot too', async () => {
    const res = await rawRequest(srv.url, {
      headers: { 'content-type': 'text/plain', 'x-forwarded-for': '198.51.121.1' },
      chunks: [Buffer.from(JSON.stringify({ site: acct.siteKey, url: 'https://example.com/' }))],
    });
    expect('status' in res && res.status).toBe(202);
    expect(sessionsOf('198.51.121.1')).toHaveLength(0);
  });
});

describe('the raw IP', () => {
  it('is never written: not in any row, not anywhere in the database files, identification included', async () => {
    const tmp = tempDir();
    const own = await startTestServer({ dataDir: tmp.dir, config: { trustedProxies: ['127.0.0.1'] } });
    try {
      const a = await seedAccount(own.deps, { domains: ['example.com'] });
      const seen: string[] = [];
      own.deps.bus.on('session-started', (e) => seen.push(e.ip));
      const send = (body: Record<string, unknown>, ua?: string) =>
        collect(own.url, { site: a.siteKey, url: 'https://example.com/p', ...body }, { 'x-forwarded-for': '192.0.2.219', ...(ua ? { 'user-agent': ua } : {}) });
      expect((await send({ referrer: 'https://www.google.fr/' })).status).toBe(202);
      expect((await send({ type: 'engagement', engagedMs: 1000 })).status).toBe(202);
      expect((await send({}, 'Googlebot/2.1')).status).toBe(202);
      await vi.waitFor(() => expect(seen).toEqual(['192.0.2.219'])); // identification gets it, in memory
    } finally {
      await own.close(); // drains the collector and identification, checkpoints
    }
    const files = fs.readdirSync(tmp.dir).filter((f) => f.startsWith('vigie.db'));
    const bytes = Buffer.concat(files.map((f) => fs.readFileSync(path.join(tmp.dir, f))));
    tmp.cleanup();
    expect(bytes.includes('192.0.2.0/24')).toBe(true); // the search does see what is stored
    expect(bytes.includes('192.0.2.219')).toBe(false);
    expect(bytes.includes(Buffer.from('192.0.2.219', 'utf16le'))).toBe(false);
    expect(bytes.includes(Buffer.from([192, 0, 2, 219]))).toBe(false);
  });
});
