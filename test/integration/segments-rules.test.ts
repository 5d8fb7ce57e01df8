import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/open.js';
import { createList } from '../../server/segments/lists.js';
import { moveCompanies } from '../../server/segments/moves.js';
import { createRule } from '../../server/segments/rules/repo.js';
import { applyRulesToAll, applyRulesToCompany } from '../../server/segments/rules/apply.js';
import { applyImport } from '../../server/segments/imports/apply.js';
import { companyMoves } from '../../server/segments/audit.js';
import { createSite } from '../../server/orgs/repo.js';
import { zRuleInput, type RuleCondition } from '../../server/schemas/segments.js';
import { seedAccount, startTestServer } from '../helpers/server.js';
import { CSV_HEADER, freshOrg, identify, listIdOf, listOf, stage, type SegOrg, oneListPerCompanyViolations } from './segments-helpers.js';

let o: SegOrg;
let target: string;
let siteId: string;
beforeEach(() => {
  o = freshOrg();
  target = createList(o.db, o.orgId, 'hors-cible', 'regles').id;
  siteId = createSite(o.db, o.orgId, { name: 's', domains: ['example.com'] }).id;
});
afterEach(() => {
  expect(oneListPerCompanyViolations(o.db)).toBe(0);
  o.cleanup();
});

let visitor = 0;
/** A session attributed to the company, with its pageviews, as the collector and identification write them. */
function visit(db: Db, orgId: string, site: string, companyId: string, v: { paths?: string[]; utm?: string; networkClass?: string } = {}) {
  const sid = db
    .prepare(
      `INSERT INTO sessions (org_id, site_id, visitor_id, started_at, last_seen_at, entry_url, ip_prefix, utm_source, company_id, network_class, pageviews)
       VALUES (?, ?, ?, 1, 1, 'https://example.com/', '192.0.2.0/24', ?, ?, ?, ?)`,
    )
    .run(orgId, site, ++visitor, v.utm ?? null, companyId, v.networkClass ?? null, v.paths?.length ?? 0).lastInsertRowid as number;
  for (const p of v.paths ?? []) {
    db.prepare("INSERT INTO events (org_id, site_id, session_id, type, ts, url, path) VALUES (?, ?, ?, 'pageview', 1, ?, ?)").run(orgId, site, sid, `https://example.com${p}`, p);
  }
  return sid;
}

const rule = (conditions: RuleCondition[], name = 'r', listId = target) => createRule(o.db, o.orgId, { name, listId, conditions, enabled: true });
const holds = (conditions: RuleCondition[], companyId: string) => {
  o.db.prepare('DELETE FROM segment_rules').run();
  rule(conditions);
  moveCompanies(o.db, o.orgId, [companyId], listIdOf(o.db, o.orgId, 'prospect-default'), { type: 'user', id: null });
  return applyRulesToCompany(o.db, o.orgId, companyId) === target;
};

describe('rule conditions', () => {
  it('accepts only the network classes identification stores (typed text would never match)', () => {
    const rule = (value: string) => zRuleInput.safeParse({ name: 'r', listId: 'lst_x', conditions: [{ field: 'networkClass', op: 'equals', value }] });
    expect(rule('government').success).toBe(true);
    expect(rule('company').success).toBe(true);
    const typed = rule('Administration');
    expect(typed.success).toBe(false);
    expect(typed.error?.issues[0]?.path).toEqual(['conditions', 0, 'value']);
  });

  it('tests domain equals / ends with, name, country, network class, pages, UTM source and visit count', () => {
    const c = identify(o.db, o.orgId, { name: 'Ministère de l’Intérieur', domain: 'interieur.gouv.fr', country: 'FR' });
    visit(o.db, o.orgId, siteId, c.id, { paths: ['/tarifs', '/blog/x'], utm: 'LinkedIn', networkClass: 'government' });
    visit(o.db, o.orgId, siteId, c.id);
    expect(holds([{ field: 'domain', op: 'equals', value: 'www.interieur.gouv.fr' }], c.id)).toBe(true);
    expect(holds([{ field: 'domain', op: 'equals', value: 'gouv.fr' }], c.id)).toBe(false);
    expect(holds([{ field: 'domain', op: 'endsWith', value: '.gouv.fr' }], c.id)).toBe(true);
    expect(holds([{ field: 'domain', op: 'endsWith', value: 'ouv.fr' }], c.id)).toBe(false);
    expect(holds([{ field: 'name', op: 'contains', value: 'ministere' }], c.id)).toBe(true);
    expect(holds([{ field: 'name', op: 'equals', value: 'ministere' }], c.id)).toBe(false);
    expect(holds([{ field: 'country', op: 'equals', value: 'fr' }], c.id)).toBe(true);
    expect(holds([{ field: 'country', op: 'equals', value: 'BE' }], c.id)).toBe(false);
    expect(holds([{ field: 'networkClass', op: 'equals', value: 'government' }], c.id)).toBe(true);
    expect(holds([{ field: 'pageVisited', op: 'equals', value: '/tarifs' }], c.id)).toBe(true);
    expect(holds([{ field: 'pageVisited', op: 'contains', value: '/blog' }], c.id)).toBe(true);
    expect(holds([{ field: 'pageVisited', op: 'equals', value: '/blog' }], c.id)).toBe(false);
    expect(holds([{ field: 'utmSource', op: 'equals', value: 'linkedin' }], c.id)).toBe(true);
    expect(holds([{ field: 'visitCount', op: 'gte', value: 2 }], c.id)).toBe(true);
    expect(holds([{ field: 'visitCount', op: 'gte', value: 3 }], c.id)).toBe(false);
    expect(holds([{ field: 'visitCount', op: 'lte', value: 2 }, { field: 'country', op: 'equals', value: 'BE' }], c.id)).toBe(false); // all must hold
  });

  it('lets the first rule in order decide', () => {
    const other = createList(o.db, o.orgId, 'partenaire', 'regles').id;
    rule([{ field: 'domain', op: 'endsWith', value: 'fr' }], 'first', other);
    rule([{ field: 'domain', op: 'endsWith', value: 'fr' }], 'second');
    const c = identify(o.db, o.orgId, { name: 'X', domain: 'x-co.fr' });
    expect(listOf(o.db, o.orgId, c.id)).toBe('partenaire-regles');
  });
});

