import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

describe('submission rate limiter', () => {
  it('allows `limit` hits per key and window, then says how long to wait', () => {
    let now = 0;
    const rl = new RateLimiter(2, 60_000, () => now);
    expect([rl.hit('a'), rl.hit('a'), rl.hit('a')]).toEqual([0, 0, 60]);
    expect(rl.hit('b')).toBe(0);
    now = 60_000;
    expect(rl.hit('a')).toBe(0);
  });

  it('keeps memory bounded when 50,000 addresses each try once within one window', () => {
    const rl = new RateLimiter(20, 600_000, () => 1_000);
    for (let i = 0; i < 50_000; i++) rl.hit(`198.51.${i}`);
    expect(rl.size).toBeLessThanOrEqual(10_000);
    // A recent key is still counted.
    for (let i = 0; i < 20; i++) rl.hit('198.51.49999-busy');
    expect(rl.hit('198.51.49999-busy')).toBeGreaterThan(0);
  });
});
