import fs from 'node:fs';
import { parse, type Options } from 'csv-parse';
import type { Db } from '../../db/open.js';
import { createDecoder, detectDelimiter, detectEncoding } from '../csv/decode.js';
import { mapHeader, type ColumnMap } from '../csv/header.js';
import { checkRow, type RowViolation, type ValidRow } from '../csv/rows.js';
import { createLineGuard, LINE_TOO_LONG } from '../csv/line-guard.js';
import { requireList } from '../lists.js';
import { importCounts, matchImportRows } from './match.js';
import { failImport, requireImport } from './repo.js';

const READ_CHUNK = 256 * 1024;
const MAX_RECORD_CHARS = 100_000;
/** Longest physical line kept: below the record cap, so one huge line never trips csv-parse's cap (which drops what follows). */
const MAX_LINE_CHARS = 50_000;
/** An unreadable record spanning lines has swallowed the lines after its opening quote. */
const UNCLOSED_QUOTE_LINES = 1;

type Pending = { rows: Array<ValidRow & { line: number }>; errors: Array<RowViolation & { line: number }> };

/**
 * Reads a stored CSV file into an import's staging rows, chunk by chunk (a 100,000-row file never
 * sits in memory and progress is visible to pollers), then matches the rows and stores the
 * preview counts: status `parsing` → `ready` (or `failed` with a code for an unreadable file).
 * `shouldStop` lets the server abandon the work on shutdown.
 */
