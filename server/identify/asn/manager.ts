import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { compileAsnTable, type AsnSources } from './compile.js';
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
 * Makes the compiled table available: loads `file` when its stamp matches the sources, else
 * compiles it (streaming, so the server keeps serving) and loads the result. A stale table is
 * used meanwhile. Never throws: failures are reported through `onStatus`.
 */
export async function ensureAsnTable(file: string, sourceDir: string, ev: AsnTableEvents): Promise<void> {
  try {
    const src = asnSources(sourceDir);
    if (!src.ipv4Csv && !src.ipv6Csv) {
      ev.onStatus('degraded', `no asn-ipv4.csv / asn-ipv6.csv in ${sourceDir}`);
      return;
    }
    let current = headerStamp(file);
    if (current === src.stamp) {
      try {
        ev.onStatus('ok', load(file, ev));
        return;
      } catch {
        current = null; // truncated or damaged: compile it again
      }
    }
    if (current) {
      try {
        ev.onTable(AsnTable.load(file));
      } catch {
        // An unreadable old table is simply replaced.
      }
    }
    ev.onStatus('degraded', current ? 'recompiling the IP→ASN table (source changed)' : 'compiling the IP→ASN table (first start)');
    const started = Date.now();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const counts = await compileAsnTable(src, file, src.stamp);
    ev.log?.(`[vigie] asn-table: compiled ${counts.v4} IPv4 + ${counts.v6} IPv6 ranges, ${counts.as} AS organisations in ${Date.now() - started} ms`);
    ev.onStatus('ok', load(file, ev));
  } catch (err) {
    ev.log?.(`[vigie] asn-table: unavailable: ${(err as Error).message}`);
    ev.onStatus('degraded', `IP→ASN table unavailable: ${(err as Error).message}`);
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

/** Loads the table, hands it over, and describes it for /health. */
function load(file: string, ev: AsnTableEvents): string {
  const table = AsnTable.load(file);
  ev.onTable(table);
  const t = table.size;
  return `${t.v4} IPv4 + ${t.v6} IPv6 ranges, ${t.as} AS organisations`;
}
