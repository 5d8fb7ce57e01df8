import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testConfig } from '../../server/config.js';
import { login, seedAccount, startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';

/*
 * "Degrade, don't die" for the embedded IP→ASN table, through a real server: a good table is
 * compiled in a data dir, then servers restart on that dir with a broken VIGIE_ASN_DIR.
 */
let tmp: { dir: string; cleanup: () => void };
let dataDir: string;
let tableFile: string;
let goodBytes: Buffer;
const goodAsnDir = testConfig().asnDir; // the fixture: real rows of @ip-location-db/asn

type AsnHealth = { status: string; detail?: string };

/** Starts a server on the shared data dir, waits until the ASN table is settled, returns its health. */
async function start(asnDir: string, settled: RegExp): Promise<{ srv: TestServer; asn: AsnHealth }> {
  const srv = await startTestServer({ dataDir, config: { asnDir } });
  let asn: AsnHealth = { status: 'none' };
  await vi.waitFor(async () => {
    const health = (await (await fetch(`${srv.url}/health`)).json()) as { components: Record<string, AsnHealth> };
    asn = health.components['asn-table'] ?? asn;
    expect(asn.detail ?? '').toMatch(settled);
  }, { timeout: 10_000 });
  return { srv, asn };
}

/** How the server identifies an Orange (AS3215) address through /api/identify/lookup. */
async function lookupOrange(srv: TestServer): Promise<{ class: string; source: string | null }> {
  const acct = await seedAccount(srv.deps);
  const h = await login(srv.url, acct.email, acct.password);
  const res = await fetch(`${srv.url}/api/identify/lookup`, { method: 'POST', headers: h, body: JSON.stringify({ ip: '2.3.4.5' }) });
  return ((await res.json()) as { result: { class: string; source: string | null } }).result;
}

beforeAll(async () => {
  tmp = tempDir();
  dataDir = path.join(tmp.dir, 'data');
  fs.mkdirSync(dataDir);
  tableFile = path.join(dataDir, 'asn-table.bin');
  const { srv, asn } = await start(goodAsnDir, /IPv4/);
  expect(asn.status).toBe('ok');
  await srv.close();
  goodBytes = fs.readFileSync(tableFile);
});
afterAll(() => tmp?.cleanup());

describe('IP→ASN table with a broken VIGIE_ASN_DIR', () => {
  it('keeps the good table when the source CSV is garbage, says so in /health, and recovers on a good source', async () => {
    const garbage = path.join(tmp.dir, 'garbage');
    fs.mkdirSync(garbage);
    fs.writeFileSync(path.join(garbage, 'asn-ipv4.csv'), 'this is\nnot a\nCSV of\nIP ranges\n');
    const bad = await start(garbage, /unreadable|ranges/);
    try {
      expect(bad.asn.status).toBe('degraded');
      expect(bad.asn.detail).toMatch(/asn-ipv4\.csv: 4 of 4 rows unreadable/);
      expect(bad.asn.detail).toMatch(/keeping the previous table/);
      expect(fs.readFileSync(tableFile).equals(goodBytes)).toBe(true);
      expect(await lookupOrange(bad.srv)).toMatchObject({ class: 'isp', source: 'asn_table' });
    } finally {
      await bad.srv.close();
    }

    const good = await start(goodAsnDir, /IPv4/);
    try {
      expect(good.asn.status).toBe('ok');
      expect(await lookupOrange(good.srv)).toMatchObject({ class: 'isp', source: 'asn_table' });
    } finally {
      await good.srv.close();
    }
  });

  it('uses the compiled table when the source directory does not exist, reporting it degraded', async () => {
    const nowhere = path.join(tmp.dir, 'nonexistent');
    const { srv, asn } = await start(nowhere, /no asn-ipv4\.csv/);
    try {
      expect(asn.status).toBe('degraded');
      expect(asn.detail).toContain(`no asn-ipv4.csv / asn-ipv6.csv in ${nowhere}`);
      expect(await lookupOrange(srv)).toMatchObject({ class: 'isp', source: 'asn_table' });
      expect(fs.readFileSync(tableFile).equals(goodBytes)).toBe(true);
    } finally {
      await srv.close();
    }
  });
});
