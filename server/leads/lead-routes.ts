import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { requireSession, type AuthVariables } from '../auth/middleware.js';
import { readJson } from '../http/body.js';
import { fromZod, notFound } from '../http/errors.js';
import { zLeadConvert, zLeadFilter, zLeadNote, zLeadPatch, zLeadTask, zLeadTaskPatch, zReportQuery } from '../schemas/lead-inbox.js';
import { listLeads } from './inbox.js';
import { leadDetail } from './detail.js';
import { patchLead, reopenLead } from './lifecycle.js';
import { addNote, addTask, openTasks, setTaskDone } from './notes-tasks.js';
import { convertLead, listContacts } from './convert.js';
import { leadReport } from './report.js';
import { leadNotifications, markNotificationsSeen } from './notifications.js';
import { reattributeLead } from './attribution.js';

type Env = { Variables: AuthVariables };

async function body<T extends z.ZodType>(c: Context, schema: T, max = 16 * 1024): Promise<z.infer<T>> {
  const parsed = schema.safeParse(await readJson(c, max));
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

function query<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

/** The marketer's side: inbox, lead page, lifecycle, notes and tasks, conversion, reports, bell. */
export function leadAdminRoutes(deps: AppDeps) {
  const app = new Hono<Env>();
  app.use('/leads', requireSession(deps));
  app.use('/leads/*', requireSession(deps));
  const actor = (c: Context<Env>) => ({ userId: c.var.user.userId });

  app.get('/leads', (c) => c.json(listLeads(deps.db, c.var.orgId, query(c, zLeadFilter))));

  app.get('/leads/report', (c) => {
    const q = query(c, zReportQuery);
    return c.json({ report: leadReport(deps.db, c.var.orgId, q.from, q.to) });
  });

  app.get('/leads/notifications', (c) => c.json(leadNotifications(deps.db, c.var.orgId, c.var.user.userId)));
  app.post('/leads/notifications/seen', (c) => {
    markNotificationsSeen(deps.db, c.var.orgId, c.var.user.userId, deps.clock());
    return c.body(null, 204);
  });

  app.get('/leads/owners', (c) => {
    const users = deps.db.prepare('SELECT id, name, email FROM users WHERE org_id = ? ORDER BY name, email').all(c.var.orgId);
    return c.json({ users });
  });

  app.get('/leads/tasks', (c) => c.json({ tasks: openTasks(deps.db, c.var.orgId, c.req.query('mine') === '1' ? c.var.user.userId : null) }));

  app.get('/leads/contacts', (c) => c.json({ contacts: listContacts(deps.db, c.var.orgId, c.req.query('companyId') ?? null) }));

  app.get('/leads/:id', (c) => {
    const lead = leadDetail(deps.db, c.var.orgId, c.req.param('id'));
    if (!lead) throw notFound('Lead not found');
    return c.json({ lead });
  });

  app.patch('/leads/:id', async (c) => {
    const patch = await body(c, zLeadPatch);
    const id = c.req.param('id');
    const now = deps.clock();
    const wasSpam = deps.db.prepare("SELECT quality = 'spam' FROM leads WHERE org_id = ? AND id = ?").pluck().get(c.var.orgId, id);
    patchLead(deps.db, c.var.orgId, id, patch, actor(c), now);
    // A restored lead gets what spam was denied: its company and its visits.
    if (wasSpam === 1 && patch.quality === 'valid') {
      const outcome = reattributeLead(deps.db, c.var.orgId, id, now);
      deps.bus.emit('lead-stored', { orgId: c.var.orgId, leadId: id, companyId: outcome.companyId, at: now });
    }
    return c.json({ lead: leadDetail(deps.db, c.var.orgId, id) });
  });

  app.post('/leads/:id/reopen', (c) => {
    const status = reopenLead(deps.db, c.var.orgId, c.req.param('id'), actor(c), deps.clock());
    return c.json({ status });
  });

  app.post('/leads/:id/notes', async (c) => {
    const { body: text } = await body(c, zLeadNote);
    return c.json(addNote(deps.db, c.var.orgId, c.req.param('id'), text, actor(c), deps.clock()), 201);
  });

  app.post('/leads/:id/tasks', async (c) => {
    const task = await body(c, zLeadTask);
    return c.json(addTask(deps.db, c.var.orgId, c.req.param('id'), task, actor(c), deps.clock()), 201);
  });

  app.patch('/leads/:id/tasks/:taskId', async (c) => {
    const { done } = await body(c, zLeadTaskPatch);
    setTaskDone(deps.db, c.var.orgId, c.req.param('id'), c.req.param('taskId'), done, actor(c), deps.clock());
    return c.body(null, 204);
  });

  app.post('/leads/:id/convert', async (c) => {
    const opts = await body(c, zLeadConvert);
    const now = deps.clock();
    const result = convertLead(deps.db, c.var.orgId, c.req.param('id'), opts, actor(c), now);
    const companyId = deps.db.prepare('SELECT company_id FROM leads WHERE org_id = ? AND id = ?').pluck().get(c.var.orgId, c.req.param('id')) as string | null;
    if (result.movedCompany && companyId) deps.bus.emit('company-changed', { orgId: c.var.orgId, companyId, at: now });
    return c.json(result, 201);
  });

  return app;
}
