import type { IpNum } from './ip.js';

/** The network a cached answer is shared across: /24 for IPv4, /48 for IPv6 (as `ipPrefix`). */
export const CACHE_PREFIX_BITS = { 4: 24, 6: 48 } as const;

/**
 * Collects, over the lookups made for one address, whether every answer read holds for the
 * whole cache prefix around it. A source answering for a narrower network (a MaxMind /28 of
 * VPN exits, an ASN range of 64 addresses) or that cannot tell (a lookup that threw) narrows it,
 * and the answer is then cached for the address alone.
 * Example: `span.within(28)` on an IPv4 address → `span.whole === false`.
 */
export class PrefixSpan {
  whole = true;
  readonly bits: number;

  constructor(ip: IpNum) {
    this.bits = CACHE_PREFIX_BITS[ip.v];
  }

  /** A source's answer holds for the network of `prefixLength` bits around the address. */
  within(prefixLength: number): void {
    if (prefixLength > this.bits) this.whole = false;
  }

  /** A source's answer may differ elsewhere in the prefix. */
  narrow(): void {
    this.whole = false;
  }
}
