import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { openDb, type Db } from '../server/db/open.js';
import { newId } from '../server/db/ids.js';
import { generatePassword, hashPassword } from '../server/auth/password.js';
import { createOrganisation, createSite, createUser, listSites } from '../server/orgs/repo.js';
import { nameKey } from '../server/companies/normalize.js';
import { rebuildAllAggregates } from '../server/scoring/aggregates.js';
import { rescoreAll } from '../server/scoring/rescore.js';
import { rollupEvents, rollupSessions, SESSION_SETTLE_MS } from '../server/companies/rollups.js';
import { COUNTRIES, DEVICES, LIST_SHARES, UNIDENTIFIED, companyOf, pathOf, pick, prng, sourceOf, visitTime, weighted } from './seed-data.js';

export type SeedOptions = { companies: number; pageviews: number; days: number; seed: number; orgId?: string; now?: number; log?: (s: string) => void };
export type SeedResult = { orgId: string; siteId: string; companies: number; sessions: number; pageviews: number; login: { email: string; password: string } | null; timings: Record<string, number> };

const BATCH = 20_000;

/** The organisation to fill: the one named, else the first one if it has no companies yet, else a new one with its own admin. */
async function targetOrg(db: Db, orgId: string | undefined, now: number): Promise<{ orgId: string; login: SeedResult['login'] }> {
  if (orgId) {
    if (!db.prepare('SELECT 1 FROM organisations WHERE id = ?').get(orgId)) throw new Error(`no organisation ${orgId}`);
    return { orgId, login: null };
  }
  const first = db.prepare('SELECT id FROM organisations ORDER BY created_at, rowid LIMIT 1').pluck().get() as string | undefined;
  if (first && !db.prepare('SELECT 1 FROM companies WHERE org_id = ? LIMIT 1').get(first)) return { orgId: first, login: null };
  const org = createOrganisation(db, 'Démo Vigie (données générées)', now);
  const email = `demo-${org.id.slice(-6).toLowerCase()}@vigie.local`;
  const password = generatePassword();
  createUser(db, org.id, { email, name: 'Démo', passwordHash: await hashPassword(password) }, now);
  return { orgId: org.id, login: { email, password } };
}

function insertCompanies(db: Db, orgId: string, n: number, rnd: () => number, now: number): { ids: string[]; countries: string[] } {
  const lists = new Map((db.prepare('SELECT name, id FROM lists WHERE org_id = ?').all(orgId) as Array<{ name: string; id: string }>).map((l) => [l.name, l.id]));
  const company = db.prepare(
    `INSERT INTO companies (id, org_id, name, name_key, domain, siren, country, list_id, best_source, best_confidence, tags, first_seen_at, last_seen_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?)`,
  );
  const evidence = db.prepare('INSERT INTO company_evidence (org_id, company_id, source, matched_value, confidence, detail, session_id, seen_at) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?)');
  const move = db.prepare("INSERT INTO list_moves (org_id, company_id, from_list_id, to_list_id, actor, actor_id, reason, at) VALUES (?, ?, NULL, ?, 'identification', NULL, 'new company', ?)");
  const ids: string[] = [];
  const countries: string[] = [];
  const offset = db.prepare('SELECT count(*) FROM companies').pluck().get() as number;
  for (let start = 0; start < n; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(n, start + BATCH); i++) {
        const country = weighted(rnd, COUNTRIES);
        const c = companyOf(rnd, offset + i, country);
        const id = newId('cmp');
        const listId = lists.get(weighted(rnd, LIST_SHARES)) ?? lists.get('prospect-default')!;
        const source = weighted(rnd, [['asn_table', 50], ['maxmind', 20], ['rdns', 20], ['form_email', 10]] as const);
        const confidence = source === 'form_email' ? 0.95 : Math.round((0.3 + rnd() * 0.6) * 100) / 100;
        const created = now - Math.floor(rnd() * 90 * 86_400_000);
        company.run(id, orgId, c.name, nameKey(c.name), c.domain, country === 'FR' ? c.siren : null, country, listId, source, confidence, created, created, created);
        evidence.run(orgId, id, source, source === 'rdns' ? `proxy.${c.domain}` : source === 'form_email' ? c.domain : '192.0.2.0/24', confidence, created);
        move.run(orgId, id, listId, created);
        ids.push(id);
        countries.push(country);
      }
    })();
  }
  return { ids, countries };
}

