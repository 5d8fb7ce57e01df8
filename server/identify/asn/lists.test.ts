import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp.js';
import { ASN_CLASS_DIR, loadBlockLists } from './lists.js';

let tmp: { dir: string; cleanup: () => void } | undefined;
afterEach(() => tmp?.cleanup());

describe('hosting and VPN ASN lists', () => {
  it('loads the shipped lists', () => {
    const problems: string[] = [];
    const lists = loadBlockLists(ASN_CLASS_DIR, (f) => problems.push(f));
    expect(problems).toEqual([]);
    expect(lists.hosting.has(16276)).toBe(true); // OVH
    expect(lists.vpn.size).toBeGreaterThan(0);
  });

  it('treats a missing list as empty and reports it instead of throwing', () => {
    tmp = tempDir();
    fs.writeFileSync(path.join(tmp.dir, 'x4bnet-vpn-asn.txt'), 'AS9009 # M247\n');
    const problems: string[] = [];
    const lists = loadBlockLists(tmp.dir, (f) => problems.push(f));
    expect([...lists.vpn]).toEqual([9009]);
    expect(lists.hosting.size).toBe(0);
    expect(problems.sort()).toEqual(['brianhama-bad-asn-list.csv', 'x4bnet-datacenter-asn.txt']);
  });
});
