import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileAsnTable } from '../../server/identify/asn/compile.js';
import { asnSources, packageAsnDir } from '../../server/identify/asn/manager.js';
import { AsnTable } from '../../server/identify/asn/table.js';
import { loadBlockLists } from '../../server/identify/asn/lists.js';
import { ISP_ASNS, MOBILE_ASNS } from '../../server/identify/asn/known.js';
import { AsnResolver } from '../../server/identify/resolvers/asn-table.js';
import { toIpNum } from '../../server/identify/ip.js';
import { tempDir } from '../helpers/temp.js';

/*
 * The real @ip-location-db/asn data (≈ 60 MB of CSV) compiles in about a second on this machine,
 * so this test compiles all of it once and checks ranges picked from it.
 */
const FIXTURE = new URL('../fixtures/identify/asn/', import.meta.url);
let tmp: { dir: string; cleanup: () => void };
let resolver: AsnResolver;
let table: AsnTable;

beforeAll(async () => {
  tmp = tempDir();
  const src = asnSources(packageAsnDir());
  const out = path.join(tmp.dir, 'asn-table.bin');
  await compileAsnTable(src, out, src.stamp);
  table = AsnTable.load(out);
  resolver = new AsnResolver(loadBlockLists());
  resolver.setTable(table);
}, 120_000);
afterAll(() => tmp?.cleanup());

const resolve = (ip: string) => resolver.resolve(toIpNum(ip)!);

describe('embedded IP→ASN table over the real package data', () => {
  it('holds every range the test fixture copied from it, unchanged', async () => {
    for (const name of ['asn-ipv4.csv', 'asn-ipv6.csv']) {
      const wanted = new Set(fs.readFileSync(new URL(name, FIXTURE), 'utf8').split('\n').filter(Boolean));
      const rl = readline.createInterface({ input: fs.createReadStream(path.join(packageAsnDir(), name)) });
      for await (const line of rl) wanted.delete(line);
      expect([...wanted], name).toEqual([]);
    }
  });

  it.each([
    ['2.3.4.5', 'isp', 'Orange, national ISP'],
    ['37.65.1.1', 'isp', 'SFR'],
    ['62.147.10.10', 'isp', 'Free'],
    ['5.49.1.1', 'isp', 'Bouygues Telecom'],
    ['2a01:e01::1', 'isp', 'Free, IPv6'],
    ['37.165.3.4', 'mobile', 'Free Mobile'],
    ['23.18.1.1', 'mobile', 'T-Mobile USA'],
    ['2.26.132.7', 'hosting', 'OVH, hosting list'],
    ['2001:41d0:1::1', 'hosting', 'OVH, IPv6'],
    ['2.56.17.1', 'vpn_proxy', 'M247 (NordVPN), VPN list'],
    ['8.34.34.9', 'business_unknown', 'Zscaler, secure web gateway'],
    ['8.36.116.9', 'business_unknown', 'Netskope'],
    ['81.194.1.1', 'education', 'Renater, research network'],
    ['45.90.133.1', 'education', 'Universitaet Stuttgart'],
    ['143.126.1.1', 'government', 'DINUM (French government)'],
    ['2.26.33.1', 'business_unknown', 'Hurricane Electric: transit carrier, not hosting'],
    ['1.186.1.1', 'hosting', 'Microsoft: cloud that carries its staff too'],
    ['172.224.8.1', 'vpn_proxy', 'Akamai iCloud Private Relay'],
  ])('classifies %s as %s (%s)', (ip, cls) => {
    const v = resolve(ip);
    expect(v?.kind).toBe('class');
    expect(v?.kind === 'class' && v.class).toBe(cls);
  });

  it.each([
    ['138.21.5.5', 'RENAULT SAS'],
    ['2a00:7ec0::5', 'RENAULT SAS'],
    ['130.98.1.1', 'Electricite de France SA'],
    ['79.170.57.1', 'BNP PARIBAS S.A.'],
  ])('names the single organisation owning %s (%s), with less confidence than MaxMind would', (ip, name) => {
    const v = resolve(ip);
    expect(v?.kind).toBe('company');
    expect(v?.kind === 'company' && v.candidate.name).toBe(name);
    expect(v!.confidence).toBeLessThan(0.8);
    expect(v!.source).toBe('asn_table');
  });

  it('never turns a listed ISP or mobile operator range into a company', async () => {
    const operators = new Set([...Object.keys(ISP_ASNS), ...Object.keys(MOBILE_ASNS)].map(Number));
    let checked = 0;
    const rl = readline.createInterface({ input: fs.createReadStream(path.join(packageAsnDir(), 'asn-ipv4.csv')) });
    for await (const line of rl) {
      const [start, , asn] = line.split(',');
      if (!operators.has(Number(asn))) continue;
      const v = resolve(start!);
      expect(v?.kind, line).toBe('class');
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('answers null for unallocated space and stays compact', () => {
    expect(resolve('0.0.0.1')).toBeNull();
    expect(table.size.v4).toBeGreaterThan(300_000);
    expect(table.size.bytes).toBeLessThan(40 * 1024 * 1024);
  });
});
