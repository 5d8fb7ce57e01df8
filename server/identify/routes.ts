import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { requireSession, type AuthVariables } from '../auth/middleware.js';
import { readJson } from '../http/body.js';
import { badRequest, fromZod, notFound } from '../http/errors.js';
import { zIpLookup, zIpRuleInput, zPage, type IdentificationView, type IdentifyStatusView, type IpRuleView } from '../schemas/identify.js';
import { createIdentifier, type Identifier } from './identifier.js';
import { setLearnedMappingRevoked } from './learned.js';
import { startLearnedDecay } from './learned-decay.js';
import { listLearnedMappings } from './learned-list.js';
import { deleteIpRule, getIpRule, listIpRules, type IpRule } from './rules-repo.js';
import { createIpRule, replaceIpRule } from './rules.js';
import { normalizeIp } from './ip.js';
import type { Identification } from './types.js';

const ruleView = (r: IpRule): IpRuleView => ({
  id: r.id, cidr: r.cidr, action: r.action, company: r.company, note: r.note, createdAt: r.createdAt, updatedAt: r.updatedAt,
});

const identificationView = (r: Identification): IdentificationView => ({
  ip: r.ip, class: r.class, confidence: r.confidence, source: r.source, country: r.country,
  company: r.company ? { ...(r.company.id ? { id: r.company.id } : {}), name: r.company.name, domain: r.company.domain ?? null } : null,
  evidence: r.evidence.map(({ source, kind, value, matched, confidence }) => ({ source, kind, value, matched, confidence })),
});

/**
 * /api/identify: manual IP rules (CRUD), learned mappings (list with their e-mails, revoke, restore),
 * the state of the data sources, and a lookup that explains how an IP would be identified. Also
 * starts the identification service, which identifies every new session in the background, and the
 * fading of learned mappings nobody confirms any more.
 */
export function identifyRoutes(deps: AppDeps, identifier: Identifier = createIdentifier(deps)) {
  const app = new Hono<{ Variables: AuthVariables }>();
  app.use('*', requireSession(deps));
  startLearnedDecay(deps);

  app.get('/rules', (c) => c.json({ rules: listIpRules(deps.db, c.var.orgId).map(ruleView) }));

  app.post('/rules', async (c) => {
    const parsed = zIpRuleInput.safeParse(await readJson(c, 8 * 1024));
    if (!parsed.success) throw fromZod(parsed.error);
    return c.json({ rule: ruleView(createIpRule(deps.db, c.var.orgId, parsed.data, deps.clock())) }, 201);
  });

  app.get('/rules/:id', (c) => {
    const rule = getIpRule(deps.db, c.var.orgId, c.req.param('id'));
    if (!rule) throw notFound('IP rule not found');
    return c.json({ rule: ruleView(rule) });
  });

  app.put('/rules/:id', async (c) => {
    const parsed = zIpRuleInput.safeParse(await readJson(c, 8 * 1024));
    if (!parsed.success) throw fromZod(parsed.error);
    return c.json({ rule: ruleView(replaceIpRule(deps.db, c.var.orgId, c.req.param('id'), parsed.data, deps.clock())) });
  });

  app.delete('/rules/:id', (c) => {
    deleteIpRule(deps.db, c.var.orgId, c.req.param('id'));
    return c.body(null, 204);
  });

  app.get('/learned', (c) => {
    const page = zPage.safeParse(c.req.query());
    if (!page.success) throw fromZod(page.error);
    return c.json(listLearnedMappings(deps.db, c.var.orgId, page.data));
  });

  app.post('/learned/:id/revoke', (c) =>
    c.json({ mapping: setLearnedMappingRevoked(deps.db, c.var.orgId, c.req.param('id'), true, deps.clock()) }));

  app.post('/learned/:id/restore', (c) =>
    c.json({ mapping: setLearnedMappingRevoked(deps.db, c.var.orgId, c.req.param('id'), false, deps.clock()) }));

  app.get('/status', (c) => c.json(identifier.status() satisfies IdentifyStatusView));

  // "Why is this IP (not) identified?": runs the pipeline for this organisation, stores nothing.
  app.post('/lookup', async (c) => {
    const parsed = zIpLookup.safeParse(await readJson(c, 1024));
    if (!parsed.success) throw fromZod(parsed.error);
    if (!normalizeIp(parsed.data.ip)) throw badRequest('ip: not an IPv4 or IPv6 address', 'ip');
    return c.json({ result: identificationView(await identifier.identify(c.var.orgId, parsed.data.ip)) });
  });

  return app;
}
