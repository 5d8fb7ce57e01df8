import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BusEvents } from '../../server/bus.js';
import { ipPrefix as prefixOf } from '../../server/identify/ip.js';
import { createIpRule } from '../../server/identify/rules.js';
import { seedAccount, startTestServer, type SeededAccount, type TestServer } from '../helpers/server.js';
import { collect } from './collect-helpers.js';

/*
 * The whole app on a real server and SQLite file, with the collector acknowledging every hit once
 * it is in the intake log (VIGIE_INTAKE_LOG_ABOVE=0): the events, sessions and identification must
 * come out as they do when hits are written straight.
 */
let srv: TestServer;
let acct: SeededAccount;
let closed = false;
let acmeId: string;
const started: Array<BusEvents['session-started'][0]> = [];

/** One visitor per IP (same browser), each in its own /24; what identification should make of it. */
const VISITORS = [
  { ip: '2.3.1.10', expect: 'acme' }, // Orange's space, but a manual rule names the company
  { ip: '2.3.2.11', expect: 'acme' },
  { ip: '2.3.3.12', expect: 'acme' },
  { ip: '2.5.1.13', expect: 'isp' }, // Orange, no rule: an ISP
  { ip: '2.5.2.14', expect: 'isp' },
  { ip: '62.147.1.15', expect: 'isp' }, // Free SAS
  { ip: '62.147.2.16', expect: 'isp' },
  { ip: '37.160.1.17', expect: 'mobile' }, // Free Mobile
  { ip: '37.161.1.18', expect: 'mobile' },
  { ip: '138.21.1.19', expect: 'renault' }, // RENAULT SAS's own network
  { ip: '138.21.2.20', expect: 'renault' },
  { ip: '138.21.3.21', expect: 'renault' },
] as const;
const PER_VISITOR = 25;
/** The /24 a session keeps of its visitor's IP. */
const ipPrefix = (ip: string): string => prefixOf(ip)!;
const TOTAL = VISITORS.length * PER_VISITOR;

beforeAll(async () => {
  srv = await startTestServer({ config: { trustedProxies: ['127.0.0.1'], intakeLogAbove: 0 } });
  acct = await seedAccount(srv.deps, { domains: ['example.com'] });
  const rule = createIpRule(srv.deps.db, acct.orgId, { cidr: '2.3.0.0/16', action: 'company', company: { name: 'Acme', domain: 'acme.fr' }, note: '' }, Date.now());
  acmeId = rule.companyId!;
  // Listening before any hit is sent: every session opened, from the log or not, is heard.
  srv.deps.bus.on('session-started', (e) => started.push(e));
});
afterAll(async () => {
  if (!closed) await srv.close();
});

const db = () => srv.deps.db;
const count = (sql: string, ...params: unknown[]) => db().prepare(sql).pluck().get(...params) as number;

type Health = { status: string; components: Record<string, { status: string; detail?: string }> };
const health = async (): Promise<Health> => (await (await fetch(`${srv.url}/health`)).json()) as Health;

