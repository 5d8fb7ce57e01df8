import type { Hono } from 'hono';
import type { AppDeps } from '../../deps.js';
import type { AuthVariables } from '../../auth/middleware.js';
import { zImportUploadQuery } from '../../schemas/segments.js';
import { requireList } from '../lists.js';
import { importErrors, importView, listImports, requireImport } from '../imports/repo.js';
import { applyImport, cancelImport } from '../imports/apply.js';
import { listSnapshots, restoreSnapshot, snapshotCsv } from '../snapshots.js';
import { templateCsv } from '../export.js';
import { csvLine, BOM } from '../csv/write.js';
import type { SegmentsService } from '../service.js';
import { announce, csv, langOf, query } from './common.js';

/**
 * CSV import into a list in two steps: the upload (raw file bytes as the request body, streamed)
 * answers 202 with the import id; the client polls `GET /imports/:id` for progress and then the
 * preview counts; `POST /imports/:id/confirm` replaces the list and answers the report.
 */
export function importRoutes(app: Hono<{ Variables: AuthVariables }>, deps: AppDeps, service: SegmentsService): void {
  const { db } = deps;

  app.get('/template.csv', (c) => csv(c, 'modele-import-vigie.csv', templateCsv()));

  app.post('/lists/:id/imports', async (c) => {
    const q = query(c, zImportUploadQuery);
    const declared = Number(c.req.header('content-length') ?? NaN);
    const id = await service.receiveUpload(c.req.raw.body, {
      orgId: c.var.orgId,
      listId: c.req.param('id'),
      userId: c.var.user.userId,
      fileName: q.filename || null,
      declaredBytes: Number.isFinite(declared) ? declared : null,
    });
    return c.json({ import: importView(db, c.var.orgId, id, langOf(c)) }, 202);
  });

  app.get('/lists/:id/imports', (c) => {
    requireList(db, c.var.orgId, c.req.param('id'));
    return c.json({ imports: listImports(db, c.var.orgId, c.req.param('id')) });
  });

  app.get('/imports/:id', (c) => c.json({ import: importView(db, c.var.orgId, c.req.param('id'), langOf(c)) }));

  app.post('/imports/:id/confirm', (c) => {
    const res = applyImport(db, c.var.orgId, c.req.param('id'), { quotaLimit: deps.config.importQuota, now: deps.clock() });
    announce(deps, c.var.orgId, res.movedIds);
    return c.json({ import: importView(db, c.var.orgId, c.req.param('id'), langOf(c)) });
  });

  app.post('/imports/:id/cancel', (c) => {
    cancelImport(db, c.var.orgId, c.req.param('id'));
    return c.json({ import: importView(db, c.var.orgId, c.req.param('id'), langOf(c)) });
  });

  app.get('/imports/:id/errors.csv', (c) => {
    const imp = requireImport(db, c.var.orgId, c.req.param('id'));
    const lang = langOf(c);
    const head = lang === 'fr' ? ['Ligne', 'Colonne', 'Motif', 'Valeur'] : ['Line', 'Column', 'Reason', 'Value'];
    let text = BOM + csvLine(head);
    for (const e of importErrors(db, imp.id, lang)) text += csvLine([e.line, e.column, e.message, e.value]);
    const base = (imp.file_name ?? 'import').replace(/\.csv$/i, '');
    return csv(c, `${base}-${lang === 'fr' ? 'erreurs' : 'errors'}.csv`, text);
  });

  app.get('/lists/:id/snapshots', (c) => c.json({ snapshots: listSnapshots(db, c.var.orgId, c.req.param('id')) }));

  app.get('/snapshots/:id/download', (c) => {
    const out = snapshotCsv(db, c.var.orgId, c.req.param('id'));
    return csv(c, out.fileName, out.body);
  });

  app.post('/snapshots/:id/restore', (c) => {
    const res = restoreSnapshot(db, c.var.orgId, c.req.param('id'), { userId: c.var.user.userId, quotaLimit: deps.config.importQuota, now: deps.clock() });
    announce(deps, c.var.orgId, res.movedIds);
    return c.json({ restored: res.restored, left: res.left, entries: res.entries });
  });
}