function insertTraffic(db: Db, orgId: string, siteId: string, { ids: companyIds, countries }: { ids: string[]; countries: string[] }, opts: SeedOptions, rnd: () => number, now: number): { sessions: number; pageviews: number } {
  // Activity follows a long tail: a few companies visit a lot, most once or twice; 15% are "in market".
  const weights = new Float64Array(companyIds.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) weights[i] = total += Math.pow(rnd(), -0.9) - 0.9;
  const engaged = new Uint8Array(companyIds.length).map(() => (rnd() < 0.15 ? 1 : 0));
  const drawCompany = () => {
    const r = rnd() * total;
    let lo = 0, hi = weights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (weights[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const nextId = (t: string) => ((db.prepare(`SELECT max(id) FROM ${t}`).pluck().get() as number | null) ?? 0) + 1;
  let visitorId = nextId('visitors'), sessionId = nextId('sessions'), eventId = nextId('events');
  const visitor = db.prepare("INSERT INTO visitors (id, org_id, site_id, kind, key, first_seen, last_seen, company_id) VALUES (?, ?, ?, 'hash', ?, ?, ?, ?)");
  const session = db.prepare(
    `INSERT INTO sessions (id, org_id, site_id, visitor_id, started_at, last_seen_at, entry_url, referrer, referrer_host, utm_source, utm_medium, utm_campaign,
       ip_prefix, country, browser, os, device, language, screen_width, pageviews, engaged_ms, company_id, network_class)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const event = db.prepare("INSERT INTO events (id, org_id, site_id, session_id, type, ts, url, path, title, referrer) VALUES (?, ?, ?, ?, 'pageview', ?, ?, ?, ?, ?)");
  let pageviews = 0, sessions = 0, s = 0;
  while (pageviews < opts.pageviews) {
    db.transaction(() => {
      for (let k = 0; k < BATCH / 4 && pageviews < opts.pageviews; k++, s++) {
        // Every company visits at least once; then 65% of sessions are identified, the rest stay anonymous with their reason.
        const ci = s < companyIds.length ? s : rnd() < 0.65 ? drawCompany() : -1;
        const companyId = ci >= 0 ? companyIds[ci]! : null;
        const hot = ci >= 0 && engaged[ci] === 1;
        const live = s % 50_000 === 7;
        let started = live ? now - Math.floor(rnd() * 240_000) : hot && rnd() < 0.5 ? visitTime(rnd, now, 14) : visitTime(rnd, now, opts.days);
        const n = Math.min(opts.pageviews - pageviews, 1 + Math.floor(-Math.log(1 - rnd()) * (hot ? 5 : 2.6)));
        const src = sourceOf(rnd);
        const [browser, os, device] = weighted(rnd, DEVICES);
        const gaps = Array.from({ length: n - 1 }, () => 10_000 + Math.floor(rnd() * 170_000));
        // A session that started a moment ago must not run past now ("in 8 minutes" in the table): it starts earlier instead.
        started = Math.min(started, now - 10_000 - gaps.reduce((a, b) => a + b, 0));
        let t = started;
        const paths: Array<[string, number]> = [];
        for (let p = 0; p < n; p++) {
          paths.push([p === 0 && rnd() < 0.5 ? '/' : pathOf(rnd, hot), t]);
          if (p < n - 1) t += gaps[p]!;
        }
        const engagedMs = Math.floor((t - started) * 0.7 + n * 15_000);
        const country = ci >= 0 ? countries[ci]! : weighted(rnd, COUNTRIES);
        visitor.run(visitorId, orgId, siteId, `h:seed${visitorId}`, started, t, companyId);
        session.run(sessionId, orgId, siteId, visitorId, started, t + 10_000, `https://www.example.fr${paths[0]![0]}`, src.referrer, src.referrerHost,
          src.utmSource, src.utmMedium, src.utmCampaign, `198.51.${Math.floor(rnd() * 255)}.0/24`, country, browser, os, device,
          country === 'FR' ? 'fr-FR' : 'en-US', device === 'mobile' ? 390 : 1440, n, engagedMs, companyId, companyId ? null : weighted(rnd, UNIDENTIFIED));
        let prev: string | null = src.referrer;
        for (const [path, ts] of paths) {
          const url = `https://www.example.fr${path}`;
          event.run(eventId++, orgId, siteId, sessionId, ts, url, path, pick(rnd, ['Vigie', 'Accueil', 'Produit', 'Article']) + ` – ${path}`, prev);
          prev = url;
        }
        visitorId++;
        sessionId++;
        sessions++;
        pageviews += n;
      }
    })();
  }
  return { sessions, pageviews };
}

/**
 * A company is identified at its first visit: its first/last seen times, its evidence and its
 * "new company" audit row follow its generated sessions (the company page would otherwise say
 * "first seen" after visits it lists).
 */
