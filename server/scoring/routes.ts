import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { requireSession, type AuthVariables } from '../auth/middleware.js';
import { readJson } from '../http/body.js';
import { fromZod, notFound } from '../http/errors.js';
import { zPinInput, zRulesUpdate, type RulesReply } from '../schemas/scoring.js';
import { DEFAULT_RULES, loadRules, saveRules } from './rules.js';
import { currentScore } from './rescore.js';
import { removePin, setPin } from './pin.js';
import { scoringFor } from './service.js';

/**
 * /api/scoring: the organisation's rules (changing them starts a rescoring pass whose progress
 * is read from /jobs/:id), a company's explained score, and manual pins.
 */
export function scoringRoutes(deps: AppDeps) {
  const app = new Hono<{ Variables: AuthVariables }>();
  const scoring = scoringFor(deps);
  app.use('*', requireSession(deps));

  app.get('/rules', (c) => {
    const { rules, version } = loadRules(deps.db, c.var.orgId);
    const reply: RulesReply = { rules, version, defaults: DEFAULT_RULES, job: scoring.jobs.latestFor(c.var.orgId) };
    return c.json(reply);
  });

  app.put('/rules', async (c) => {
    const parsed = zRulesUpdate.safeParse(await readJson(c, 64 * 1024));
    if (!parsed.success) throw fromZod(parsed.error);
    const version = saveRules(deps.db, c.var.orgId, parsed.data.rules, c.var.user.userId, deps.clock());
    const job = scoring.jobs.start(c.var.orgId, 'rules');
    const reply: RulesReply = { rules: parsed.data.rules, version, defaults: DEFAULT_RULES, job };
    return c.json(reply);
  });

  app.get('/jobs/:id', (c) => {
    const job = scoring.jobs.get(c.var.orgId, c.req.param('id'));
    if (!job) throw notFound('Job not found');
    return c.json({ job });
  });

  app.get('/companies/:id', (c) => {
    const score = currentScore(deps.db, c.var.orgId, c.req.param('id'), deps.clock());
    if (!score) throw notFound('Company not found');
    return c.json({ score });
  });

  app.put('/companies/:id/pin', async (c) => {
    const parsed = zPinInput.safeParse(await readJson(c, 4096));
    if (!parsed.success) throw fromZod(parsed.error);
    const score = setPin(deps.db, c.var.orgId, c.req.param('id'), parsed.data, c.var.user.userId, deps.clock());
    if (!score) throw notFound('Company not found');
    return c.json({ score });
  });

  app.delete('/companies/:id/pin', (c) => {
    const score = removePin(deps.db, c.var.orgId, c.req.param('id'), deps.clock());
    if (!score) throw notFound('Company not found');
    return c.json({ score });
  });

  return app;
}
