import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { AppDeps } from '../deps.js';
import { AppError } from '../http/errors.js';
import { createImport, failImport, pruneStaleImports } from './imports/repo.js';
import { stageImportFile } from './imports/stage.js';
import { requireList } from './lists.js';
import { applyRulesToCompany } from './rules/apply.js';

/** Largest CSV accepted (a 100,000-row file is about 8 MB); far above any row quota. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

export type SegmentsService = ReturnType<typeof createSegmentsService>;

/**
 * The stateful part of the segments slice: uploads streamed to files under `<dataDir>/imports`,
 * background parsing jobs (awaited on shutdown), and the rules evaluated when a visit is
 * attributed to a company.
 */
export function createSegmentsService(deps: AppDeps) {
  const { db, config } = deps;
  const dir = path.join(config.dataDir, 'imports');
  const jobs = new Map<string, Promise<void>>();
  let stopping = false;
  pruneStaleImports(db, deps.clock(), { interrupted: true });

  const offIdentified = deps.bus.on('session-identified', (e) => {
    const movedTo = applyRulesToCompany(db, e.orgId, e.companyId, e.at);
    if (movedTo) deps.bus.emit('company-changed', { orgId: e.orgId, companyId: e.companyId, at: e.at });
  });
  deps.onClose(async () => {
    stopping = true;
    offIdentified();
    await Promise.allSettled([...jobs.values()]);
  });

  /** Parses a stored file in the background; the file is deleted once its rows are staged. */
  function stage(orgId: string, importId: string, file: string): Promise<void> {
    const job = stageImportFile(db, orgId, importId, file, { quotaLimit: config.importQuota, shouldStop: () => stopping })
      .catch((err: unknown) => {
        console.error('[vigie] import parsing failed', err);
        failImport(db, importId, 'unreadable-file', 'the file could not be read');
      })
      .finally(() => {
        jobs.delete(importId);
        fs.rm(file, { force: true }, () => {});
      });
    jobs.set(importId, job);
    return job;
  }

  /**
   * Streams a request body (the raw CSV bytes) to disk with a size cap, then starts parsing.
   * Answers as soon as the file is stored; the client polls the import for progress.
   */
  async function receiveUpload(body: ReadableStream<Uint8Array> | null, o: { orgId: string; listId: string; userId: string; fileName: string | null; declaredBytes: number | null }): Promise<string> {
    requireList(db, o.orgId, o.listId);
    if (o.declaredBytes !== null && o.declaredBytes > MAX_IMPORT_BYTES) throw tooLarge();
    if (!body) throw new AppError('bad-request', 400, 'body: send the CSV file as the request body', 'body');
    const imp = createImport(db, o.orgId, o.listId, { fileName: o.fileName, bytesTotal: o.declaredBytes, userId: o.userId, now: deps.clock() });
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${imp.id}.csv`);
    const out = fs.createWriteStream(file);
    const reader = body.getReader();
    const progress = db.prepare('UPDATE list_imports SET bytes_done = ? WHERE id = ?');
    let size = 0;
    let reported = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > MAX_IMPORT_BYTES) {
          await reader.cancel().catch(() => {});
          throw tooLarge();
        }
        if (!out.write(value)) await once(out, 'drain');
        if (size - reported > 1024 * 1024) {
          progress.run(size, imp.id);
          reported = size;
        }
      }
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    } catch (err) {
      out.destroy();
      fs.rm(file, { force: true }, () => {});
      failImport(db, imp.id, err instanceof AppError ? err.code : 'upload-interrupted', err instanceof AppError ? err.message : 'the upload was interrupted');
      throw err instanceof AppError ? err : new AppError('bad-request', 400, 'body: the upload was interrupted', 'body');
    }
    db.prepare("UPDATE list_imports SET status = 'parsing', bytes_total = ?, bytes_done = 0 WHERE id = ? AND status = 'receiving'").run(size, imp.id);
    void stage(o.orgId, imp.id, file);
    return imp.id;
  }

  return { receiveUpload, stage, importsDir: dir, pending: () => [...jobs.values()] };
}

function tooLarge(): AppError {
  return new AppError('payload-too-large', 413, `body: larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split the file or use the command line`, 'body');
}