function alignSeenTimes(db: Db, orgId: string): void {
  db.transaction(() => {
    db.exec('CREATE TEMP TABLE seed_seen (company_id TEXT PRIMARY KEY, first INTEGER, last INTEGER) WITHOUT ROWID');
    db.prepare(`INSERT INTO seed_seen SELECT company_id, min(started_at), max(last_seen_at) FROM sessions
      WHERE org_id = ? AND company_id IS NOT NULL GROUP BY company_id`).run(orgId);
    db.prepare(`UPDATE companies SET first_seen_at = s.first, created_at = s.first, last_seen_at = s.last
      FROM seed_seen s WHERE companies.org_id = ? AND companies.id = s.company_id`).run(orgId);
    db.prepare('UPDATE company_evidence SET seen_at = s.first FROM seed_seen s WHERE company_evidence.org_id = ? AND company_evidence.company_id = s.company_id').run(orgId);
    db.prepare("UPDATE list_moves SET at = s.first FROM seed_seen s WHERE list_moves.org_id = ? AND list_moves.company_id = s.company_id AND list_moves.from_list_id IS NULL").run(orgId);
    db.exec('DROP TABLE seed_seen');
  })();
}

/**
 * Fills an organisation with realistic synthetic data (companies across lists with domains,
 * SIRENs and countries; sessions with UTM sources and referrers; pageviews on a B2B site's paths
 * over `days`), then builds the aggregates and scores as the live system would have.
 */
export async function seed(db: Db, opts: SeedOptions): Promise<SeedResult> {
  const log = opts.log ?? (() => {});
  const now = opts.now ?? Date.now();
  const rnd = prng(opts.seed);
  const timings: Record<string, number> = {};
  const step = <T>(name: string, fn: () => T): T => {
    const t0 = performance.now();
    const r = fn();
    timings[name] = Math.round(performance.now() - t0);
    log(`  ${name}: ${(timings[name] / 1000).toFixed(1)} s`);
    return r;
  };
  const { orgId, login } = await targetOrg(db, opts.orgId, now);
  const siteId = listSites(db, orgId)[0]?.id ?? createSite(db, orgId, { name: 'Site vitrine', domains: ['www.example.fr', 'example.fr'] }, now).id;
  db.pragma('synchronous = OFF');
  try {
    const companies = step('companies', () => insertCompanies(db, orgId, opts.companies, rnd, now));
    const traffic = step('sessions and pageviews', () => insertTraffic(db, orgId, siteId, companies, opts, rnd, now));
    step('first and last seen', () => alignSeenTimes(db, orgId));
    step('aggregates', () => rebuildAllAggregates(db, orgId));
    step('scores', () => rescoreAll(db, orgId, now));
    // Generated sessions are not in start-time order: roll them all up as if they had settled.
    step('overview roll-ups', () => {
      while (rollupEvents(db, 500_000) > 0);
      while (rollupSessions(db, now + SESSION_SETTLE_MS + 1, 500_000) > 0);
    });
    step('analyze', () => db.exec('ANALYZE'));
    return { orgId, siteId, companies: companies.ids.length, ...traffic, login, timings };
  } finally {
    db.pragma('synchronous = NORMAL');
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      companies: { type: 'string', default: '1000' },
      pageviews: { type: 'string', default: '20000' },
      days: { type: 'string', default: '90' },
      seed: { type: 'string', default: '7' },
      org: { type: 'string' },
      db: { type: 'string' },
    },
  });
  const num = (name: string, v: string | undefined, min: number, max: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer between ${min} and ${max}`);
    return n;
  };
  const opts: SeedOptions = {
    companies: num('companies', values.companies, 1, 2_000_000),
    pageviews: num('pageviews', values.pageviews, 1, 100_000_000),
    days: num('days', values.days, 1, 3650),
    seed: num('seed', values.seed, 0, 2 ** 31),
    orgId: values.org,
    log: (s) => console.log(s),
  };
  const file = values.db ?? loadConfig().dbPath;
  console.log(`[seed] ${opts.companies} companies, ${opts.pageviews} pageviews over ${opts.days} days into ${file}`);
  const db = openDb(file);
  const t0 = performance.now();
  const r = await seed(db, opts);
  db.close();
  console.log(`[seed] done in ${((performance.now() - t0) / 1000).toFixed(1)} s: organisation ${r.orgId}, ${r.companies} companies, ${r.sessions} sessions, ${r.pageviews} pageviews`);
  if (r.login) console.log(`[seed] log in with ${r.login.email} / ${r.login.password} (shown once)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error('[seed] failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