export async function stageImportFile(
  db: Db,
  orgId: string,
  importId: string,
  file: string,
  opts: { quotaLimit: number; shouldStop?: () => boolean },
): Promise<void> {
  const bytesTotal = fs.statSync(file).size;
  const encoding = await detectEncoding(file);
  const started = db
    .prepare("UPDATE list_imports SET status = 'parsing', encoding = ?, bytes_total = ?, bytes_done = 0 WHERE id = ? AND status IN ('receiving', 'parsing')")
    .run(encoding, bytesTotal, importId);
  if (started.changes === 0) return; // cancelled before parsing began

  const insertRow = db.prepare('INSERT OR REPLACE INTO import_rows (import_id, line, name, name_key, siren, email_domain, web_domain) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertError = db.prepare('INSERT INTO import_errors (import_id, line, col, reason, value) VALUES (?, ?, ?, ?, ?)');
  const progress = db.prepare('UPDATE list_imports SET bytes_done = ?, rows_read = ?, rows_valid = ?, rows_invalid = ? WHERE id = ?');
  const statusOf = db.prepare('SELECT status FROM list_imports WHERE id = ?').pluck();
  const counts = { bytes: 0, read: 0, valid: 0, invalid: 0 };
  let pending: Pending = { rows: [], errors: [] };
  const flush = db.transaction(() => {
    for (const r of pending.rows) insertRow.run(importId, r.line, r.name, r.nameKey, r.siren, r.emailDomain, r.webDomain);
    for (const e of pending.errors) insertError.run(importId, e.line, e.column, e.reason, e.value);
    progress.run(counts.bytes, counts.read, counts.valid, counts.invalid, importId);
    pending = { rows: [], errors: [] };
  });

  // Spreadsheet line of the next record (header = 1); quoted cells spanning lines advance it more.
  let line = 1;
  let header: { columns: ColumnMap; width: number } | null = null;
  let fatal: { code: string; message: string } | null = null;
  const onRecord = (cells: string[]) => {
    const at = line;
    line += 1 + cells.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    if (fatal) return;
    if (!header) {
      const h = mapHeader(cells);
      if (h.ok) header = { columns: h.columns, width: h.width };
      else fatal = { code: h.code, message: h.message };
      return;
    }
    if (cells.every((c) => c.trim() === '')) return;
    counts.read++;
    if (cells.some((c) => c.includes(LINE_TOO_LONG))) {
      counts.invalid++;
      const value = cells.join(String(delimiter ?? ';')).split(LINE_TOO_LONG)[0]!.slice(0, 200);
      pending.errors.push({ line: at, column: '', reason: 'malformed-row', value });
      return;
    }
    const { row, violations } = checkRow(cells, header.columns, header.width);
    if (row) {
      counts.valid++;
      pending.rows.push({ ...row, line: at });
    } else {
      counts.invalid++;
      for (const v of violations) pending.errors.push({ ...v, line: at });
    }
  };

  let delimiter: string | null = null;
  let parser: ReturnType<typeof parse> | null = null;
  const decoder = createDecoder(encoding);
  const guard = createLineGuard(MAX_LINE_CHARS);
  const write = (decoded: string) => {
    let text = guard(decoded);
    if (!text) return;
    if (!parser) {
      // Excel's "sep=;" hint line names the delimiter; Excel hides it, so the header stays line 1.
      const hint = /^\uFEFF?sep=([,;\t])\r?\n/i.exec(text);
      if (hint) text = text.slice(hint[0].length);
      delimiter = hint ? hint[1]! : detectDelimiter(text);
      db.prepare('UPDATE list_imports SET delimiter = ? WHERE id = ?').run(delimiter, importId);
      const options: Options = {
        delimiter,
        bom: true,
        raw: true,
        relax_quotes: true,
        relax_column_count: true,
        skip_empty_lines: false,
        skip_records_with_error: true,
        max_record_size: MAX_RECORD_CHARS,
        on_record: (rec: unknown) => {
          const r = rec as { record: string[]; raw: string }; // shape given by `raw: true`
          onRecord(r.record);
          return null; // nothing is kept in the stream: rows go to SQLite in batches
        },
        on_skip: (_err, raw) => {
          const at = line;
          const breaks = raw?.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0;
          line += 1 + breaks;
          if (!header || fatal) return;
          // A quote opened and never closed swallows every following line into one cell: refuse the
          // file rather than import the lines before it and silently lose those after it.
          if (breaks >= UNCLOSED_QUOTE_LINES) {
            fatal = { code: 'unclosed-quote', message: `a quote opened on line ${at} is never closed; the lines after it cannot be read` };
            return undefined;
          }
          counts.read++;
          counts.invalid++;
          pending.errors.push({ line: at, column: '', reason: 'malformed-row', value: raw ? raw.slice(0, 200) : null });
          return undefined;
        },
      };
      parser = parse(options);
      parser.resume();
    }
    parser.write(text);
  };

  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: READ_CHUNK })) {
      if (opts.shouldStop?.()) return failImport(db, importId, 'interrupted', 'the server stopped while this file was being read; upload it again');
      if (statusOf.get(importId) !== 'parsing') return; // cancelled meanwhile
      counts.bytes += (chunk as Buffer).length;
      write(decoder.write(chunk as Buffer));
      if (fatal) break;
      flush();
      await new Promise((r) => setImmediate(r)); // let status polls and traffic through between chunks
    }
    write(decoder.end());
    if (parser) {
      const p = parser as ReturnType<typeof parse>;
      await new Promise<void>((resolve, reject) => {
        p.once('finish', resolve);
        p.once('error', reject);
        p.end();
      });
    }
  } catch (err) {
    return failImport(db, importId, 'unreadable-file', err instanceof Error ? err.message : String(err));
  }
  if (!header && !fatal) fatal = { code: 'empty-file', message: 'the file is empty: it needs at least the header line Nom, SIREN, Domaine email, Website' };
  if (fatal) return failImport(db, importId, fatal.code, fatal.message);
  flush();

  db.transaction(() => {
    const imp = requireImport(db, orgId, importId);
    if (imp.status !== 'parsing') return;
    const list = requireList(db, orgId, imp.list_id);
    matchImportRows(db, orgId, importId);
    const preview = importCounts(db, orgId, importId, list, opts.quotaLimit);
    db.prepare("UPDATE list_imports SET status = 'ready', bytes_done = ?, preview = ? WHERE id = ?").run(bytesTotal, JSON.stringify(preview), importId);
  })();
}
