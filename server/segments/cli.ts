import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/open.js';
import type { ImportCounts } from '../schemas/segments.js';
import { AppError } from '../http/errors.js';
import { applyImport, cancelImport } from './imports/apply.js';
import { createImport, importErrors, importSkips, requireImport } from './imports/repo.js';
import { stageImportFile } from './imports/stage.js';
import { findListByName, type ListRow } from './lists.js';

export type CliArgs = { org: string; list: string; file: string; dryRun: boolean; lang: 'fr' | 'en' };

export const IMPORT_USAGE = 'usage: vigie import --org ORG --list LIST FILE [--dry-run] [--lang fr|en]';

/** Parses `--org ORG --list LIST FILE [--dry-run]` (flags in any order); throws the usage on a mistake. */
export function parseImportArgs(argv: readonly string[]): CliArgs {
  const out: Partial<CliArgs> = { dryRun: false, lang: 'fr' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--dry-run') out.dryRun = true;
    else if (a === '--org' || a === '--list' || a === '--lang') {
      const v = argv[++i];
      if (!v) throw new Error(`${a} needs a value\n${IMPORT_USAGE}`);
      if (a === '--org') out.org = v;
      else if (a === '--list') out.list = v;
      else if (v === 'fr' || v === 'en') out.lang = v;
      else throw new Error(`--lang is fr or en\n${IMPORT_USAGE}`);
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}\n${IMPORT_USAGE}`);
    else if (out.file) throw new Error(`one file per list\n${IMPORT_USAGE}`);
    else out.file = a;
  }
  if (!out.org || !out.list || !out.file) throw new Error(IMPORT_USAGE);
  return out as CliArgs;
}

function resolveOrg(db: Db, org: string): string {
  const rows = db.prepare('SELECT id FROM organisations WHERE id = ? OR name = ?').pluck().all(org, org) as string[];
  if (rows.length === 1) return rows[0]!;
  throw new Error(rows.length ? `several organisations are named ${org}: give its id` : `no organisation ${org}`);
}

function resolveList(db: Db, orgId: string, list: string): ListRow {
  const row = (db.prepare('SELECT * FROM lists WHERE org_id = ? AND id = ?').get(orgId, list) as ListRow | undefined) ?? findListByName(db, orgId, list);
  if (!row) throw new Error(`no list ${list} in this organisation`);
  return row;
}

/**
 * The administrators' import for large files: the same pipeline as the dashboard (row rules,
 * matching, replacement with snapshot, quota), reading FILE from disk. Prints the report for a
 * person, then the whole report as JSON on the last line. Returns the exit code.
 */
export async function runImportCli(db: Db, quotaLimit: number, args: CliArgs, print: (line: string) => void): Promise<number> {
  const orgId = resolveOrg(db, args.org);
  const list = resolveList(db, orgId, args.list);
  const file = path.resolve(args.file);
  if (!fs.existsSync(file)) throw new Error(`no file ${file}`);
  const imp = createImport(db, orgId, list.id, { fileName: path.basename(file), bytesTotal: fs.statSync(file).size, source: 'cli' });
  await stageImportFile(db, orgId, imp.id, file, { quotaLimit });
  const staged = requireImport(db, orgId, imp.id);
  const rejected = importErrors(db, imp.id, args.lang).map((e) => ({ line: e.line, column: e.column, reason: e.message, value: e.value }));
  const summary = { importId: imp.id, org: orgId, list: list.name, file, dryRun: args.dryRun, rowsRead: staged.rows_read, valid: staged.rows_valid, rejected };
  print(`${list.name}: ${staged.rows_read} rows read, ${staged.rows_valid} valid, ${staged.rows_invalid} rejected`);
  for (const r of rejected) print(`  line ${r.line}${r.column ? `, column ${r.column}` : ''}: ${r.reason}${r.value ? ` (${r.value})` : ''}`);
  if (staged.status !== 'ready') {
    print(`import failed: ${staged.error}`);
    print(JSON.stringify({ ...summary, ok: false, error: { code: staged.error_code, message: staged.error } }));
    return 1;
  }
  let counts: ImportCounts;
  try {
    if (args.dryRun) {
      counts = JSON.parse(staged.preview!) as ImportCounts;
      cancelImport(db, orgId, imp.id);
    } else {
      counts = applyImport(db, orgId, imp.id, { quotaLimit }).report;
    }
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    print(`import refused: ${err.message}`);
    print(JSON.stringify({ ...summary, ok: false, error: { code: err.code, message: err.message } }));
    return 1;
  }
  const skipped = args.dryRun ? [] : importSkips(db, orgId, imp.id, 10_000);
  print(`${args.dryRun ? 'would match' : 'matched'} ${counts.matched}, ${args.dryRun ? 'would move' : 'moved'} ${counts.moved}, skipped (locked list) ${counts.skippedLocked}, unmatched ${counts.unmatched}`);
  if (counts.leavingTo) print(`${counts.leaving} companies ${args.dryRun ? 'would leave' : 'left'} ${list.name} for ${counts.leavingTo.name}`);
  for (const s of skipped) print(`  kept in locked list ${s.fromList}: ${s.companyName}`);
  print(
    JSON.stringify({
      ...summary,
      ok: true,
      matched: counts.matched,
      moved: counts.moved,
      skippedLocked: counts.skippedLocked,
      unmatched: counts.unmatched,
      leaving: counts.leaving,
      leavingTo: counts.leavingTo?.name ?? null,
      skipped,
      quota: counts.quota,
    }),
  );
  return 0;
}

/** `vigie import …`: reads the environment like the server (VIGIE_DATA_DIR, VIGIE_IMPORT_QUOTA), returns the exit code. */
export async function importCommand(argv: string[]): Promise<number> {
  try {
    const args = parseImportArgs(argv);
    const { loadConfig } = await import('../config.js');
    const { openDb } = await import('../db/open.js');
    const config = loadConfig();
    const db = openDb(config.dbPath);
    try {
      return await runImportCli(db, config.importQuota, args, (line) => console.log(line));
    } finally {
      db.close();
    }
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 2;
  }
}
