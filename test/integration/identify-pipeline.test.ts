import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../../server/orgs/repo.js';
import { getCompany, recordCompanyEvidence } from '../../server/companies/repo.js';
import { identifyIp, merge } from '../../server/identify/pipeline.js';
import { createIpRule } from '../../server/identify/rules.js';
import { deleteIpRule } from '../../server/identify/rules-repo.js';
import { findLearnedMapping, recordLearnedMappingEvidence, setLearnedMappingRevoked } from '../../server/identify/learned.js';
import { decayLearnedMappings } from '../../server/identify/learned-decay.js';
import { identifyEmailDomain } from '../../server/identify/email.js';
import type { Verdict } from '../../server/identify/types.js';
import { identifyHarness, mmdb, type IdentifyHarness } from './identify-helpers.js';

let h: IdentifyHarness;
beforeAll(async () => {
  // MaxMind Enterprise + Anonymous-IP fixtures on top of the embedded fixture table.
  h = await identifyHarness({ maxmindFiles: [mmdb('GeoIP2-Enterprise-Test'), mmdb('GeoIP2-Anonymous-IP-Test')] });
});
afterAll(() => h.cleanup());

const identify = (ip: string, orgId = h.orgId) => identifyIp(h.ctx, orgId, ip);
const now = () => Date.now();

describe('network classes from the embedded table', () => {
  it.each([
    ['2.3.4.5', 'isp'],
    ['62.147.1.1', 'isp'],
    ['2a01:e01::1', 'isp'],
    ['37.165.3.4', 'mobile'],
    ['8.34.34.9', 'business_unknown'],
    ['2605:4300:1200::9', 'business_unknown'],
    ['2.26.132.7', 'hosting'],
    ['2.56.17.1', 'vpn_proxy'],
    ['81.194.1.1', 'education'],
    ['143.126.1.1', 'government'],
  ])('%s is %s, and never a company', async (ip, cls) => {
    const r = await identify(ip);
    expect(r).toMatchObject({ class: cls, company: null, source: 'asn_table' });
    expect(r.evidence[0]).toMatchObject({ source: 'asn_table', kind: 'class', value: cls });
  });

  it('names a company that owns its AS, with the AS as evidence, and gives the country', async () => {
    const r = await identify('138.21.5.5');
    expect(r).toMatchObject({ class: 'company', company: { name: 'RENAULT SAS' }, source: 'asn_table', confidence: 0.5, country: 'FR' });
    expect(r.evidence[0]).toMatchObject({ matched: 'AS8528', detail: { asn: 8528, asOrganization: 'RENAULT SAS' } });
  });

  it('says unknown for private space and for space no source knows', async () => {
    expect(await identify('10.1.2.3')).toMatchObject({ class: 'unknown', company: null, country: null });
    expect((await identify('192.0.2.44')).class).toBe('unknown');
  });
});

describe('merging verdicts', () => {
  const company = (confidence: number, source: Verdict['source'] = 'asn_table'): Verdict => ({ kind: 'company', candidate: { name: 'Acme' }, source, confidence, matched: 'x', evidence: {} });
  const cls = (confidence: number, source: Verdict['source'] = 'maxmind'): Verdict => ({ kind: 'class', class: 'isp', source, confidence, matched: 'y', evidence: {} });

  it('lets a strong class stop a weak company guess', () => {
    expect(merge([cls(0.9), company(0.5)])?.kind).toBe('class');
    expect(merge([company(0.5), cls(0.5)])?.kind).toBe('class'); // equal: the class wins
  });

  it('keeps a company that is surer than the class, and the surest company of several', () => {
    expect(merge([company(0.7, 'rdns'), cls(0.6, 'asn_table')])?.source).toBe('rdns');
    expect(merge([company(0.5), company(0.8, 'maxmind')])?.source).toBe('maxmind');
    expect(merge([])).toBeNull();
  });

  it('lets MaxMind residential beat the organization of the same record', async () => {
    const r = await identify('128.101.101.101'); // Enterprise: organization "Precision Org", user_type residential
    expect(r).toMatchObject({ class: 'isp', company: null, source: 'maxmind', confidence: 0.9 });
    expect(r.evidence[0]).toMatchObject({ matched: 'user_type residential', detail: { organization: 'Precision Org' } });
  });

  it('calls a MaxMind business network without an organization business_unknown', async () => {
    const r = await identify('1.9.127.107'); // Enterprise: user_type business only
    expect(r).toMatchObject({ class: 'business_unknown', source: 'maxmind' });
  });
});

