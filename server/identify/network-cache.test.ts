import { describe, expect, it } from 'vitest';
import { toIpNum } from './ip.js';
import { NetworkCache } from './network-cache.js';

const at = (ip: string) => [ip, toIpNum(ip)!] as const;

describe('NetworkCache (the per-prefix network answers)', () => {
  it('answers every address of a /24 or /48 from one answer stored for the whole prefix', () => {
    const cache = new NetworkCache<string>(100, () => 0);
    cache.set(...at('192.0.2.7'), 'isp', true, 1_000);
    expect(cache.get(...at('192.0.2.250'))).toBe('isp');
    expect(cache.get(...at('192.0.3.7'))).toBeUndefined();
    cache.set(...at('2001:db8:5::1'), 'hosting', true, 1_000);
    expect(cache.get(...at('2001:db8:5:ffff::9'))).toBe('hosting');
    expect(cache.get(...at('2001:db8:6::1'))).toBeUndefined();
    expect(cache.stats).toEqual({ hits: 2, misses: 2 });
  });

  it('keeps an answer that holds for a narrower network to its own address', () => {
    const cache = new NetworkCache<string>(100, () => 0);
    cache.set(...at('192.0.2.1'), 'vpn_proxy', false, 1_000);
    expect(cache.get(...at('192.0.2.1'))).toBe('vpn_proxy');
    expect(cache.get(...at('192.0.2.2'))).toBeUndefined();
    cache.set(...at('192.0.2.2'), 'isp', false, 1_000);
    expect([cache.get(...at('192.0.2.1')), cache.get(...at('192.0.2.2'))]).toEqual(['vpn_proxy', 'isp']);
  });

  it('forgets an answer after its TTL', () => {
    let now = 0;
    const cache = new NetworkCache<string>(100, () => now);
    cache.set(...at('192.0.2.7'), 'isp', true, 1_000);
    now = 999;
    expect(cache.get(...at('192.0.2.8'))).toBe('isp');
    now = 1_000;
    expect(cache.get(...at('192.0.2.8'))).toBeUndefined();
  });

  it('drops an answer computed before a clear (the data it came from was replaced meanwhile)', () => {
    const cache = new NetworkCache<string>(100, () => 0);
    const before = cache.generation;
    cache.clear();
    cache.set(...at('192.0.2.7'), 'stale', true, 1_000, before);
    expect(cache.get(...at('192.0.2.7'))).toBeUndefined();
    cache.set(...at('192.0.2.7'), 'fresh', true, 1_000, cache.generation);
    expect(cache.get(...at('192.0.2.7'))).toBe('fresh');
  });
});
