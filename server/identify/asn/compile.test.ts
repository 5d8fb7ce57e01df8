import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp.js';
import { compileAsnTable } from './compile.js';
import { ensureAsnTable } from './manager.js';
import { AsnTable } from './table.js';

const V4 = [
  '1.0.0.0,1.0.0.255,13335,"Cloudflare, Inc."',
  '1.0.4.0,1.0.7.255,38803,Gtelecom Pty Ltd',
  '1.0.8.0,1.0.8.255,38803,Gtelecom Pty Ltd', // adjacent, same AS: merged
  '2.3.0.0,2.15.255.255,3215,Orange S.A.',
  '5.0.0.0,5.0.0.255,3216,"PJSC ""Vimpelcom"""',
  'garbage line',
  '9.9.9.9,9.9.9.1,1,inverted range skipped',
  '255.255.255.0,255.255.255.255,64512,Last Range',
].join('\n');
const V6 = ['2001:660::,2001:660:301f:ffff:ffff:ffff:ffff:ffff,2200,Renater', '2a01:e00::,2a01:e03:ffff:ffff:ffff:ffff:ffff:ffff,12322,Free SAS'].join('\n');

let tmp: { dir: string; cleanup: () => void };
afterEach(() => tmp?.cleanup());

function sources() {
  tmp = tempDir();
  fs.writeFileSync(path.join(tmp.dir, 'asn-ipv4.csv'), V4);
  fs.writeFileSync(path.join(tmp.dir, 'asn-ipv6.csv'), V6);
  return tmp.dir;
}

describe('compiled IP→ASN table', () => {
  it('finds the range of an address by binary search, at both ends of each range', async () => {
    const dir = sources();
    const out = path.join(dir, 't.bin');
    const counts = await compileAsnTable({ ipv4Csv: path.join(dir, 'asn-ipv4.csv'), ipv6Csv: path.join(dir, 'asn-ipv6.csv') }, out, 's1');
    expect(counts).toMatchObject({ v4: 5, v6: 2, as: 7 });
    // The garbage line and the inverted range are skipped, and counted.
    expect(counts.csv.map((r) => [path.basename(r.file), r.rows, r.unreadable, r.firstUnreadableLine])).toEqual([
      ['asn-ipv4.csv', 8, 2, 6],
      ['asn-ipv6.csv', 2, 0, null],
    ]);
    const t = AsnTable.load(out);
    expect(t.stamp).toBe('s1');
    expect(t.lookup('1.0.0.0')).toMatchObject({ asn: 13335, name: 'Cloudflare, Inc.' });
    expect(t.lookup('1.0.0.255')?.asn).toBe(13335);
    expect(t.lookup('1.0.1.0')).toBeNull(); // gap between ranges
    expect(t.lookup('1.0.8.200')).toMatchObject({ asn: 38803, name: 'Gtelecom Pty Ltd' });
    expect(t.lookup('2.15.255.255')?.asn).toBe(3215);
    expect(t.lookup('5.0.0.9')?.name).toBe('PJSC "Vimpelcom"');
    expect(t.lookup('255.255.255.255')?.asn).toBe(64512);
    expect(t.lookup('0.0.0.1')).toBeNull();
    expect(t.lookup('2001:660:301f:ffff::1')?.name).toBe('Renater');
    expect(t.lookup('2001:660:3020::1')).toBeNull();
    expect(t.lookup('2a01:e01:1234::1')?.asn).toBe(12322);
    expect(t.lookup('::1')).toBeNull();
  });

  it('compiles at first start, then loads the file without compiling again', async () => {
    const dir = sources();
    const file = path.join(dir, 'data', 'asn-table.bin');
    const logs: string[] = [];
    const statuses: string[] = [];
    const ev = { onTable: () => {}, onStatus: (s: string, d: string) => statuses.push(`${s}:${d}`), log: (l: string) => logs.push(l) };
    await ensureAsnTable(file, dir, ev);
    expect(logs.filter((l) => l.includes('compiled'))).toHaveLength(1);
    expect(statuses[0]).toMatch(/^degraded:compiling/);
    expect(statuses.at(-1)).toMatch(/^ok:/);
    const mtime = fs.statSync(file).mtimeMs;
    await ensureAsnTable(file, dir, ev);
    expect(logs.filter((l) => l.includes('compiled'))).toHaveLength(1);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
  });

  it('recompiles when the source changes, serving the old table meanwhile', async () => {
    const dir = sources();
    const file = path.join(dir, 'asn-table.bin');
    const tables: AsnTable[] = [];
    const ev = { onTable: (t: AsnTable) => tables.push(t), onStatus: () => {} };
    await ensureAsnTable(file, dir, ev);
    fs.appendFileSync(path.join(dir, 'asn-ipv4.csv'), '\n9.0.0.0,9.0.0.255,64513,Added Later');
    await ensureAsnTable(file, dir, ev);
    expect(tables).toHaveLength(3); // first load, the stale table while compiling, the new one
    expect(tables[1]!.lookup('9.0.0.1')).toBeNull();
    expect(tables[2]!.lookup('9.0.0.1')?.name).toBe('Added Later');
  });

  it('replaces a corrupt or truncated table file instead of failing', async () => {
    const dir = sources();
    const file = path.join(dir, 'asn-table.bin');
    await ensureAsnTable(file, dir, { onTable: () => {}, onStatus: () => {} });
    fs.truncateSync(file, 200);
    let status = '';
    let table: AsnTable | null = null;
    await ensureAsnTable(file, dir, { onTable: (t) => (table = t), onStatus: (s) => (status = s) });
    expect(status).toBe('ok');
    expect(table!.lookup('2.3.4.5')?.asn).toBe(3215);
  });

  it('reports a missing source as degraded without throwing', async () => {
    tmp = tempDir();
    let status = '';
    await ensureAsnTable(path.join(tmp.dir, 'x.bin'), path.join(tmp.dir, 'nowhere'), { onTable: () => {}, onStatus: (s, d) => (status = `${s}:${d}`) });
    expect(status).toMatch(/^degraded:no asn-ipv4.csv/);
  });
});