describe('manual IP rules', () => {
  it('override every other source, for a company rule', async () => {
    const rule = createIpRule(h.db, h.orgId, { cidr: '2.3.0.0/16', action: 'company', company: { name: 'Acme', domain: 'acme.fr' }, note: '' }, now());
    const vpn = createIpRule(h.db, h.orgId, { cidr: '81.2.69.160/28', action: 'company', companyId: rule.companyId!, note: '' }, now());
    try {
      const r = await identify('2.3.4.5'); // an Orange (ISP) address
      expect(r).toMatchObject({ class: 'company', company: { id: rule.companyId, name: 'Acme', domain: 'acme.fr' }, source: 'manual_rule', confidence: 1 });
      expect(r.evidence).toHaveLength(1);
      const strong = await identify('81.2.69.161'); // MaxMind: anonymous VPN + government
      expect(strong).toMatchObject({ class: 'company', source: 'manual_rule' });
    } finally {
      deleteIpRule(h.db, h.orgId, rule.id);
      deleteIpRule(h.db, h.orgId, vpn.id);
    }
    expect((await identify('2.3.4.5')).class).toBe('isp');
  });

  it('ignore rules win; the most specific rule wins when rules nest', async () => {
    const office = createIpRule(h.db, h.orgId, { cidr: '138.21.0.0/16', action: 'ignore', note: 'our offices' }, now());
    const lab = createIpRule(h.db, h.orgId, { cidr: '138.21.7.0/24', action: 'company', company: { name: 'Lab Partner' }, note: '' }, now());
    const host = createIpRule(h.db, h.orgId, { cidr: '138.21.7.9', action: 'ignore', note: '' }, now());
    try {
      expect(await identify('138.21.5.5')).toMatchObject({ class: 'ignored', company: null, source: 'manual_rule' });
      expect(await identify('138.21.7.8')).toMatchObject({ class: 'company', company: { name: 'Lab Partner' } });
      expect((await identify('138.21.7.9')).class).toBe('ignored');
    } finally {
      for (const r of [office, lab, host]) deleteIpRule(h.db, h.orgId, r.id);
    }
  });

  it('apply to private and IPv6 addresses, and only for their organisation', async () => {
    const other = createOrganisation(h.db, 'Other org');
    const a = createIpRule(h.db, h.orgId, { cidr: '10.0.0.0/8', action: 'company', company: { name: 'Intranet' }, note: '' }, now());
    const b = createIpRule(h.db, h.orgId, { cidr: '2001:db8::/32', action: 'ignore', note: '' }, now());
    try {
      expect((await identify('10.9.8.7')).company?.name).toBe('Intranet');
      expect((await identify('2001:db8:1::5')).class).toBe('ignored');
      expect((await identify('::ffff:10.9.8.7')).company?.name).toBe('Intranet');
      expect((await identify('10.9.8.7', other.id)).class).toBe('unknown');
    } finally {
      deleteIpRule(h.db, h.orgId, a.id);
      deleteIpRule(h.db, h.orgId, b.id);
    }
  });
});

