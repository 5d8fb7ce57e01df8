import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { requireSession, type AuthVariables } from '../auth/middleware.js';
import { readJson } from '../http/body.js';
import { fromZod, notFound } from '../http/errors.js';
import { zSiteCreate, type SiteView } from '../schemas/sites.js';
import { createSite, getSite, listSites, type Site } from '../orgs/repo.js';

const view = (s: Site): SiteView => ({ id: s.id, name: s.name, publicKey: s.publicKey, domains: s.domains, createdAt: s.createdAt });

export function sitesRoutes(deps: AppDeps) {
  const app = new Hono<{ Variables: AuthVariables }>();
  app.use('*', requireSession(deps));

  // publicUrl: the snippet's origin when VIGIE_PUBLIC_URL is set; otherwise the dashboard uses its own origin.
  app.get('/', (c) => c.json({ sites: listSites(deps.db, c.var.orgId).map(view), publicUrl: deps.config.publicUrl.replace(/\/+$/, '') || null }));

  app.get('/:id', (c) => {
    const site = getSite(deps.db, c.var.orgId, c.req.param('id'));
    if (!site) throw notFound('Site not found');
    return c.json({ site: view(site) });
  });

  app.post('/', async (c) => {
    const parsed = zSiteCreate.safeParse(await readJson(c, 16 * 1024));
    if (!parsed.success) throw fromZod(parsed.error);
    const site = createSite(deps.db, c.var.orgId, { name: parsed.data.name, domains: [...new Set(parsed.data.domains)] }, deps.clock());
    return c.json({ site: view(site) }, 201);
  });

  return app;
}
