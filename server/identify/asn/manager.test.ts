import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp.js';
import { compileAsnTable } from './compile.js';
import { asnSources, ensureAsnTable } from './manager.js';
import type { AsnTable } from './table.js';

/** `n` distinct, non-adjacent /24 ranges of distinct ASes: 10.0.0.0/24, 10.0.2.0/24, … */
const rows4 = (n: number) =>
  Array.from({ length: n }, (_, i) => `10.${Math.floor(i / 100)}.${(i % 100) * 2}.0,10.${Math.floor(i / 100)}.${(i % 100) * 2}.255,${64512 + i},Net ${i}`);
const V6 = '2a01:e00::,2a01:e03:ffff:ffff:ffff:ffff:ffff:ffff,12322,Free SAS';
const GARBAGE = ['<html>', '<body>Not found</body>', '</html>', '%PDF-1.4 garbage'];

let tmp: { dir: string; cleanup: () => void };
afterEach(() => tmp?.cleanup());

/** A source directory under the temp dir holding the given CSV lines (null: no such file). */
function sourceDir(name: string, v4: string[] | null, v6: string[] | null = [V6]): string {
  const dir = path.join(tmp.dir, name);
  fs.mkdirSync(dir, { recursive: true });
  if (v4) fs.writeFileSync(path.join(dir, 'asn-ipv4.csv'), v4.join('\n') + '\n');
  if (v6) fs.writeFileSync(path.join(dir, 'asn-ipv6.csv'), v6.join('\n') + '\n');
  return dir;
}

/** Runs the manager and keeps what it handed over and reported. */
async function run(file: string, dir: string) {
  const tables: AsnTable[] = [];
  const statuses: Array<{ status: string; detail: string }> = [];
  await ensureAsnTable(file, dir, { onTable: (t) => tables.push(t), onStatus: (status, detail) => statuses.push({ status, detail }) });
  return { table: tables.at(-1) ?? null, tables, last: statuses.at(-1)! };
}

/** A data dir whose asn-table.bin was compiled from 40 good IPv4 ranges + 1 IPv6 range. */
async function goodTable(): Promise<{ file: string; bytes: Buffer }> {
  tmp = tempDir();
  const file = path.join(tmp.dir, 'data', 'asn-table.bin');
  const first = await run(file, sourceDir('good', rows4(40)));
  expect(first.last.status).toBe('ok');
  return { file, bytes: fs.readFileSync(file) };
}

describe('IP→ASN table manager, degrading without losing the table', () => {
  it('keeps the previous table when the source CSV is garbage, and takes a good source at the next start', async () => {
    const { file, bytes } = await goodTable();
    const bad = await run(file, sourceDir('garbage', GARBAGE, null));
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(bad.table?.lookup('10.0.2.7')?.asn).toBe(64513);
    expect(bad.last.status).toBe('degraded');
    expect(bad.last.detail).toMatch(/asn-ipv4\.csv: 4 of 4 rows unreadable \(first at line 1\)/);
    expect(bad.last.detail).toMatch(/keeping the previous table \(40 IPv4 \+ 1 IPv6 ranges/);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['asn-table.bin']); // no temp file left

    const fixed = await run(file, sourceDir('fixed', [...rows4(40), '11.0.0.0,11.0.0.255,64999,Added']));
    expect(fixed.last).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^41 IPv4 \+ 1 IPv6 ranges/) });
    expect(fixed.table?.lookup('11.0.0.9')?.name).toBe('Added');
  });

  it('refuses a CSV with more unreadable rows than a stray line or two', async () => {
    const { file, bytes } = await goodTable();
    const mixed = [...rows4(40), ...GARBAGE, ...GARBAGE, ...GARBAGE];
    const bad = await run(file, sourceDir('mixed', mixed));
    expect(bad.last.status).toBe('degraded');
    expect(bad.last.detail).toMatch(/asn-ipv4\.csv: 12 of 52 rows unreadable \(first at line 41\)/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('accepts a source with a few unreadable rows (a header line)', async () => {
    const { file } = await goodTable();
    const res = await run(file, sourceDir('header', ['start,end,asn,name', ...rows4(45)]));
    expect(res.last).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^45 IPv4/) });
  });

  it('refuses a table that lost most of its ranges, like a cut download', async () => {
    const { file, bytes } = await goodTable();
    const cut = await run(file, sourceDir('cut', rows4(12)));
    expect(cut.last.status).toBe('degraded');
    expect(cut.last.detail).toMatch(/only 12 IPv4 ranges where the table in use has 40/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(cut.table?.lookup('10.0.78.1')?.asn).toBe(64512 + 39);
  });

  it('runs without a table, degraded, when the first source is garbage', async () => {
    tmp = tempDir();
    const file = path.join(tmp.dir, 'data', 'asn-table.bin');
    const res = await run(file, sourceDir('garbage', GARBAGE, null));
    expect(res.tables).toEqual([]);
    expect(res.last.status).toBe('degraded');
    expect(res.last.detail).toMatch(/asn-ipv4\.csv: 4 of 4 rows unreadable.*running without the IP→ASN table/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('does not report an empty table left on disk as ok', async () => {
    tmp = tempDir();
    const dir = sourceDir('garbage', GARBAGE, null);
    const file = path.join(tmp.dir, 'asn-table.bin');
    await compileAsnTable({ ipv4Csv: null, ipv6Csv: null }, file, asnSources(dir).stamp);
    const res = await run(file, dir);
    expect(res.last.status).toBe('degraded');
    expect(res.last.detail).toMatch(/4 of 4 rows unreadable/);
  });

  it('still loads the compiled table when the source directory is missing', async () => {
    const { file, bytes } = await goodTable();
    const nowhere = path.join(tmp.dir, 'nonexistent');
    const res = await run(file, nowhere);
    expect(res.last.status).toBe('degraded');
    expect(res.last.detail).toContain(`no asn-ipv4.csv / asn-ipv6.csv in ${nowhere}`);
    expect(res.last.detail).toMatch(/using the table compiled earlier \(40 IPv4 \+ 1 IPv6 ranges/);
    expect(res.table?.lookup('10.0.4.4')?.asn).toBe(64514);
    expect(res.table?.lookup('2a01:e01::1')?.name).toBe('Free SAS');
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });
});
