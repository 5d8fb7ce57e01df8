import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { nameKey, registrableDomain } from '../../server/companies/normalize.js';
import { loadBlockLists } from '../../server/identify/asn/lists.js';
import { MaxmindDatabases, type DbStatus } from '../../server/identify/maxmind/databases.js';
import { maxmindSignals, maxmindVerdicts } from '../../server/identify/resolvers/maxmind.js';
import { merge, identifyIp } from '../../server/identify/pipeline.js';
import { isNetworkDomain } from '../../server/identify/network-names.js';
import type { Verdict } from '../../server/identify/types.js';
import { tempDir } from '../helpers/temp.js';
import { firstAddress, identifyHarness, mmdb, sourceData, type IdentifyHarness } from './identify-helpers.js';

/*
 * Expected answers come from the JSON each fake database was generated from (source-data/), never
 * from hand-typed values. These databases are fake: nothing here says anything about real IPs.
 */
const lists = loadBlockLists();
const open: MaxmindDatabases[] = [];

async function databases(...files: string[]): Promise<MaxmindDatabases> {
  const dbs = new MaxmindDatabases({ dir: '', files, onStatus: () => {} });
  await dbs.start();
  open.push(dbs);
  return dbs;
}
afterAll(() => open.forEach((d) => d.close()));

const companies = (vs: Verdict[]) => vs.filter((v): v is Verdict & { kind: 'company' } => v.kind === 'company');
const classes = (vs: Verdict[]) => vs.flatMap((v) => (v.kind === 'class' ? [v.class] : []));

type Isp = { isp?: string; organization?: string; autonomous_system_number?: number; autonomous_system_organization?: string };

describe('MaxMind GeoIP2-ISP', () => {
  let dbs: MaxmindDatabases;
  beforeAll(async () => (dbs = await databases(mmdb('GeoIP2-ISP-Test'))));
  const rows = sourceData<Isp>('GeoIP2-ISP-Test');

  it('reads isp, organization and AS fields as the source data says, for every network', () => {
    for (const [net, rec] of rows) {
      const s = maxmindSignals(dbs, firstAddress(net));
      expect({ isp: s.isp, organization: s.organization, asn: s.asn, asOrganization: s.asOrganization }, net).toEqual({
        isp: rec.isp, organization: rec.organization, asn: rec.autonomous_system_number, asOrganization: rec.autonomous_system_organization,
      });
    }
  });

  it('names only the organization, never the ISP, as a company', () => {
    let named = 0;
    for (const [net, rec] of rows) {
      const found = companies(maxmindVerdicts(maxmindSignals(dbs, firstAddress(net)), lists));
      for (const c of found) {
        expect(c.candidate.name, net).toBe(rec.organization);
        if (!rec.isp || nameKey(rec.isp) !== nameKey(rec.organization!)) {
          expect(c.confidence, net).toBe(0.8);
          named++;
        } else {
          // organization = isp: no better than an AS name.
          expect(c.confidence, net).toBeLessThan(0.8);
        }
      }
      if (!rec.organization) expect(found, net).toEqual([]);
    }
    expect(named).toBeGreaterThan(100);
  });

  it('classifies a network whose organization is an operator (wireless, hosting) instead of naming it', () => {
    const operators = rows.filter(([, r]) => r.organization && /\b(wireless|hosting|telecom\w*|communications)\b/i.test(r.organization));
    expect(operators.length).toBeGreaterThan(10);
    for (const [net] of operators) {
      const best = merge(maxmindVerdicts(maxmindSignals(dbs, firstAddress(net)), lists));
      expect(best?.kind, net).toBe('class');
    }
  });
});

