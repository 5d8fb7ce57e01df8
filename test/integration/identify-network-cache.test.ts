import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordCompanyEvidence } from '../../server/companies/repo.js';
import { recordLearnedMappingEvidence } from '../../server/identify/learned.js';
import { identifyIp, networkCache } from '../../server/identify/pipeline.js';
import { createIpRule } from '../../server/identify/rules.js';
import { deleteIpRule } from '../../server/identify/rules-repo.js';
import { identifyHarness, mmdb, type IdentifyHarness } from './identify-helpers.js';

/*
 * The network part of identification (MaxMind, embedded ASN table, country) is cached per /24
 * (/48) only when every source answers for the whole prefix. GeoIP2-Anonymous-IP-Test lists
 * single addresses (6.1.0.0/127, 6.1.0.2, 1.124.213.1) and whole /24s (81.2.69.0/24).
 */
let h: IdentifyHarness;
let clock = 1_000_000;
beforeAll(async () => {
  h = await identifyHarness({ maxmindFiles: [mmdb('GeoIP2-Anonymous-IP-Test')] });
});
afterAll(() => h.cleanup());
beforeEach(() => {
  h.ctx.network = networkCache(10_000, () => clock);
});

const identify = (ip: string) => identifyIp(h.ctx, h.orgId, ip);
const stats = () => ({ ...h.ctx.network.stats });

describe('the network cache of identification', () => {
  it('looks the sources up once for two addresses of one /24, and once for two of one /48', async () => {
    const a = await identify('2.3.4.5');
    const b = await identify('2.3.4.200');
    expect(a).toMatchObject({ class: 'isp', source: 'asn_table' });
    expect({ ...b, ip: a.ip }).toEqual(a);
    expect(b.ip).toBe('2.3.4.200');
    expect(stats()).toEqual({ hits: 1, misses: 1 });
    expect((await identify('81.2.69.10')).class).toBe('vpn_proxy'); // a whole /24 of MaxMind's
    expect((await identify('81.2.69.250')).class).toBe('vpn_proxy');
    expect((await identify('2a01:e01:7::1')).class).toBe('isp');
    expect((await identify('2a01:e01:7:ffff::9')).class).toBe('isp');
    expect(stats()).toEqual({ hits: 3, misses: 3 });
  });

  it('never answers an address inside a narrower MaxMind network from a neighbour of its /24', async () => {
    const neighbour = await identify('6.1.0.9'); // not listed
    expect(neighbour.class).not.toBe('vpn_proxy');
    expect(await identify('6.1.0.1')).toMatchObject({ class: 'vpn_proxy', source: 'maxmind' }); // 6.1.0.0/127
    expect(await identify('6.1.0.2')).toMatchObject({ class: 'hosting', source: 'maxmind' });
    expect((await identify('6.1.0.10')).class).toBe(neighbour.class);
    expect((await identify('1.124.213.2')).class).not.toBe('vpn_proxy');
    expect((await identify('1.124.213.1')).class).toBe('vpn_proxy'); // a single Tor exit
    expect(stats().misses).toBe(6);
    // Each address keeps its own answer once cached.
    expect((await identify('6.1.0.1')).class).toBe('vpn_proxy');
    expect((await identify('6.1.0.9')).class).toBe(neighbour.class);
    expect(stats()).toEqual({ hits: 2, misses: 6 });
  });

  it('looks the sources up again once the TTL has passed', async () => {
    await identify('2.3.4.5');
    clock += h.ctx.networkTtlMs - 1;
    await identify('2.3.4.6');
    expect(stats()).toEqual({ hits: 1, misses: 1 });
    clock += 1;
    await identify('2.3.4.7');
    expect(stats()).toEqual({ hits: 1, misses: 2 });
  });

  it('applies an IP rule or a learned mapping narrower than a cached /24 at once, to its addresses only', async () => {
    expect((await identify('2.3.4.5')).class).toBe('isp');
    const rule = createIpRule(h.db, h.orgId, { cidr: '2.3.4.16/28', action: 'company', company: { name: 'Acme' }, note: '' }, clock);
    try {
      expect(await identify('2.3.4.20')).toMatchObject({ class: 'company', company: { name: 'Acme' }, source: 'manual_rule' });
      expect((await identify('2.3.4.5')).class).toBe('isp');
    } finally {
      deleteIpRule(h.db, h.orgId, rule.id);
    }
    expect((await identify('2.3.4.20')).class).toBe('isp');
    const { company } = recordCompanyEvidence(h.db, h.orgId, { name: 'Globex', domain: 'globex.fr' }, { source: 'form_email', matchedValue: 'globex.fr', confidence: 0.9 }, clock);
    expect((await identify('198.18.50.5')).class).toBe('unknown'); // no source knows it: cached as such
    recordLearnedMappingEvidence(h.db, h.orgId, { ip: '198.18.50.9', companyId: company.id, now: clock });
    expect(await identify('198.18.50.6')).toMatchObject({ class: 'company', company: { name: 'Globex' }, source: 'learned' });
  });
});