describe('learned mappings', () => {
  it('identify a prefix after a form fill, grow with evidence, and stop when revoked', async () => {
    const { company } = recordCompanyEvidence(h.db, h.orgId, { name: 'Globex', domain: 'globex.fr' }, { source: 'form_email', matchedValue: 'globex.fr', confidence: 0.9 }, now());
    const m = recordLearnedMappingEvidence(h.db, h.orgId, { ip: '192.0.2.10', companyId: company.id, now: now() })!.mapping!;
    expect(m).toMatchObject({ prefix: '192.0.2.0/24', evidenceCount: 1, confidence: 0.6, revoked: false });
    expect(await identify('192.0.2.200')).toMatchObject({ class: 'company', company: { id: company.id, name: 'Globex' }, source: 'learned', confidence: 0.6 });
    expect(recordLearnedMappingEvidence(h.db, h.orgId, { prefix: '192.0.2.0/24', companyId: company.id, now: now() })?.mapping).toMatchObject({ evidenceCount: 2, confidence: 0.7 });
    expect((await identify('192.0.2.200')).confidence).toBe(0.7);

    setLearnedMappingRevoked(h.db, h.orgId, m.id, true, now());
    expect(findLearnedMapping(h.db, h.orgId, '192.0.2.200')).toBeNull();
    expect((await identify('192.0.2.200')).class).toBe('unknown');
    // New evidence is counted but never re-enables a revoked mapping.
    expect(recordLearnedMappingEvidence(h.db, h.orgId, { ip: '192.0.2.11', companyId: company.id, now: now() })).toMatchObject({ outcome: 'revoked', mapping: { evidenceCount: 3, revoked: true } });
    expect((await identify('192.0.2.200')).class).toBe('unknown');

    setLearnedMappingRevoked(h.db, h.orgId, m.id, false, now());
    expect((await identify('192.0.2.200')).source).toBe('learned');
  });

  it('refuse evidence from shared networks and invalid prefixes', () => {
    const { company } = recordCompanyEvidence(h.db, h.orgId, { name: 'Initech', domain: 'initech.fr' }, { source: 'form_email', matchedValue: 'initech.fr', confidence: 0.9 }, now());
    expect(recordLearnedMappingEvidence(h.db, h.orgId, { ip: '2.3.4.5', companyId: company.id, networkClass: 'isp', now: now() })).toMatchObject({ outcome: 'shared-network', mapping: null });
    expect(findLearnedMapping(h.db, h.orgId, '2.3.4.5')).toBeNull();
    expect(recordLearnedMappingEvidence(h.db, h.orgId, { ip: 'nope', companyId: company.id, now: now() })).toBeNull();
    const other = createOrganisation(h.db, 'Another org');
    expect(() => recordLearnedMappingEvidence(h.db, other.id, { ip: '198.51.100.1', companyId: company.id, now: now() })).toThrow(/not found/);
  });

  it('use the /48 of an IPv6 address', async () => {
    const { company } = recordCompanyEvidence(h.db, h.orgId, { name: 'Hooli', domain: 'hooli.com' }, { source: 'form_email', matchedValue: 'hooli.com', confidence: 0.9 }, now());
    expect(recordLearnedMappingEvidence(h.db, h.orgId, { ip: '2001:db8:77:1::5', companyId: company.id, now: now() })?.mapping?.prefix).toBe('2001:db8:77::/48');
    expect((await identify('2001:db8:77:ffff::1')).company?.name).toBe('Hooli');
  });

  it('apply a caller\'s rule: N distinct evidence keys within the window before mapping', async () => {
    const { company } = recordCompanyEvidence(h.db, h.orgId, { name: 'Soylent', domain: 'soylent.fr' }, { source: 'form_email', matchedValue: 'soylent.fr', confidence: 0.9 }, now());
    const rule = { minEvidence: 2, windowMs: 10 * 86_400_000 };
    const record = (ip: string, evidenceKey: string, at = now()) => recordLearnedMappingEvidence(h.db, h.orgId, { ip, companyId: company.id, evidenceKey, now: at }, rule);
    expect(record('198.18.7.1', 'old@soylent.fr', now() - 11 * 86_400_000)).toMatchObject({ outcome: 'not-yet', evidence: 1 });
    expect(record('198.18.7.2', 'ana@soylent.fr')).toMatchObject({ outcome: 'not-yet', evidence: 1 }); // the old one is out of the window
    expect(record('198.18.7.2', 'ANA@soylent.fr')).toMatchObject({ outcome: 'not-yet', evidence: 1 }); // the same person again
    expect((await identify('198.18.7.9')).source).not.toBe('learned');
    expect(record('198.18.7.3', 'ben@soylent.fr')).toMatchObject({ outcome: 'created', evidence: 2, mapping: { evidenceCount: 2, confidence: 0.7 } });
    expect((await identify('198.18.7.9')).company?.name).toBe('Soylent');
    // A known mapping counts all its distinct evidence, old included.
    expect(record('198.18.7.4', 'cleo@soylent.fr')).toMatchObject({ outcome: 'updated', mapping: { evidenceCount: 4, confidence: 0.9 } });
    expect((await identify('198.18.7.9')).confidence).toBe(0.9);
  });

  it('identify with the faded confidence once a mapping fades, without a restart', async () => {
    const { company } = recordCompanyEvidence(h.db, h.orgId, { name: 'Wonka', domain: 'wonka.fr' }, { source: 'form_email', matchedValue: 'wonka.fr', confidence: 0.9 }, now());
    recordLearnedMappingEvidence(h.db, h.orgId, { ip: '198.18.11.1', companyId: company.id, now: now() });
    expect((await identify('198.18.11.9')).confidence).toBe(0.6);
    expect(decayLearnedMappings(h.db, h.orgId, now() + 180 * 86_400_000)).toBeGreaterThan(0);
    expect((await identify('198.18.11.9'))).toMatchObject({ source: 'learned', confidence: 0.3 });
  });

  it('stop using a mapping once its company is deleted', async () => {
    const { company } = recordCompanyEvidence(h.db, h.orgId, { name: 'Vandelay', domain: 'vandelay.fr' }, { source: 'form_email', matchedValue: 'vandelay.fr', confidence: 0.9 }, now());
    recordLearnedMappingEvidence(h.db, h.orgId, { ip: '198.18.9.1', companyId: company.id, now: now() });
    expect((await identify('198.18.9.9')).company?.name).toBe('Vandelay');
    h.db.prepare('DELETE FROM companies WHERE id = ?').run(company.id);
    expect(findLearnedMapping(h.db, h.orgId, '198.18.9.9')).not.toBeNull(); // still in memory…
    expect((await identify('198.18.9.9')).source).not.toBe('learned'); // …but never used
    expect(findLearnedMapping(h.db, h.orgId, '198.18.9.9')).toBeNull();
  });
});