describe('MaxMind GeoIP2-Domain', () => {
  let dbs: MaxmindDatabases;
  beforeAll(async () => (dbs = await databases(mmdb('GeoIP2-Domain-Test'))));
  const rows = sourceData<{ domain: string }>('GeoIP2-Domain-Test');

  it('normalises each domain to its registrable form and rejects junk such as in-addr.arpa', () => {
    expect(rows.some(([, r]) => r.domain === 'in-addr.arpa')).toBe(true);
    for (const [net, rec] of rows) {
      const s = maxmindSignals(dbs, firstAddress(net));
      expect(s.domain, net).toBe(rec.domain);
      expect(s.registrableDomain, net).toBe(registrableDomain(rec.domain));
      const found = companies(maxmindVerdicts(s, lists));
      const d = registrableDomain(rec.domain);
      if (!d || isNetworkDomain(d)) expect(found, net).toEqual([]);
      else expect(found.map((c) => c.candidate.domain), net).toEqual([d]);
    }
  });

  it('lower-cases a domain written in capitals and treats access-provider domains as ISP', () => {
    const upper = rows.find(([, r]) => r.domain !== r.domain.toLowerCase())!;
    expect(maxmindSignals(dbs, firstAddress(upper[0])).registrableDomain).toBe(upper[1].domain.toLowerCase());
    for (const d of ['verizon.net', 'sfr.net', 'bbox.fr', 'comcastbusiness.net']) {
      const [net] = rows.find(([, r]) => r.domain === d)!;
      const vs = maxmindVerdicts(maxmindSignals(dbs, firstAddress(net)), lists);
      expect(companies(vs), d).toEqual([]);
      expect(classes(vs), d).toContain('isp');
    }
  });
});

type Enterprise = { traits?: Isp & { user_type?: string; connection_type?: string; domain?: string; is_legitimate_proxy?: boolean }; country?: { iso_code?: string }; registered_country?: { iso_code?: string } };

describe('MaxMind GeoIP2-Enterprise', () => {
  let dbs: MaxmindDatabases;
  beforeAll(async () => (dbs = await databases(mmdb('GeoIP2-Enterprise-Test'))));
  const rows = sourceData<Enterprise>('GeoIP2-Enterprise-Test');

  it('reads traits and country as the source data says', () => {
    for (const [net, rec] of rows) {
      const s = maxmindSignals(dbs, firstAddress(net));
      const t = rec.traits ?? {};
      expect({ org: s.organization, isp: s.isp, user: s.userType, conn: s.connectionType, domain: s.domain }, net).toEqual({
        org: t.organization, isp: t.isp, user: t.user_type, conn: t.connection_type, domain: t.domain,
      });
      expect(s.country, net).toBe(rec.country?.iso_code ?? rec.registered_country?.iso_code);
    }
  });

  it('lets a residential or cellular user type beat any organization name', () => {
    const strong = rows.filter(([, r]) => r.traits?.user_type === 'residential' || r.traits?.user_type === 'cellular');
    expect(strong.length).toBeGreaterThan(3);
    for (const [net, rec] of strong) {
      const best = merge(maxmindVerdicts(maxmindSignals(dbs, firstAddress(net)), lists));
      expect(best?.kind === 'class' && best.class, net).toBe(rec.traits!.user_type === 'residential' ? 'isp' : 'mobile');
    }
  });

  it('names a business organization that is not its ISP', () => {
    const business = rows.filter(([, r]) => {
      const t = r.traits ?? {};
      return t.organization && t.isp && nameKey(t.organization) !== nameKey(t.isp) && (!t.user_type || t.user_type === 'business');
    });
    for (const [net, rec] of business) {
      const best = merge(maxmindVerdicts(maxmindSignals(dbs, firstAddress(net)), lists));
      expect(best?.kind === 'company' && best.candidate.name, net).toBe(rec.traits!.organization);
    }
  });

  it('rejects the junk domains of its records', () => {
    const junk = rows.find(([, r]) => r.traits?.domain === 'in-addr.arpa')!;
    expect(maxmindSignals(dbs, firstAddress(junk[0])).registrableDomain).toBeNull();
  });
});