describe('rules at identification', () => {
  it('places a new company by rule, after list entries and before prospect-default', async () => {
    rule([{ field: 'domain', op: 'endsWith', value: 'gouv.fr' }], 'Administrations');
    const gov = identify(o.db, o.orgId, { name: 'Douanes', domain: 'douane.gouv.fr' });
    expect(listOf(o.db, o.orgId, gov.id)).toBe('hors-cible-regles');
    expect(companyMoves(o.db, o.orgId, gov.id).moves[0]).toMatchObject({ actor: 'rule', actorLabel: 'Administrations', from: null });
    createList(o.db, o.orgId, 'client', 'publics');
    applyImport(o.db, o.orgId, await stage(o, 'client-publics', CSV_HEADER + 'Impots;;;impots.gouv.fr\n'), { quotaLimit: 20_000 });
    expect(listOf(o.db, o.orgId, identify(o.db, o.orgId, { name: 'DGFiP', domain: 'impots.gouv.fr' }).id)).toBe('client-publics');
  });

  it('moves a company when a visit attributed to it makes a rule hold, but never out of a locked list', async () => {
    const srv = await startTestServer();
    try {
      const acct = await seedAccount(srv.deps);
      const db = srv.deps.db;
      const list = createList(db, acct.orgId, 'prospect', 'chauds').id;
      createRule(db, acct.orgId, { name: 'Visite tarifs', listId: list, conditions: [{ field: 'pageVisited', op: 'equals', value: '/tarifs' }], enabled: true });
      const free = identify(db, acct.orgId, { name: 'Free', domain: 'free-co.fr' });
      const locked = identify(db, acct.orgId, { name: 'Locked', domain: 'locked-co.fr' });
      moveCompanies(db, acct.orgId, [locked.id], listIdOf(db, acct.orgId, 'client-default'), { type: 'user', id: null });
      for (const c of [free, locked]) {
        const sessionId = visit(db, acct.orgId, acct.siteId, c.id, { paths: ['/tarifs'] });
        srv.deps.bus.emit('session-identified', { orgId: acct.orgId, sessionId, companyId: c.id, at: 10 });
        srv.deps.bus.emit('session-identified', { orgId: acct.orgId, sessionId, companyId: c.id, at: 11 });
      }
      expect(listOf(db, acct.orgId, free.id)).toBe('prospect-chauds');
      expect(listOf(db, acct.orgId, locked.id)).toBe('client-default');
      const skips = companyMoves(db, acct.orgId, locked.id).skipped;
      expect(skips).toHaveLength(1); // a repeated skip refreshes one row
      expect(skips[0]).toMatchObject({ actor: 'rule', actorLabel: 'Visite tarifs', fromList: 'client-default', toList: 'prospect-chauds', at: 11 });
    } finally {
      await srv.close();
    }
  });
});

describe('applying rules to existing companies', () => {
  it('previews, then moves, leaving locked companies and recording why', () => {
    const a = identify(o.db, o.orgId, { name: 'A', domain: 'a.edu' });
    const b = identify(o.db, o.orgId, { name: 'B', domain: 'b.edu' });
    const c = identify(o.db, o.orgId, { name: 'C', domain: 'c-co.fr' });
    moveCompanies(o.db, o.orgId, [b.id], listIdOf(o.db, o.orgId, 'interne-default'), { type: 'user', id: null });
    rule([{ field: 'domain', op: 'endsWith', value: 'edu' }], 'Écoles');
    expect(applyRulesToAll(o.db, o.orgId, { dryRun: true })).toMatchObject({ examined: 3, moved: 1, skippedLocked: 1 });
    expect(listOf(o.db, o.orgId, a.id)).toBe('prospect-default');
    const run = applyRulesToAll(o.db, o.orgId, { dryRun: false });
    expect(run).toMatchObject({ moved: 1, skippedLocked: 1, skipped: [{ companyName: 'B', fromList: 'interne-default', reason: 'locked list' }] });
    expect([a, b, c].map((x) => listOf(o.db, o.orgId, x.id))).toEqual(['hors-cible-regles', 'interne-default', 'prospect-default']);
    expect(companyMoves(o.db, o.orgId, b.id).skipped[0]).toMatchObject({ actor: 'rule', actorLabel: 'Écoles' });
  });
});
