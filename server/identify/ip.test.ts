import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ipPrefix as storedPrefix } from '../collect/ip-prefix.js';
import { cidrContains, formatIpv6, ipPrefix, isPublicIp, normalizeIp, parseCidr, parseIpv4, parseIpv6, toIpNum } from './ip.js';

describe('IP parsing', () => {
  it('rejects what net.isIP rejects, including strings the MaxMind reader would accept', () => {
    for (const junk of ['1.2.3', '1.2.3.4.5', ' 1.2.0.0', '1.2.0.0 ', '256.1.1.1', '01.2.3.4', '', 'example.com', '::g', '1::2::3', 'fe80::1%eth0']) {
      expect(normalizeIp(junk), junk).toBeNull();
    }
  });

  it('unwraps IPv4-mapped IPv6 in both text forms', () => {
    expect(normalizeIp('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(normalizeIp('::FFFF:c000:0207')).toBe('192.0.2.7');
    expect(normalizeIp('2001:DB8::1')).toBe('2001:db8::1');
  });

  it('parses IPv4 and IPv6 to numbers consistently with their text', () => {
    expect(parseIpv4('192.0.2.7')).toBe(0xc0000207);
    expect(parseIpv4('1.2.3')).toBe(-1);
    expect(parseIpv6('2001:db8::1')).toEqual([0x20010db8, 0, 0, 1]);
    expect(parseIpv6('::ffff:1.2.3.4')).toEqual([0, 0, 0xffff, 0x01020304]);
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toEqual([0x10002, 0x30004, 0x50006, 0x70008]);
    expect(parseIpv6('1:2:3:4:5:6:7')).toBeNull();
    expect(formatIpv6([0x20010db8, 0, 0, 1])).toBe('2001:db8::1');
    expect(formatIpv6([0x20010db8, 0x00010000, 0, 0])).toBe('2001:db8:1::');
  });

  it('agrees with net.isIP on a sweep of generated addresses', () => {
    for (let i = 0; i < 2000; i++) {
      const a = `${i % 300}.${(i * 7) % 256}.${(i * 13) % 256}.${(i * 31) % 260}`;
      expect(normalizeIp(a) !== null, a).toBe(net.isIP(a) === 4);
      if (net.isIP(a) === 4) expect(toIpNum(a)).toEqual({ v: 4, n: a.split('.').reduce((n, o) => n * 256 + Number(o), 0) });
    }
  });
});

describe('CIDR and prefixes', () => {
  it('canonicalises a CIDR by clearing host bits; a bare address is a /32 or /128', () => {
    expect(parseCidr('192.0.2.77/24')?.text).toBe('192.0.2.0/24');
    expect(parseCidr('192.0.2.77')?.text).toBe('192.0.2.77/32');
    expect(parseCidr('2001:db8:abcd:12::1/48')?.text).toBe('2001:db8:abcd::/48');
    expect(parseCidr('2001:db8::1')?.text).toBe('2001:db8::1/128');
    expect(parseCidr('::ffff:192.0.2.0/120')?.text).toBe('192.0.2.0/24');
  });

  it('rejects invalid CIDRs', () => {
    for (const bad of ['192.0.2.0/33', '192.0.2.0/-1', '192.0.2.0/', '2001:db8::/129', 'a.b.c.d/8', '192.0.2.0/24/1', '192.0.2.0/ 24']) {
      expect(parseCidr(bad), bad).toBeNull();
    }
  });

  it('matches addresses inside a CIDR only, per family', () => {
    const c = parseCidr('192.0.2.0/25')!;
    expect(cidrContains(c, toIpNum('192.0.2.127')!)).toBe(true);
    expect(cidrContains(c, toIpNum('192.0.2.128')!)).toBe(false);
    expect(cidrContains(c, toIpNum('2001:db8::1')!)).toBe(false);
    const v6 = parseCidr('2001:db8:8000::/33')!;
    expect(cidrContains(v6, toIpNum('2001:db8:ffff::1')!)).toBe(true);
    expect(cidrContains(v6, toIpNum('2001:db8:7fff::1')!)).toBe(false);
  });

  it('writes the /24 and /48 prefixes as the collector stores them', () => {
    expect(ipPrefix('192.0.2.77')).toBe('192.0.2.0/24');
    expect(ipPrefix('2001:db8:cafe:1::5')).toBe('2001:db8:cafe::/48');
    expect(ipPrefix('2001:db8::5')).toBe('2001:db8::/48');
    expect(ipPrefix('nope')).toBeNull();
  });

  it('treats private, loopback, link-local and CGNAT space as non-public', () => {
    for (const ip of ['10.0.0.1', '127.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.1.1', '100.64.0.1', '::1', 'fe80::1', 'fd00::1']) {
      expect(isPublicIp(toIpNum(normalizeIp(ip)!)!), ip).toBe(false);
    }
    expect(isPublicIp(toIpNum('2.3.4.5')!)).toBe(true);
    expect(isPublicIp(toIpNum('2a01:e00::1')!)).toBe(true);
  });
});

describe('ipPrefix agrees with the prefix the collector stores', () => {
  it.each(['192.0.2.77', '2001:db8::5', '2001:db8:cafe:1::5', '2001:0:0:1::9', 'fe80::1', '2a01:e0a:1:2::3'])(
    'gives the same text as sessions.ip_prefix for %s, so learned mappings match visits',
    (ip) => {
      expect(ipPrefix(ip)).toBe(storedPrefix(ip));
    },
  );
});