describe('MaxMind connection type, anonymous IP, ASN and geo databases', () => {
  it('maps Cellular to mobile and Cable/DSL to a weak ISP class; Corporate adds no class', async () => {
    const dbs = await databases(mmdb('GeoIP2-Connection-Type-Test'));
    for (const [net, rec] of sourceData<{ connection_type: string }>('GeoIP2-Connection-Type-Test')) {
      const vs = maxmindVerdicts(maxmindSignals(dbs, firstAddress(net)), lists);
      const expected = { Cellular: ['mobile'], 'Cable/DSL': ['isp'], Satellite: ['isp'], Dialup: ['isp'], Corporate: [] }[rec.connection_type];
      expect(classes(vs), net).toEqual(expected);
    }
  });

  it('marks anonymous VPN, Tor and proxies as vpn_proxy and hosting providers as hosting', async () => {
    const dbs = await databases(mmdb('GeoIP2-Anonymous-IP-Test'));
    type Anon = { is_anonymous_vpn?: boolean; is_tor_exit_node?: boolean; is_public_proxy?: boolean; is_residential_proxy?: boolean; is_hosting_provider?: boolean };
    for (const [net, r] of sourceData<Anon>('GeoIP2-Anonymous-IP-Test')) {
      const best = merge(maxmindVerdicts(maxmindSignals(dbs, firstAddress(net)), lists));
      const expected = r.is_anonymous_vpn || r.is_tor_exit_node || r.is_public_proxy || r.is_residential_proxy ? 'vpn_proxy' : 'hosting';
      expect(best?.kind === 'class' && best.class, net).toBe(expected);
    }
    expect(maxmindVerdicts(maxmindSignals(dbs, '8.8.8.8'), lists)).toEqual([]); // {} for unlisted addresses
  });

  it('reads GeoLite2-ASN numbers and organisations', async () => {
    const dbs = await databases(mmdb('GeoLite2-ASN-Test'));
    for (const [net, rec] of sourceData<Isp>('GeoLite2-ASN-Test')) {
      const s = maxmindSignals(dbs, firstAddress(net));
      expect([s.asn, s.asOrganization], net).toEqual([rec.autonomous_system_number, rec.autonomous_system_organization]);
    }
  });

  it.each(['GeoIP2-City-Test', 'GeoLite2-City-Test', 'GeoIP2-Country-Test', 'GeoLite2-Country-Test'])('reads the country of %s', async (name) => {
    const dbs = await databases(mmdb(name));
    for (const [net, rec] of sourceData<Enterprise>(name)) {
      expect(maxmindSignals(dbs, firstAddress(net)).country, net).toBe(rec.country?.iso_code ?? rec.registered_country?.iso_code);
    }
  });
});

