import type { Hono } from 'hono';
import type { AppDeps } from '../../deps.js';
import type { AuthVariables } from '../../auth/middleware.js';
import { zRuleApply, zRuleInput, zRuleOrder } from '../../schemas/segments.js';
import { createRule, deleteRule, listRules, reorderRules, updateRule } from '../rules/repo.js';
import { applyRulesToAll } from '../rules/apply.js';
import { announce, body } from './common.js';

/** Auto-segmentation rules: CRUD, order, and "apply to existing companies" (preview with `dryRun`). */
export function ruleRoutes(app: Hono<{ Variables: AuthVariables }>, deps: AppDeps): void {
  const { db } = deps;

  app.get('/rules', (c) => c.json({ rules: listRules(db, c.var.orgId) }));

  app.post('/rules', async (c) => c.json({ rule: createRule(db, c.var.orgId, await body(c, zRuleInput), deps.clock()) }, 201));

  app.put('/rules/:id', async (c) => c.json({ rule: updateRule(db, c.var.orgId, c.req.param('id'), await body(c, zRuleInput)) }));

  app.delete('/rules/:id', (c) => {
    deleteRule(db, c.var.orgId, c.req.param('id'));
    return c.body(null, 204);
  });

  app.post('/rules/order', async (c) => c.json({ rules: reorderRules(db, c.var.orgId, (await body(c, zRuleOrder)).ids) }));

  app.post('/rules/apply', async (c) => {
    const input = await body(c, zRuleApply);
    const res = applyRulesToAll(db, c.var.orgId, { dryRun: input.dryRun, now: deps.clock() });
    announce(deps, c.var.orgId, res.movedIds);
    const { movedIds: _ids, ...view } = res;
    return c.json(view);
  });
}
