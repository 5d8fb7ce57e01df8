import fs from 'node:fs';
import readline from 'node:readline';
import { parseIpv4, parseIpv6 } from '../ip.js';
import { writeTable, type TableParts } from './format.js';

export type AsnSources = { ipv4Csv: string | null; ipv6Csv: string | null };

/** What one source CSV gave: its non-blank rows, how many could not be read, and the first such line. */
export type CsvReport = { file: string; rows: number; unreadable: number; firstUnreadableLine: number | null };

export type CompileResult = { v4: number; v6: number; as: number; csv: CsvReport[] };

/**
 * Compiles @ip-location-db/asn style CSVs (`start,end,asn,"organisation"`, inclusive ranges)
 * into Vigie's binary table: sorted ranges for binary search and a table of AS organisations.
 * Streams the input, so the event loop keeps serving while a 60 MB source compiles, and writes
 * the result atomically (temp file + rename) so a reader never sees half a table. Returns the
 * counts and, per CSV, the rows it could not read: the caller judges whether the table is usable.
 * Example: `await compileAsnTable({ ipv4Csv: 'asn-ipv4.csv', ipv6Csv: null }, 'out.bin', 'v1')`.
 */
export async function compileAsnTable(src: AsnSources, outFile: string, stamp: string): Promise<CompileResult> {
  const as = new AsIndex();
  const v4 = { start: [] as number[], end: [] as number[], as: [] as number[] };
  const v6 = { start: [] as number[], end: [] as number[], as: [] as number[] };
  const csv: CsvReport[] = [];
  if (src.ipv4Csv) {
    csv.push(await eachRow(src.ipv4Csv, (a, b, asn, name) => {
      const s = parseIpv4(a);
      const e = parseIpv4(b);
      if (s < 0 || e < 0 || e < s) return false;
      pushMerged4(v4, s, e, as.id(asn, name));
      return true;
    }));
  }
  if (src.ipv6Csv) {
    csv.push(await eachRow(src.ipv6Csv, (a, b, asn, name) => {
      const s = parseIpv6(a);
      const e = parseIpv6(b);
      if (!s || !e || cmp6(e, s) < 0) return false;
      v6.start.push(...s);
      v6.end.push(...e);
      v6.as.push(as.id(asn, name));
      return true;
    }));
  }
  const parts: TableParts = {
    stamp,
    v4: sortRanges4(v4),
    v6: sortRanges6(v6),
    asNumbers: Uint32Array.from(as.numbers),
    asNames: as.names,
  };
  const tmp = `${outFile}.${process.pid}.${Date.now()}.tmp`;
  try {
    await fs.promises.writeFile(tmp, writeTable(parts));
    await fs.promises.rename(tmp, outFile);
  } finally {
    await fs.promises.rm(tmp, { force: true });
  }
  return { v4: parts.v4.start.length, v6: parts.v6.as.length, as: as.numbers.length, csv };
}

class AsIndex {
  readonly numbers: number[] = [];
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();

  id(asn: number, name: string): number {
    const key = `${asn}\u0000${name}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.numbers.length;
      this.ids.set(key, id);
      this.numbers.push(asn);
      this.names.push(name);
    }
    return id;
  }
}

/**
 * Reads `start,end,asn,name` rows; the name may be quoted with `""` escapes. Bad rows (and rows
 * `onRow` refuses) are skipped but counted, so the caller can tell a stray line from a corrupt file.
 */
async function eachRow(file: string, onRow: (start: string, end: string, asn: number, name: string) => boolean): Promise<CsvReport> {
  const report: CsvReport = { file, rows: 0, unreadable: 0, firstUnreadableLine: null };
  const rl = readline.createInterface({ input: fs.createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === '') continue;
    report.rows++;
    if (!readRow(line, onRow)) {
      report.unreadable++;
      report.firstUnreadableLine ??= lineNo;
    }
  }
  return report;
}

function readRow(line: string, onRow: (start: string, end: string, asn: number, name: string) => boolean): boolean {
  const c1 = line.indexOf(',');
  const c2 = line.indexOf(',', c1 + 1);
  const c3 = line.indexOf(',', c2 + 1);
  if (c1 < 0 || c2 < 0 || c3 < 0) return false;
  const asnText = line.slice(c2 + 1, c3).trim();
  const asn = Number(asnText);
  if (asnText === '' || !Number.isInteger(asn) || asn < 0 || asn > 0xffffffff) return false;
  let name = line.slice(c3 + 1).trim();
  if (name.startsWith('"') && name.endsWith('"') && name.length >= 2) name = name.slice(1, -1).replace(/""/g, '"');
  return onRow(line.slice(0, c1).trim(), line.slice(c1 + 1, c2).trim(), asn, name);
}

/** Adjacent ranges of the same AS become one (the CSV splits them by source). */
function pushMerged4(t: { start: number[]; end: number[]; as: number[] }, s: number, e: number, asId: number): void {
  const last = t.start.length - 1;
  if (last >= 0 && t.as[last] === asId && t.end[last]! + 1 === s) {
    t.end[last] = e;
    return;
  }
  t.start.push(s);
  t.end.push(e);
  t.as.push(asId);
}

function sortRanges4(t: { start: number[]; end: number[]; as: number[] }) {
  const order = t.start.map((_, i) => i);
  if (!isSorted(t.start)) order.sort((a, b) => t.start[a]! - t.start[b]!);
  const start = new Uint32Array(order.length);
  const end = new Uint32Array(order.length);
  const as = new Uint32Array(order.length);
  let prevEnd = -1;
  let n = 0;
  for (const i of order) {
    // Overlapping rows would break the binary search: the earlier range wins its addresses.
    const s = Math.max(t.start[i]!, prevEnd + 1);
    if (s > t.end[i]!) continue;
    start[n] = s;
    end[n] = t.end[i]!;
    as[n] = t.as[i]!;
    prevEnd = t.end[i]!;
    n++;
  }
  return { start: start.slice(0, n), end: end.slice(0, n), as: as.slice(0, n) };
}

function sortRanges6(t: { start: number[]; end: number[]; as: number[] }) {
  const n = t.as.length;
  const word = (arr: number[], i: number) => [arr[i * 4]!, arr[i * 4 + 1]!, arr[i * 4 + 2]!, arr[i * 4 + 3]!];
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => cmp6(word(t.start, a), word(t.start, b)));
  const start = new Uint32Array(n * 4);
  const end = new Uint32Array(n * 4);
  const as = new Uint32Array(n);
  let k = 0;
  let prevEnd: number[] | null = null;
  for (const i of order) {
    const s = word(t.start, i);
    const e = word(t.end, i);
    if (prevEnd && cmp6(s, prevEnd) <= 0) continue; // overlap: keep the earlier range
    start.set(s, k * 4);
    end.set(e, k * 4);
    as[k] = t.as[i]!;
    prevEnd = e;
    k++;
  }
  return { start: start.slice(0, k * 4), end: end.slice(0, k * 4), as: as.slice(0, k) };
}

function isSorted(a: number[]): boolean {
  for (let i = 1; i < a.length; i++) if (a[i]! < a[i - 1]!) return false;
  return true;
}

export function cmp6(a: ArrayLike<number>, b: ArrayLike<number>): number {
  for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}