describe('MaxMind files on disk', () => {
  let h: IdentifyHarness | undefined;
  let tmp: { dir: string; cleanup: () => void } | undefined;
  afterEach(() => {
    h?.cleanup();
    tmp?.cleanup();
    h = undefined;
    tmp = undefined;
  });

  it('reloads a database when its file changes, and picks up a new file, without a restart', async () => {
    tmp = tempDir();
    const file = path.join(tmp.dir, 'company.mmdb');
    fs.copyFileSync(mmdb('GeoIP2-Domain-Test'), file);
    h = await identifyHarness({ maxmindDir: tmp.dir });
    const [net, rec] = sourceData<{ domain: string }>('GeoIP2-Domain-Test')[0]!;
    const ip = firstAddress(net);
    expect(maxmindSignals(h.ctx.maxmind, ip).domain).toBe(rec.domain);

    fs.copyFileSync(mmdb('GeoIP2-Connection-Type-Test'), `${file}.tmp`);
    fs.renameSync(`${file}.tmp`, file); // how geoipupdate replaces a file
    await vi.waitFor(() => expect(h!.ctx.maxmind.has('connection')).toBe(true), { timeout: 10_000, interval: 50 });
    expect(h.ctx.maxmind.has('domain')).toBe(false);

    fs.copyFileSync(mmdb('GeoIP2-ISP-Test'), path.join(tmp.dir, 'isp.mmdb'));
    await vi.waitFor(() => expect(h!.ctx.maxmind.has('isp')).toBe(true), { timeout: 10_000, interval: 50 });
    expect(h.health.snapshot().components.maxmind?.status).toBe('ok');
  });

  it('disables a corrupt database with one log line and a degraded status; everything else keeps working', async () => {
    tmp = tempDir();
    fs.copyFileSync(mmdb('GeoIP2-City-Test-Invalid-Node-Count'), path.join(tmp.dir, 'city.mmdb'));
    fs.copyFileSync(mmdb('GeoIP2-Domain-Test'), path.join(tmp.dir, 'domain.mmdb'));
    h = await identifyHarness({ maxmindDir: tmp.dir });
    const status = h.status().maxmind.databases;
    expect(status.find((d) => d.file.endsWith('city.mmdb'))).toMatchObject({ status: 'failed', type: null });
    expect(status.find((d) => d.file.endsWith('domain.mmdb'))).toMatchObject({ status: 'ok', type: 'GeoIP2-Domain' });
    expect(h.health.snapshot().components.maxmind).toMatchObject({ status: 'degraded' });
    expect(h.health.snapshot().components.maxmind?.detail).toMatch(/city\.mmdb/);
    expect(h.logs.filter((l) => l.includes('city.mmdb'))).toHaveLength(1);
    const r = await identifyIp(h.ctx, h.orgId, '1.2.0.1');
    expect(r.company?.domain).toBe('maxmind.com');
    expect(r.country).not.toBeNull(); // the embedded country database answers instead
  });

  it('disables a database whose lookups throw at run time, once, and answers without it', async () => {
    const statuses: DbStatus[][] = [];
    const logs: string[] = [];
    const dbs = new MaxmindDatabases({ dir: '', files: [mmdb('GeoIP2-City-Test-Invalid-Node-Count')], probes: [], onStatus: (s) => statuses.push(s), log: (l) => logs.push(l) });
    await dbs.start();
    open.push(dbs);
    expect(dbs.has('city')).toBe(true);
    const throwing = sourceData<Enterprise>('GeoIP2-City-Test').map(([n]) => firstAddress(n));
    for (const ip of throwing) expect(() => maxmindSignals(dbs, ip)).not.toThrow();
    expect(dbs.has('city')).toBe(false);
    expect(statuses.at(-1)![0]).toMatchObject({ status: 'failed' });
    expect(statuses.at(-1)![0]!.detail).toMatch(/lookup failed/);
    expect(logs.filter((l) => l.includes('disabled'))).toHaveLength(1);
  });

  it('reports a configured file that does not exist, and keeps identifying', async () => {
    h = await identifyHarness({ maxmindFiles: ['/nonexistent/GeoIP2-ISP.mmdb'] });
    expect(h.health.snapshot().components.maxmind).toMatchObject({ status: 'degraded' });
    expect(h.status().maxmind.databases[0]).toMatchObject({ status: 'failed', detail: 'file not found' });
    expect((await identifyIp(h.ctx, h.orgId, '2.3.4.5')).class).toBe('isp');
  });

  it('never looks up a string that is not an IP address, even one the reader would accept', async () => {
    h = await identifyHarness({ maxmindFiles: [mmdb('GeoIP2-Domain-Test')] });
    expect(maxmindSignals(h.ctx.maxmind, '1.2.3').domain).toBe('maxmind.com'); // the reader does not validate
    for (const junk of ['1.2.3', '1.2.3.4.5', ' 1.2.0.0', '1.2.0.0\n', '']) {
      const r = await identifyIp(h.ctx, h.orgId, junk);
      expect(r, JSON.stringify(junk)).toMatchObject({ class: 'unknown', company: null, evidence: [], country: null });
    }
  });
});
