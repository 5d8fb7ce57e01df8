import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { compileAsnTable, type AsnSources, type CompileResult } from './compile.js';
import { MAGIC, readHeader } from './format.js';
import { AsnTable } from './table.js';

/** The directory of the installed @ip-location-db/asn package (asn-ipv4.csv, asn-ipv6.csv). */
export function packageAsnDir(): string {
  return path.dirname(createRequire(import.meta.url).resolve('@ip-location-db/asn/package.json'));
}

/**
 * The CSVs of a source directory and a stamp that changes when they do: the package version and
 * file sizes (plus modification times when there is no package.json, e.g. a downloaded release).
 */
export function asnSources(dir: string): AsnSources & { stamp: string } {
  const file = (name: string) => {
    const p = path.join(dir, name);
    return fs.existsSync(p) ? p : null;
  };
  const ipv4Csv = file('asn-ipv4.csv');
  const ipv6Csv = file('asn-ipv6.csv');
  let version = '';
  try {
    version = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string }).version ?? '';
  } catch {
    // Not a package: the files' sizes and dates say when they changed.
  }
  const describe = (p: string | null) => {
    if (!p) return '-';
    const st = fs.statSync(p);
    return version ? `${st.size}` : `${st.size}@${Math.floor(st.mtimeMs)}`;
  };
  return { ipv4Csv, ipv6Csv, stamp: `${MAGIC}|${version}|${describe(ipv4Csv)}|${describe(ipv6Csv)}` };
}

export type AsnTableEvents = {
  onTable: (table: AsnTable) => void;
  onStatus: (status: 'ok' | 'degraded', detail: string) => void;
  log?: (line: string) => void;
};

/**
 * What a freshly compiled table must look like before it replaces the file on disk. No absolute
 * minimum of ranges: operators (and the test fixtures) may use a small source of their own.
 */
export type AsnPlausibility = {
  /** Unreadable rows tolerated in a CSV whatever its size (a header, a stray last line). */
  toleratedUnreadableRows: number;
  /** Past that, the share of unreadable rows that marks a CSV as corrupt (the package has none). */
  maxUnreadableShare: number;
  /** Per IP family, the share of the previous table's ranges a new one must keep: less is a cut download, not an update. */
  minShareOfPrevious: number;
};

export const ASN_PLAUSIBILITY: AsnPlausibility = Object.freeze({ toleratedUnreadableRows: 10, maxUnreadableShare: 0.01, minShareOfPrevious: 0.5 });

/**
 * Makes the compiled table available: loads `file` when its stamp matches the sources, else
 * compiles a new one next to it (streaming, so the server keeps serving) and renames it into
 * place only when it is plausible; the previous table is used meanwhile and kept otherwise.
 * Without sources, a table already compiled is still used. Never throws: failures are
 * reported through `onStatus`. Runs once per call (at start): a fixed source is taken up at the next start.
 */
export async function ensureAsnTable(file: string, sourceDir: string, ev: AsnTableEvents, limits: AsnPlausibility = ASN_PLAUSIBILITY): Promise<void> {
  let onDisk: AsnTable | null = null;
  try {
    // Whatever the sources, a readable table already compiled answers from now on.
    onDisk = loadUsable(file);
    if (onDisk) ev.onTable(onDisk);
    const src = asnSources(sourceDir);
    if (!src.ipv4Csv && !src.ipv6Csv) {
      const missing = `no asn-ipv4.csv / asn-ipv6.csv in ${sourceDir}`;
      ev.onStatus('degraded', onDisk ? `${missing}; using the table compiled earlier (${describe(onDisk)})` : `${missing}; running without the IP→ASN table`);
      return;
    }
    if (onDisk?.stamp === src.stamp) {
      ev.onStatus('ok', describe(onDisk));
      return;
    }
    ev.onStatus('degraded', onDisk ? 'recompiling the IP→ASN table (source changed)' : 'compiling the IP→ASN table (first start)');
    const started = Date.now();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Compiled beside the table in use, so a bad source never overwrites a good table.
    const fresh = `${file}.${process.pid}.new`;
    try {
      const result = await compileAsnTable(src, fresh, src.stamp);
      const problem = implausible(result, onDisk, limits);
      if (problem) {
        const outcome = onDisk ? `keeping the previous table (${describe(onDisk)})` : 'running without the IP→ASN table';
        ev.log?.(`[vigie] asn-table: new table from ${sourceDir} refused: ${problem}; ${outcome}`);
        ev.onStatus('degraded', `IP→ASN table not updated from ${sourceDir}: ${problem}; ${outcome}`);
        return;
      }
      for (const r of result.csv) {
        if (r.unreadable) ev.log?.(`[vigie] asn-table: skipped ${r.unreadable} unreadable rows of ${r.file} (first at line ${r.firstUnreadableLine})`);
      }
      await fs.promises.rename(fresh, file);
      ev.log?.(`[vigie] asn-table: compiled ${result.v4} IPv4 + ${result.v6} IPv6 ranges, ${result.as} AS organisations in ${Date.now() - started} ms`);
    } finally {
      await fs.promises.rm(fresh, { force: true });
    }
    const table = AsnTable.load(file);
    ev.onTable(table);
    ev.onStatus('ok', describe(table));
  } catch (err) {
    const message = (err as Error).message;
    ev.log?.(`[vigie] asn-table: unavailable: ${message}`);
    ev.onStatus('degraded', onDisk ? `IP→ASN table not updated: ${message}; keeping the previous table (${describe(onDisk)})` : `IP→ASN table unavailable: ${message}`);
  }
}

/**
 * Why a compiled table must not replace the one in use, or null when it may: a CSV whose rows
 * are (mostly) unreadable, or an IP family shrunk far below the previous table.
 */
export function implausible(result: CompileResult, previous: AsnTable | null, limits: AsnPlausibility): string | null {
  for (const r of result.csv) {
    const name = path.basename(r.file);
    if (r.rows === 0) return `${name} is empty`;
    const readable = r.rows - r.unreadable;
    const tooMany = r.unreadable > Math.max(limits.toleratedUnreadableRows, r.rows * limits.maxUnreadableShare);
    if (readable === 0 || tooMany) return `${name}: ${r.unreadable} of ${r.rows} rows unreadable (first at line ${r.firstUnreadableLine})`;
  }
  if (previous) {
    const before = previous.size;
    for (const [family, now, was] of [['IPv4', result.v4, before.v4], ['IPv6', result.v6, before.v6]] as const) {
      if (was > 0 && now < was * limits.minShareOfPrevious) {
        return `only ${now} ${family} ranges where the table in use has ${was} (remove the compiled table to accept a smaller source)`;
      }
    }
  }
  return null;
}

/** The table in `file` when it can be read and holds ranges (an earlier version could write an empty one). */
function loadUsable(file: string): AsnTable | null {
  if (headerStamp(file) === null) return null;
  try {
    const table = AsnTable.load(file);
    return table.size.v4 + table.size.v6 > 0 ? table : null;
  } catch {
    return null; // truncated or damaged: compiled again
  }
}

function headerStamp(file: string): string | null {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(4096);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return readHeader(buf.subarray(0, n))?.stamp ?? null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Describes a table for /health. */
function describe(table: AsnTable): string {
  const t = table.size;
  return `${t.v4} IPv4 + ${t.v6} IPv6 ranges, ${t.as} AS organisations`;
}