describe('collector through the intake log (real server, every hit through the log)', () => {
  const statuses: number[] = [];

  it('acknowledges a few hundred pageviews from several visitors, and each becomes exactly one event', async () => {
    const queue = VISITORS.flatMap((v, vi) => Array.from({ length: PER_VISITOR }, (_, n) => ({ ip: v.ip, path: `/p/${vi}/${n}` })));
    // Interleave the visitors, 16 requests in flight.
    queue.sort((a, b) => Number(a.path.split('/')[3]) - Number(b.path.split('/')[3]) || a.path.localeCompare(b.path));
    let next = 0;
    const lane = async () => {
      while (next < queue.length) {
        const q = queue[next++]!;
        const res = await collect(srv.url, { site: acct.siteKey, url: `https://example.com${q.path}`, title: 'Page' }, { 'x-forwarded-for': q.ip });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
    };
    await Promise.all(Array.from({ length: 16 }, lane));
    expect(statuses).toHaveLength(TOTAL);
    expect(statuses.every((s) => s === 202)).toBe(true);

    await vi.waitFor(
      () => {
        expect(count('SELECT count(*) FROM hit_log')).toBe(0);
        expect(count('SELECT count(*) FROM events WHERE org_id = ?', acct.orgId)).toBe(TOTAL);
      },
      { timeout: 20_000, interval: 50 },
    );
    const perPath = db().prepare('SELECT path, count(*) AS n FROM events WHERE org_id = ? GROUP BY path').all(acct.orgId) as Array<{ path: string; n: number }>;
    expect(perPath).toHaveLength(TOTAL);
    expect(perPath.filter((r) => r.n !== 1)).toEqual([]);
    expect(new Set(perPath.map((r) => r.path))).toEqual(new Set(queue.map((q) => q.path)));
  }, 60_000);

  it('opens one session per visitor with its pageviews counted', async () => {
    await vi.waitFor(
      () => {
        const rows = db().prepare('SELECT ip_prefix, pageviews FROM sessions WHERE org_id = ? ORDER BY ip_prefix').all(acct.orgId);
        expect(rows).toEqual(VISITORS.map((v) => ({ ip_prefix: ipPrefix(v.ip), pageviews: PER_VISITOR })).sort((a, b) => a.ip_prefix.localeCompare(b.ip_prefix)));
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(count('SELECT count(*) FROM visitors WHERE org_id = ?', acct.orgId)).toBe(VISITORS.length);
    // Each session's events are its visitor's pages, all in it.
    for (const [i, v] of VISITORS.entries()) {
      const paths = db().prepare('SELECT e.path FROM events e JOIN sessions s ON s.id = e.session_id WHERE s.org_id = ? AND s.ip_prefix = ?').pluck().all(acct.orgId, ipPrefix(v.ip)) as string[];
      expect(paths.sort()).toEqual(Array.from({ length: PER_VISITOR }, (_, n) => `/p/${i}/${n}`).sort());
    }
  });

  it('announces each session opened from the log once, with the raw IP of its visitor', async () => {
    await vi.waitFor(() => expect(started).toHaveLength(VISITORS.length), { timeout: 10_000 });
    const sessions = db().prepare('SELECT id, visitor_id, ip_prefix, started_at FROM sessions WHERE org_id = ?').all(acct.orgId) as Array<{ id: number; visitor_id: number; ip_prefix: string; started_at: number }>;
    expect(new Set(started.map((e) => e.sessionId)).size).toBe(VISITORS.length);
    for (const s of sessions) {
      const heard = started.filter((e) => e.sessionId === s.id);
      const visitor = VISITORS.find((v) => ipPrefix(v.ip) === s.ip_prefix)!;
      expect(heard).toEqual([
        { orgId: acct.orgId, siteId: acct.siteId, sessionId: s.id, visitorId: s.visitor_id, ip: visitor.ip, userAgent: expect.stringContaining('Chrome/124'), at: s.started_at },
      ]);
    }
  });

  it('identifies those sessions from that IP: the manual rule, the company network, the ISP and mobile classes', async () => {
    type Row = { ip_prefix: string; company_id: string | null; network_class: string | null; company: string | null };
    const rows = () =>
      db().prepare(
        'SELECT s.ip_prefix, s.company_id, s.network_class, c.name AS company FROM sessions s LEFT JOIN companies c ON c.id = s.company_id WHERE s.org_id = ?',
      ).all(acct.orgId) as Row[];
    await vi.waitFor(() => expect(rows().every((r) => r.company_id !== null || r.network_class !== null)).toBe(true), { timeout: 10_000, interval: 50 });
    const byPrefix = new Map(rows().map((r) => [r.ip_prefix, r]));
    for (const v of VISITORS) {
      const r = byPrefix.get(ipPrefix(v.ip))!;
      if (v.expect === 'acme') expect(r, v.ip).toMatchObject({ company_id: acmeId, company: 'Acme' });
      else if (v.expect === 'renault') expect(r, v.ip).toMatchObject({ company: 'RENAULT SAS', network_class: null });
      else expect(r, v.ip).toMatchObject({ company_id: null, network_class: v.expect });
    }
    // The visitors carry their company too.
    expect(count('SELECT count(*) FROM visitors WHERE org_id = ? AND company_id = ?', acct.orgId, acmeId)).toBe(3);
  });

  it('lists the intake log in /health, ok with nothing waiting once expanded', async () => {
    await vi.waitFor(
      async () => {
        const h = await health();
        expect(h.components['intake-log']).toEqual({ status: 'ok', since: expect.any(Number) });
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  it('took every hit through the intake log, as its shutdown report says', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    try {
      closed = true;
      await srv.close();
    } finally {
      spy.mockRestore();
    }
    const report = lines.find((l) => l.includes('straight to their tables'));
    expect(report).toContain(`${TOTAL} hits written`);
    expect(report).toContain(`(0 straight to their tables, ${TOTAL} through the intake log`);
  });
});