describe('identification by e-mail domain', () => {
  it('finds or creates the company of a business domain, never duplicating it', () => {
    const first = identifyEmailDomain(h.db, h.orgId, 'Jane.Doe@Sales.Umbrella-Corp.fr', { now: now() });
    expect(first).toMatchObject({ kind: 'company', created: true, domain: 'umbrella-corp.fr', company: { name: 'Umbrella Corp', domain: 'umbrella-corp.fr' } });
    const again = identifyEmailDomain(h.db, h.orgId, 'john@umbrella-corp.fr', { now: now(), name: 'Umbrella Corporation SAS' });
    expect(again).toMatchObject({ kind: 'company', created: false });
    expect(again.kind === 'company' && again.company.id).toBe(first.kind === 'company' && first.company.id);
    const c = getCompany(h.db, h.orgId, first.kind === 'company' ? first.company.id : '')!;
    expect(c.bestSource).toBe('form_email');
    const evidence = h.db.prepare('SELECT source, matched_value FROM company_evidence WHERE company_id = ?').all(c.id);
    expect(evidence).toEqual([{ source: 'form_email', matched_value: 'umbrella-corp.fr' }, { source: 'form_email', matched_value: 'umbrella-corp.fr' }]);
  });

  it('never creates a company from free-mail, ISP-mail or disposable domains', () => {
    const before = h.db.prepare('SELECT count(*) FROM companies').pluck().get();
    expect(identifyEmailDomain(h.db, h.orgId, 'x@gmail.com', { now: now() })).toEqual({ kind: 'free-mail', domain: 'gmail.com' });
    expect(identifyEmailDomain(h.db, h.orgId, 'x@wanadoo.fr', { now: now() })).toEqual({ kind: 'free-mail', domain: 'wanadoo.fr' });
    expect(identifyEmailDomain(h.db, h.orgId, 'x@0-mail.com', { now: now() }).kind).toBe('disposable');
    expect(identifyEmailDomain(h.db, h.orgId, 'x@localhost', { now: now() }).kind).toBe('invalid');
    expect(h.db.prepare('SELECT count(*) FROM companies').pluck().get()).toBe(before);
  });

  it('does not attach a typed name to another company that already has it', () => {
    recordCompanyEvidence(h.db, h.orgId, { name: 'Stark Industries', domain: 'stark.com' }, { source: 'import', matchedValue: 'stark.com', confidence: 1 }, now());
    const r = identifyEmailDomain(h.db, h.orgId, 'tony@notstark.io', { now: now(), name: 'Stark Industries' });
    expect(r).toMatchObject({ kind: 'company', created: true, company: { domain: 'notstark.io' } });
    expect(r.kind === 'company' && r.company.name).not.toBe('Stark Industries');
  });
});
