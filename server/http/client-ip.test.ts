import { describe, expect, it } from 'vitest';
import { forwardedHops, ipv6Groups, normalizeIp, resolveClientIp, trustedProxies, xForwardedForHops } from './client-ip.js';

describe('normalizeIp', () => {
  it('keeps IPv4 and compresses IPv6 in lower case', () => {
    expect(normalizeIp('203.0.113.7')).toBe('203.0.113.7');
    expect(normalizeIp('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(normalizeIp('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
  });

  it('turns IPv4-mapped IPv6, dotted or hex, into IPv4', () => {
    expect(normalizeIp('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(normalizeIp('::FFFF:c000:0201')).toBe('192.0.2.1');
  });

  it('rejects what is not an address', () => {
    for (const bad of ['', 'unknown', '_hidden', '999.1.1.1', '1.2.3', 'fe80::1::2', '<script>']) expect(normalizeIp(bad)).toBeNull();
  });

  it('expands :: and embedded IPv4 into eight groups', () => {
    expect(ipv6Groups('::')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(ipv6Groups('64:ff9b::192.0.2.33')).toEqual([0x64, 0xff9b, 0, 0, 0, 0, 0xc000, 0x221]);
  });
});

describe('trustedProxies', () => {
  const trusted = trustedProxies(['10.0.0.0/8', '192.0.2.10', '2001:db8:cafe::/48', '::1']);

  it('matches IPv4 CIDRs and single addresses', () => {
    expect(trusted('10.200.3.4')).toBe(true);
    expect(trusted('11.0.0.1')).toBe(false);
    expect(trusted('192.0.2.10')).toBe(true);
    expect(trusted('192.0.2.11')).toBe(false);
  });

  it('matches IPv6 CIDRs and addresses, and IPv4-mapped IPv6 against IPv4 rules', () => {
    expect(trusted('2001:db8:cafe:12::9')).toBe(true);
    expect(trusted('2001:db8:caff::9')).toBe(false);
    expect(trusted('::1')).toBe(true);
    expect(trusted('::ffff:10.1.1.1')).toBe(true);
  });

  it('trusts nothing when the list is empty, and never a non-address', () => {
    expect(trustedProxies([])('127.0.0.1')).toBe(false);
    expect(trusted('not-an-ip')).toBe(false);
  });

  it('refuses a malformed entry at start-up', () => {
    expect(() => trustedProxies(['10.0.0.0/33'])).toThrow(/VIGIE_TRUSTED_PROXIES/);
    expect(() => trustedProxies(['proxy.local'])).toThrow(/VIGIE_TRUSTED_PROXIES/);
    expect(() => trustedProxies(['10.0.0.0/8/1'])).toThrow(/VIGIE_TRUSTED_PROXIES/);
  });
});

describe('proxy headers', () => {
  it('splits X-Forwarded-For into hops', () => {
    expect(xForwardedForHops('203.0.113.7, 10.0.0.2 ,10.0.0.3')).toEqual(['203.0.113.7', '10.0.0.2', '10.0.0.3']);
  });

  it('reads the for= node of each Forwarded element (quotes, brackets, ports, other pairs)', () => {
    const value = 'for=192.0.2.43, for="[2001:db8:cafe::17]:4711";proto=https, by=10.0.0.1;for="198.51.100.9:8080", for=unknown, proto=http';
    expect(forwardedHops(value)).toEqual(['192.0.2.43', '2001:db8:cafe::17', '198.51.100.9', 'unknown', '']);
  });

  it('keeps separators inside quoted values', () => {
    expect(forwardedHops('for="_a,b;c", For=203.0.113.5')).toEqual(['_a,b;c', '203.0.113.5']);
  });
});

describe('resolveClientIp', () => {
  const trusted = trustedProxies(['127.0.0.1', '10.0.0.0/8']);

  it('uses the socket peer when it is not a trusted proxy, whatever the headers say', () => {
    expect(resolveClientIp('198.51.100.1', ['203.0.113.7'], trusted)).toBe('198.51.100.1');
  });

  it('takes the right-most hop that is not a trusted proxy', () => {
    expect(resolveClientIp('127.0.0.1', ['6.6.6.6', '203.0.113.7', '10.1.1.1'], trusted)).toBe('203.0.113.7');
  });

  it('ignores a forged left-most hop', () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the real address.
    expect(resolveClientIp('127.0.0.1', ['1.2.3.4', '198.51.100.20'], trusted)).toBe('198.51.100.20');
  });

  it('stops at a hop that is not an address and keeps the proxy that reported it', () => {
    expect(resolveClientIp('127.0.0.1', ['203.0.113.7', 'garbage', '10.0.0.5'], trusted)).toBe('10.0.0.5');
  });

  it('falls back to the left-most hop when every hop is a trusted proxy', () => {
    expect(resolveClientIp('127.0.0.1', ['10.0.0.9', '10.0.0.8'], trusted)).toBe('10.0.0.9');
  });

  it('normalises mapped peers and hops', () => {
    expect(resolveClientIp('::ffff:127.0.0.1', ['::ffff:203.0.113.9'], trusted)).toBe('203.0.113.9');
  });
});
