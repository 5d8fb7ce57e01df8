import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, seedAccount, startTestServer, type SeededAccount, type TestServer } from '../helpers/server.js';
import { scoringFor } from '../../server/scoring/service.js';
import { DEFAULT_RULES } from '../../server/scoring/rules.js';
import type { RulesReply, ScoreView, RescoreJob, ScoringRules } from '../../server/schemas/scoring.js';
import { company, DAY, putInList, visit } from './companies-fixtures.js';

let now = Date.parse('2025-06-15T12:00:00Z');
let srv: TestServer;
let acct: SeededAccount;
let h: Record<string, string>;
let hot: string;
let rival: string;

const get = async <T>(path: string, headers = h) => {
  const res = await fetch(`${srv.url}${path}`, { headers });
  return { status: res.status, body: (await res.json()) as T };
};
const send = async <T>(method: string, path: string, body?: unknown) => {
  const res = await fetch(`${srv.url}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
};
const sum = (s: ScoreView) => s.lines.reduce((a, l) => a + l.points, 0);
const flush = () => scoringFor(srv.deps).flush();

beforeAll(async () => {
  srv = await startTestServer({ clock: () => now });
  acct = await seedAccount(srv.deps);
  h = await login(srv.url, acct.email, acct.password);
  const { db } = srv.deps;
  hot = company(db, acct.orgId, { name: 'Acme Industrie', domain: 'acme-industrie.fr', country: 'FR', confidence: 0.9 }, now);
  visit(db, acct.orgId, acct.siteId, { at: now - 6 * DAY, paths: ['/', '/produit', '/blog/x'], companyId: hot, engagedMs: 200_000 });
  visit(db, acct.orgId, acct.siteId, { at: now - 2 * DAY, paths: ['/', '/pricing', '/pricing/pme', '/produit'], companyId: hot, engagedMs: 300_000, utmSource: 'linkedin' });
  rival = company(db, acct.orgId, { name: 'Concurrent SA', domain: 'concurrent.fr', country: 'FR', confidence: 0.9 }, now);
  putInList(db, acct.orgId, rival, 'concurrent-default');
  for (const d of [1, 3, 5]) visit(db, acct.orgId, acct.siteId, { at: now - d * DAY, paths: ['/pricing', '/demo', '/contact', '/tarifs'], companyId: rival, engagedMs: 900_000 });
  flush();
});
afterAll(() => srv.close());

describe('explained score', () => {
  it('explains a hot company with lines that add up to its score', async () => {
    const { status, body } = await get<{ score: ScoreView }>(`/api/scoring/companies/${hot}`);
    expect(status).toBe(200);
    const s = body.score;
    expect(s.temperature).toBe('hot');
    expect(sum(s)).toBe(s.score);
    expect(s.lines).toContainEqual({ kind: 'key-page', ref: '/pricing', count: 2, at: now - 2 * DAY + 60_000 * 2, points: 16 });
    expect(s.lines.find((l) => l.kind === 'category')).toEqual({ kind: 'category', ref: 'prospect', points: 10 });
  });

  it('scores a competitor but flags it hidden', async () => {
    const { body } = await get<{ score: ScoreView }>(`/api/scoring/companies/${rival}`);
    expect(body.score.hidden).toBe(true);
    expect(body.score.lines).toContainEqual({ kind: 'category', ref: 'concurrent', points: -30 });
    expect(body.score.score).toBeGreaterThanOrEqual(70);
  });

  it('applies decay when read: four weeks later the same company has cooled down', async () => {
    const before = (await get<{ score: ScoreView }>(`/api/scoring/companies/${hot}`)).body.score;
    now += 28 * DAY;
    try {
      const after = (await get<{ score: ScoreView }>(`/api/scoring/companies/${hot}`)).body.score;
      expect(after.score).toBeLessThan(before.score);
      expect(after.temperature).not.toBe('hot');
      expect(sum(after)).toBe(after.score);
    } finally {
      now -= 28 * DAY;
      await get(`/api/scoring/companies/${hot}`);
    }
  });
});

describe('periodic decay pass', () => {
  it('cools the companies table down once a decay pass has aged the stored scores', async () => {
    type List = { companies: Array<{ id: string; temperature: string; score: number }> };
    const inTable = async () => (await get<List>('/api/companies?hidden=include&limit=200')).body.companies.find((c) => c.id === hot)!;
    expect((await inTable()).temperature).toBe('hot');
    const jobs = scoringFor(srv.deps).jobs;
    now += 28 * DAY;
    try {
      // The table reads stored scores: only a pass (hourly in production) ages them.
      jobs.start(acct.orgId, 'decay');
      await jobs.idle(acct.orgId);
      expect(jobs.latestFor(acct.orgId)).toMatchObject({ reason: 'decay', state: 'done' });
      const aged = await inTable();
      expect(aged.temperature).not.toBe('hot');
      expect(aged.score).toBe((await get<{ score: ScoreView }>(`/api/scoring/companies/${hot}`)).body.score.score);
    } finally {
      now -= 28 * DAY;
      jobs.start(acct.orgId, 'decay');
      await jobs.idle(acct.orgId);
    }
    expect((await inTable()).temperature).toBe('hot');
  });
});

describe('live updates', () => {
  it('rescores a company when the collector announces new traffic', async () => {
    const { db } = srv.deps;
    const fresh = company(db, acct.orgId, { name: 'Nouvelle Boîte', domain: 'nouvelle-boite.fr', country: 'FR' }, now);
    flush();
    const before = (await get<{ score: ScoreView }>(`/api/scoring/companies/${fresh}`)).body.score;
    const sessionId = visit(db, acct.orgId, acct.siteId, { at: now - 60_000, paths: ['/demo', '/contact'], companyId: fresh });
    srv.deps.bus.emit('traffic-committed', { orgId: acct.orgId, sessionIds: [sessionId], at: now });
    expect(flush()).toBeGreaterThan(0);
    const row = db.prepare('SELECT score, sessions, pageviews FROM company_stats WHERE company_id = ?').get(fresh) as { score: number; sessions: number; pageviews: number };
    expect(row.sessions).toBe(1);
    expect(row.pageviews).toBe(2);
    expect(row.score).toBeGreaterThan(before.score);
    const after = (await get<{ score: ScoreView }>(`/api/scoring/companies/${fresh}`)).body.score;
    expect(after.lines.map((l) => l.ref)).toEqual(expect.arrayContaining(['/demo', '/contact']));
  });

  it('skips traffic of a company that no longer exists (merged away) without failing', () => {
    const { db } = srv.deps;
    const gone = company(db, acct.orgId, { name: 'Fusionnée', domain: 'fusionnee.fr' }, now);
    flush();
    const sessionId = visit(db, acct.orgId, acct.siteId, { at: now - 60_000, paths: ['/'], companyId: gone });
    db.prepare('DELETE FROM companies WHERE id = ?').run(gone);
    srv.deps.bus.emit('traffic-committed', { orgId: acct.orgId, sessionIds: [sessionId], at: now });
    expect(() => flush()).not.toThrow();
    expect(db.prepare('SELECT count(*) FROM company_days WHERE company_id = ?').pluck().get(gone)).toBe(0);
  });

  it('rescores a company moved to another list (fit changes) without any event', async () => {
    const { db } = srv.deps;
    const c = company(db, acct.orgId, { name: 'Bientôt Client', domain: 'bientot.fr', country: 'FR' }, now);
    flush();
    putInList(db, acct.orgId, c, 'hors-cible-default');
    flush();
    const s = (await get<{ score: ScoreView }>(`/api/scoring/companies/${c}`)).body.score;
    expect(s.lines).toContainEqual({ kind: 'category', ref: 'hors-cible', points: -10 });
    const stored = db.prepare('SELECT score, dirty FROM company_stats WHERE company_id = ?').get(c) as { score: number; dirty: number };
    expect(stored).toEqual({ score: s.score, dirty: 0 });
  });
});

describe('live updates without a manual flush', () => {
  it('refreshes the table by itself once the collector announces traffic', async () => {
    const { db } = srv.deps;
    const c = company(db, acct.orgId, { name: 'Temps Réel', domain: 'temps-reel.fr', country: 'FR' }, now);
    const row = () => db.prepare('SELECT sessions, score FROM company_stats WHERE company_id = ?').get(c) as { sessions: number; score: number };
    const sessionId = visit(db, acct.orgId, acct.siteId, { at: now - 30_000, paths: ['/pricing'], companyId: c });
    srv.deps.bus.emit('traffic-committed', { orgId: acct.orgId, sessionIds: [sessionId], at: now });
    // The service's own timer does the work: poll the table until it shows the visit.
    for (let i = 0; i < 200 && row().sessions === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(row().sessions).toBe(1);
    const list = await get<{ companies: Array<{ id: string; visits: number }> }>('/api/companies?q=temps');
    expect(list.body.companies[0]).toMatchObject({ id: c, visits: 1 });
  });

  it('counts a form submission once the lead is stored, but not a pseudo-lead flagged spam', async () => {
    const { db } = srv.deps;
    const c = company(db, acct.orgId, { name: 'Formulaire SA', domain: 'formulaire.fr', country: 'FR' }, now);
    flush();
    db.prepare(`INSERT INTO lead_forms (id, org_id, site_id, name, fields, submit_label, success_message, created_at, updated_at)
      VALUES ('frm_t', ?, ?, 'Contact', '[]', '{}', '{}', ?, ?)`).run(acct.orgId, acct.siteId, now, now);
    const lead = db.prepare(`INSERT INTO leads (id, org_id, site_id, form_id, email, email_domain, quality, company_id, created_at, last_submitted_at, updated_at)
      VALUES (?, ?, ?, 'frm_t', ?, 'formulaire.fr', ?, ?, ?, ?, ?)`);
    lead.run('lead_spam', acct.orgId, acct.siteId, 'x@formulaire.fr', 'spam', c, now - DAY, now - DAY, now);
    srv.deps.bus.emit('lead-stored', { orgId: acct.orgId, leadId: 'lead_spam', companyId: c, at: now });
    flush();
    let s = (await get<{ score: ScoreView }>(`/api/scoring/companies/${c}`)).body.score;
    expect(s.lines.some((l) => l.kind === 'forms')).toBe(false);
    lead.run('lead_ok', acct.orgId, acct.siteId, 'marie@formulaire.fr', 'valid', c, now - DAY, now - DAY, now);
    srv.deps.bus.emit('lead-stored', { orgId: acct.orgId, leadId: 'lead_ok', companyId: c, at: now });
    flush();
    s = (await get<{ score: ScoreView }>(`/api/scoring/companies/${c}`)).body.score;
    expect(s.lines.find((l) => l.kind === 'forms')).toMatchObject({ count: 1, points: 24, at: now - DAY });
  });
});

describe('rules', () => {
  it('starts from the defaults', async () => {
    const { body } = await get<RulesReply>('/api/scoring/rules');
    expect(body.version).toBe(0);
    expect(body.rules.halfLifeDays).toBe(14);
    expect(body.rules.thresholds).toEqual({ hot: 70, warm: 40 });
  });

  it('names the field of an invalid rule set and keeps the old rules', async () => {
    const bad: ScoringRules = { ...DEFAULT_RULES, thresholds: { hot: 40, warm: 60 } };
    const res = await send<{ error: { field: string } }>('PUT', '/api/scoring/rules', { rules: bad });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('rules.thresholds.warm');
    const pattern = await send<{ error: { field: string } }>('PUT', '/api/scoring/rules', {
      rules: { ...DEFAULT_RULES, engagement: { ...DEFAULT_RULES.engagement, keyPages: [{ pattern: 'pricing', points: 5 }] } },
    });
    expect(pattern.body.error.field).toBe('rules.engagement.keyPages.0.pattern');
    expect((await get<RulesReply>('/api/scoring/rules')).body.version).toBe(0);
  });

  it('rescores every company after a change, with progress, all on the new version', async () => {
    const rules: ScoringRules = {
      ...DEFAULT_RULES,
      engagement: { ...DEFAULT_RULES.engagement, keyPages: [...DEFAULT_RULES.engagement.keyPages, { pattern: '/produit', label: 'fiche produit', points: 30 }] },
    };
    const put = await send<RulesReply>('PUT', '/api/scoring/rules', { rules });
    expect(put.status).toBe(200);
    expect(put.body.version).toBe(1);
    const job = put.body.job!;
    expect(job.state).toBe('running');
    await scoringFor(srv.deps).jobs.idle(acct.orgId);
    const done = (await get<{ job: RescoreJob }>(`/api/scoring/jobs/${job.id}`)).body.job;
    expect(done).toMatchObject({ state: 'done', rulesVersion: 1 });
    expect(done.done).toBe(done.total);
    const versions = srv.deps.db.prepare('SELECT DISTINCT rules_version FROM company_scores WHERE org_id = ?').pluck().all(acct.orgId);
    expect(versions).toEqual([1]);
    const s = (await get<{ score: ScoreView }>(`/api/scoring/companies/${hot}`)).body.score;
    expect(s.lines.find((l) => l.ref === '/produit')).toMatchObject({ label: 'fiche produit' });
    await send('PUT', '/api/scoring/rules', { rules: DEFAULT_RULES });
    await scoringFor(srv.deps).jobs.idle(acct.orgId);
  });
});

describe('manual tags', () => {
  it('gives the points a rule sets for a tag put on the company by hand', async () => {
    const rules: ScoringRules = { ...DEFAULT_RULES, fit: { ...DEFAULT_RULES.fit, tags: { abm: 15 } } };
    await send('PUT', '/api/scoring/rules', { rules });
    await scoringFor(srv.deps).jobs.idle(acct.orgId);
    const before = (await get<{ score: ScoreView }>(`/api/scoring/companies/${rival}`)).body.score;
    const res = await send<{ company: { tags: string[] }; score: ScoreView }>('PUT', `/api/companies/${rival}/tags`, { tags: ['ABM', 'abm', 'salon 2025'] });
    expect(res.status).toBe(200);
    expect(res.body.company.tags).toEqual(['abm', 'salon 2025']);
    expect(res.body.score.lines).toContainEqual({ kind: 'tag', ref: 'abm', points: 15 });
    expect(res.body.score.computedScore).toBe(Math.min(100, before.computedScore + 15));
    const bad = await send<{ error: { field: string } }>('PUT', `/api/companies/${rival}/tags`, { tags: ['<script>'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('tags.0');
    await send('PUT', `/api/companies/${rival}/tags`, { tags: [] });
    await send('PUT', '/api/scoring/rules', { rules: DEFAULT_RULES });
    await scoringFor(srv.deps).jobs.idle(acct.orgId);
  });
});

describe('manual override', () => {
  it('pins a score with a reason, shows it, sorts by it, and removes it', async () => {
    const { db } = srv.deps;
    const c = company(db, acct.orgId, { name: 'Salon Lead', domain: 'salon-lead.fr' }, now);
    flush();
    const pinned = await send<{ score: ScoreView }>('PUT', `/api/scoring/companies/${c}/pin`, { score: 95, reason: 'Rencontré au salon' });
    expect(pinned.status).toBe(200);
    expect(pinned.body.score).toMatchObject({ score: 95, temperature: 'hot', pin: { score: 95, reason: 'Rencontré au salon' } });
    expect(sum(pinned.body.score)).toBe(95);
    expect(pinned.body.score.lines.at(-1)).toMatchObject({ kind: 'pin', ref: 'Rencontré au salon' });
    const list = await get<{ companies: Array<{ id: string; score: number; pinned: boolean }> }>('/api/companies?sort=score&limit=1');
    expect(list.body.companies[0]).toMatchObject({ id: c, score: 95, pinned: true });
    const removed = await send<{ score: ScoreView }>('DELETE', `/api/scoring/companies/${c}/pin`);
    expect(removed.body.score.pin).toBeNull();
    expect(removed.body.score.score).toBe(removed.body.score.computedScore);
    expect(removed.body.score.lines.some((l) => l.kind === 'pin')).toBe(false);
  });

  it('pins a temperature alone', async () => {
    const res = await send<{ score: ScoreView }>('PUT', `/api/scoring/companies/${rival}/pin`, { temperature: 'cold', reason: 'Concurrent direct' });
    expect(res.body.score.temperature).toBe('cold');
    const row = srv.deps.db.prepare('SELECT temperature FROM company_stats WHERE company_id = ?').pluck().get(rival);
    expect(row).toBe('cold');
    await send('DELETE', `/api/scoring/companies/${rival}/pin`);
  });

  it('requires a reason and a score or a temperature', async () => {
    const noReason = await send<{ error: { field: string } }>('PUT', `/api/scoring/companies/${hot}/pin`, { score: 50 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.field).toBe('reason');
    const nothing = await send<{ error: { field: string } }>('PUT', `/api/scoring/companies/${hot}/pin`, { reason: 'x' });
    expect(nothing.body.error.field).toBe('score');
    const outOfRange = await send<{ error: { field: string } }>('PUT', `/api/scoring/companies/${hot}/pin`, { score: 101, reason: 'x' });
    expect(outOfRange.body.error.field).toBe('score');
  });
});

describe('tenancy', () => {
  it("answers another organisation's company exactly like a missing one", async () => {
    const other = await seedAccount(srv.deps);
    const oh = await login(srv.url, other.email, other.password);
    const theirs = await fetch(`${srv.url}/api/scoring/companies/${hot}`, { headers: oh });
    const missing = await fetch(`${srv.url}/api/scoring/companies/cmp_missing`, { headers: oh });
    expect(theirs.status).toBe(404);
    expect(await theirs.text()).toBe(await missing.text());
    const pin = await fetch(`${srv.url}/api/scoring/companies/${hot}/pin`, { method: 'PUT', headers: oh, body: JSON.stringify({ score: 1, reason: 'x' }) });
    expect(pin.status).toBe(404);
    const job = (await get<RulesReply>('/api/scoring/rules')).body.job!;
    expect((await fetch(`${srv.url}/api/scoring/jobs/${job.id}`, { headers: oh })).status).toBe(404);
    const tags = await fetch(`${srv.url}/api/companies/${hot}/tags`, { method: 'PUT', headers: oh, body: JSON.stringify({ tags: ['x'] }) });
    expect(tags.status).toBe(404);
  });
});
