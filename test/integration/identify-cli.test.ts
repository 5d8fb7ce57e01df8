import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/db/open.js';
import { createOrganisation } from '../../server/orgs/repo.js';
import { createIpRule } from '../../server/identify/rules.js';
import { tempDir } from '../helpers/temp.js';
import { mmdb } from './identify-helpers.js';

const run = promisify(execFile);
const tmp = tempDir('vigie-identify-cli-');
const env = {
  ...process.env,
  VIGIE_DATA_DIR: tmp.dir,
  VIGIE_ASN_DIR: fileURLToPath(new URL('../fixtures/identify/asn/', import.meta.url)),
  VIGIE_MAXMIND_FILES: mmdb('GeoIP2-Domain-Test'),
  VIGIE_RDNS: 'false',
};
let db: Db;

beforeAll(() => {
  db = openDb(path.join(tmp.dir, 'vigie.db'));
  const org = createOrganisation(db, 'Acme Org');
  createIpRule(db, org.id, { cidr: '2.3.4.0/24', action: 'company', company: { name: 'Acme', domain: 'acme.fr' }, note: 'HQ' }, Date.now());
});
afterAll(() => {
  db.close();
  tmp.cleanup();
});

/** `npx vigie identify …` runs this same bin. */
async function vigie(args: string[]): Promise<{ code: number; lines: Array<Record<string, any>>; stderr: string }> {
  const res = await run(process.execPath, ['bin/vigie.mjs', 'identify', ...args], { env }).catch((e: { code: number; stdout: string; stderr: string }) => e);
  const out = res as { stdout: string; stderr: string; code?: number };
  return { code: typeof out.code === 'number' ? out.code : 0, lines: out.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)), stderr: out.stderr };
}

describe('vigie identify (command line)', () => {
  it('prints one JSON object per IP with class, company, confidence, source and evidence', async () => {
    const out = await vigie(['2.3.99.1', '138.21.5.5', '1.2.0.1']);
    expect(out.code).toBe(0);
    expect(out.lines).toHaveLength(3);
    expect(out.lines[0]).toMatchObject({ ip: '2.3.99.1', class: 'isp', company: null, confidence: 0.75, source: 'asn_table' });
    expect(out.lines[0]!.evidence[0]).toMatchObject({ source: 'asn_table', matched: 'AS3215', detail: { asOrganization: 'Orange S.A.' } });
    expect(out.lines[1]).toMatchObject({ class: 'company', company: { name: 'RENAULT SAS', domain: null }, source: 'asn_table' });
    expect(out.lines[2]).toMatchObject({ class: 'company', company: { name: 'maxmind.com', domain: 'maxmind.com' }, source: 'maxmind' });
  });

  it("applies the only organisation's IP rules (or the one named with --org)", async () => {
    expect((await vigie(['2.3.4.5'])).lines[0]).toMatchObject({ class: 'company', company: { name: 'Acme', domain: 'acme.fr' }, source: 'manual_rule', confidence: 1 });
    expect((await vigie(['--org', 'Acme Org', '2.3.4.5'])).lines[0]).toMatchObject({ source: 'manual_rule' });
    const missing = await vigie(['--org', 'Nobody', '2.3.4.5']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no organisation Nobody');
  });

  it('flags arguments that are not IP addresses and exits 1; no argument prints the usage', async () => {
    const out = await vigie(['1.2.3', '2.3.99.1']);
    expect(out.code).toBe(1);
    expect(out.lines[0]).toMatchObject({ ip: '1.2.3', error: 'not an IPv4 or IPv6 address', company: null });
    expect(out.lines[1]).toMatchObject({ class: 'isp' });
    const usage = await vigie([]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: vigie identify [--org ORG] IP [IP…]');
  });
});
