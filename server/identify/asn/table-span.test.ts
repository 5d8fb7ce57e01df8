import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp.js';
import { toIpNum } from '../ip.js';
import { PrefixSpan } from '../prefix-span.js';
import { compileAsnTable } from './compile.js';
import { AsnTable } from './table.js';

const V4 = [
  '5.0.0.0,5.0.3.255,3215,Orange S.A.', // several whole /24s
  '5.0.4.0,5.0.4.63,64500,Small Range One', // a /26, then a gap in the same /24
  '5.0.5.128,5.0.5.255,64501,Small Range Two', // a gap, then a /25
  '5.0.6.0,5.0.6.255,64502,Exact Slash24',
  '5.0.7.0,5.0.7.127,64503,Half A', // two ranges share 5.0.7.0/24
  '5.0.7.128,5.0.8.255,64504,Half B',
].join('\n');
const V6 = ['2a00:7ec0::,2a00:7ec0:0:ffff:ffff:ffff:ffff:ffff,8528,Whole Slash48', '2a00:7ec1::,2a00:7ec1:0:7fff:ffff:ffff:ffff:ffff,8529,Slash49'].join('\n');

let tmp: { dir: string; cleanup: () => void };
let table: AsnTable;
beforeAll(async () => {
  tmp = tempDir();
  fs.writeFileSync(path.join(tmp.dir, 'asn-ipv4.csv'), V4);
  fs.writeFileSync(path.join(tmp.dir, 'asn-ipv6.csv'), V6);
  const out = path.join(tmp.dir, 't.bin');
  await compileAsnTable({ ipv4Csv: path.join(tmp.dir, 'asn-ipv4.csv'), ipv6Csv: path.join(tmp.dir, 'asn-ipv6.csv') }, out, 's');
  table = AsnTable.load(out);
});
afterAll(() => tmp.cleanup());

/** The AS found and whether that answer holds for the address's whole /24 (/48). */
function lookup(ip: string): [number | null, boolean] {
  const num = toIpNum(ip)!;
  const span = new PrefixSpan(num);
  const hit = num.v === 4 ? table.lookup4(num.n, span) : table.lookup6(num.w, span);
  return [hit?.asn ?? null, span.whole];
}

describe('ASN table lookups with a prefix span', () => {
  it('say whole when the range found covers the /24, exactly or more', () => {
    expect(lookup('5.0.2.77')).toEqual([3215, true]);
    expect(lookup('5.0.6.0')).toEqual([64502, true]);
    expect(lookup('5.0.8.1')).toEqual([64504, true]); // the end of a range that started mid-/24
  });

  it('say narrow when the range found is smaller than the /24, or shares it with another range', () => {
    expect(lookup('5.0.4.1')).toEqual([64500, false]);
    expect(lookup('5.0.5.200')).toEqual([64501, false]);
    expect(lookup('5.0.7.1')).toEqual([64503, false]);
    expect(lookup('5.0.7.200')).toEqual([64504, false]);
  });

  it('say narrow for a gap that a range enters, whole for a gap no range touches', () => {
    expect(lookup('5.0.4.200')).toEqual([null, false]); // after the /26
    expect(lookup('5.0.5.1')).toEqual([null, false]); // before the /25
    expect(lookup('5.0.9.1')).toEqual([null, true]);
    expect(lookup('4.255.255.255')).toEqual([null, true]);
    expect(lookup('0.0.0.1')).toEqual([null, true]);
  });

  it('check the /48 of an IPv6 address the same way', () => {
    expect(lookup('2a00:7ec0:0:ffff::1')).toEqual([8528, true]);
    expect(lookup('2a00:7ec1::1')).toEqual([8529, false]);
    expect(lookup('2a00:7ec1:0:8000::1')).toEqual([null, false]);
    expect(lookup('2a00:7ec2::1')).toEqual([null, true]);
  });
});
