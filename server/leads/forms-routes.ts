import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { requireSession, type AuthVariables } from '../auth/middleware.js';
import { readJson } from '../http/body.js';
import { badRequest, fromZod, notFound } from '../http/errors.js';
import { getSite } from '../orgs/repo.js';
import { zFormInput, type FormInput, type FormView } from '../schemas/lead-forms.js';
import { createForm, defaultFormInput, embedCode, getForm, listForms, setFormArchived, updateForm, type LeadForm } from './forms.js';

const view = (f: LeadForm, leads: number): FormView => ({
  id: f.id, siteId: f.siteId, name: f.name, fields: f.fields, businessEmailRequired: f.businessEmailRequired, submitLabel: f.submitLabel,
  successMessage: f.successMessage, redirectUrl: f.redirectUrl, createdAt: f.createdAt, updatedAt: f.updatedAt, leads, embed: embedCode(f),
  archived: f.archivedAt !== null,
});

/** The dashboard's forms editor: list, template, create, update, archive. */
export function formAdminRoutes(deps: AppDeps) {
  const app = new Hono<{ Variables: AuthVariables }>();
  const auth = requireSession(deps);

  async function input(c: Context, orgId: string): Promise<FormInput> {
    const parsed = zFormInput.safeParse(await readJson(c, 64 * 1024));
    if (!parsed.success) throw fromZod(parsed.error);
    if (!getSite(deps.db, orgId, parsed.data.siteId)) throw badRequest('siteId: no such site', 'siteId');
    return parsed.data;
  }

  app.get('/forms', auth, (c) => c.json({ forms: listForms(deps.db, c.var.orgId).map((f) => view(f, f.leads)) }));

  app.get('/forms-template', auth, (c) => {
    const siteId = c.req.query('siteId') ?? '';
    if (!getSite(deps.db, c.var.orgId, siteId)) throw badRequest('siteId: no such site', 'siteId');
    return c.json({ form: defaultFormInput(siteId) });
  });

  app.post('/forms', auth, async (c) => {
    const form = createForm(deps.db, c.var.orgId, await input(c, c.var.orgId), deps.clock());
    return c.json({ form: view(form, 0) }, 201);
  });

  app.put('/forms/:id', auth, async (c) => {
    const data = await input(c, c.var.orgId);
    if (!updateForm(deps.db, c.var.orgId, c.req.param('id'), data, deps.clock())) throw notFound('Form not found');
    const form = listForms(deps.db, c.var.orgId).find((f) => f.id === c.req.param('id'))!;
    return c.json({ form: view(form, form.leads) });
  });

  app.post('/forms/:id/archive', auth, async (c) => {
    const parsed = z.object({ archived: z.boolean() }).safeParse(await readJson(c, 1024));
    if (!parsed.success) throw fromZod(parsed.error);
    const id = c.req.param('id');
    if (!getForm(deps.db, c.var.orgId, id)) throw notFound('Form not found');
    setFormArchived(deps.db, c.var.orgId, id, parsed.data.archived ? deps.clock() : null);
    return c.body(null, 204);
  });

  return app;
}
