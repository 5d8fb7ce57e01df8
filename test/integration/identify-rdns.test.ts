import dns2 from 'dns2';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReverseDns, rdnsVerdict } from '../../server/identify/resolvers/rdns.js';
import { identifyIp } from '../../server/identify/pipeline.js';
import { identifyHarness, type IdentifyHarness } from './identify-helpers.js';

const { Packet } = dns2;

/** A local DNS server on 127.0.0.1 with a tiny zone; names in `silent` never get an answer. */
const PTR: Record<string, string> = {
  '7.100.51.198.in-addr.arpa': 'gw.acme-corp.fr',
  '8.100.51.198.in-addr.arpa': 'www.bigbank.com',
  '9.100.51.198.in-addr.arpa': '9-100-51-198.dsl.example.net',
  '12.100.51.198.in-addr.arpa': 'mail.orange.fr',
  '13.100.51.198.in-addr.arpa': 'in-addr.arpa',
  '7.132.26.2.in-addr.arpa': 'vpn.initech.de',
  '7.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa': 'v6.acme-corp.fr',
};
const A: Record<string, string> = {
  'gw.acme-corp.fr': '198.51.100.7',
  'www.bigbank.com': '203.0.113.1',
  '9-100-51-198.dsl.example.net': '198.51.100.9',
  'mail.orange.fr': '198.51.100.12',
  'vpn.initech.de': '2.26.132.7',
};
const AAAA: Record<string, string> = { 'v6.acme-corp.fr': '2001:db8::7' };
const silent = new Set(['11.100.51.198.in-addr.arpa']);
const queries: string[] = [];

const server = dns2.createUDPServer((request, send) => {
  const q = request.questions[0]!;
  queries.push(q.name);
  if (silent.has(q.name)) return; // let the client time out
  const res = Packet.createResponseFromRequest(request);
  const add = (type: number, data: Record<string, string>) => res.answers.push({ name: q.name, type, class: Packet.CLASS.IN, ttl: 60, ...data } as never);
  if (q.type === Packet.TYPE.PTR && PTR[q.name]) add(Packet.TYPE.PTR, { domain: PTR[q.name]! });
  else if (q.type === Packet.TYPE.A && A[q.name]) add(Packet.TYPE.A, { address: A[q.name]! });
  else if (q.type === Packet.TYPE.AAAA && AAAA[q.name]) add(Packet.TYPE.AAAA, { address: AAAA[q.name]! });
  else res.header.rcode = 3; // NXDOMAIN
  void send(res);
});

let dnsServer: string;
beforeAll(async () => {
  await server.listen(0, '127.0.0.1');
  dnsServer = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const rdns = () => new ReverseDns({ servers: [dnsServer] });

describe('reverse DNS against a local DNS server', () => {
  it('names a company from a forward-confirmed corporate host name', async () => {
    const r = await rdns().lookup('198.51.100.7');
    expect(r).toEqual({ status: 'company', host: 'gw.acme-corp.fr', domain: 'acme-corp.fr' });
    expect(rdnsVerdict(r)).toMatchObject({ kind: 'company', candidate: { name: 'acme-corp.fr', domain: 'acme-corp.fr' }, source: 'rdns', confidence: 0.7, matched: 'gw.acme-corp.fr' });
  });

  it('forward-confirms IPv6 addresses too', async () => {
    expect(await rdns().lookup('2001:db8::7')).toMatchObject({ status: 'company', domain: 'acme-corp.fr' });
  });

  it('does not trust a PTR whose name resolves elsewhere', async () => {
    const r = await rdns().lookup('198.51.100.8');
    expect(r).toEqual({ status: 'unconfirmed', host: 'www.bigbank.com' });
    expect(rdnsVerdict(r)).toMatchObject({ kind: 'class', class: 'unknown', confidence: 0 });
  });

  it('classifies dynamic host names and ISP domains as ISP, not companies', async () => {
    const dyn = await rdns().lookup('198.51.100.9');
    expect(dyn.status).toBe('dynamic');
    expect(rdnsVerdict(dyn)).toMatchObject({ kind: 'class', class: 'isp' });
    const isp = await rdns().lookup('198.51.100.12');
    expect(isp.status).toBe('network-domain');
    expect(rdnsVerdict(isp)).toMatchObject({ kind: 'class', class: 'isp' });
    expect((await rdns().lookup('198.51.100.13')).status).toBe('junk');
  });

  it('answers no-ptr for NXDOMAIN and timeout when the server stays silent', async () => {
    expect(await rdns().lookup('198.51.100.10')).toEqual({ status: 'no-ptr' });
    expect(await rdns().lookup('198.51.100.11')).toEqual({ status: 'timeout' });
    expect(rdnsVerdict({ status: 'timeout' })).toBeNull();
  });

  it('caches answers, failures included, so a busy address costs one query', async () => {
    const r = rdns();
    await r.lookup('198.51.100.7');
    await r.lookup('198.51.100.10');
    const before = queries.length;
    await Promise.all([r.lookup('198.51.100.7'), r.lookup('198.51.100.10'), r.lookup('198.51.100.7')]);
    expect(queries.length).toBe(before);
  });
});

describe('reverse DNS in the pipeline', () => {
  let h: IdentifyHarness;
  beforeAll(async () => (h = await identifyHarness({ reverseDns: true, dnsServers: [dnsServer] })));
  afterAll(() => h.cleanup());

  it('lets a confirmed company PTR beat a hosting-list match', async () => {
    const r = await identifyIp(h.ctx, h.orgId, '2.26.132.7'); // OVH range, PTR vpn.initech.de confirmed
    expect(r).toMatchObject({ class: 'company', company: { name: 'initech.de', domain: 'initech.de' }, source: 'rdns' });
    expect(r.evidence.map((e) => e.value)).toEqual(['initech.de', 'hosting']);
  });

  it('does not ask DNS when a surer verdict already decides (an ISP range)', async () => {
    const before = queries.length;
    expect((await identifyIp(h.ctx, h.orgId, '2.3.4.5')).class).toBe('isp');
    expect(queries.length).toBe(before);
  });

  it('keeps the class when reverse DNS has nothing better', async () => {
    expect(await identifyIp(h.ctx, h.orgId, '198.51.100.9')).toMatchObject({ class: 'isp', source: 'rdns' });
    expect((await identifyIp(h.ctx, h.orgId, '198.51.100.11')).class).toBe('unknown');
  });
});
