import { isIPv4, isIPv6 } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The client IP of a request: the socket peer, or, when that peer is a reverse proxy the operator
 * trusts (VIGIE_TRUSTED_PROXIES), the right-most hop of X-Forwarded-For / Forwarded that is not
 * itself a trusted proxy. Anything left of that hop was written by the client and can be forged.
 */

/** Which header the trusted proxies write. Reading both would let a client forge the one its proxy ignores. */
export type ProxyHeader = 'x-forwarded-for' | 'forwarded';

/** Eight 16-bit groups of an IPv6 address, or null. Accepts `::`, embedded IPv4 and zone ids. */
export function ipv6Groups(ip: string): number[] | null {
  const addr = ip.replace(/%.*$/, '');
  if (!isIPv6(addr)) return null;
  let text = addr;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const b = v4[1]!.split('.').map(Number);
    text = `${text.slice(0, v4.index)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  const groups = [...left, ...fill, ...right].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

/**
 * Canonical text of an IP address, or null when `raw` is not one: IPv4 dotted, IPv6 in Node's
 * compressed lower case, and IPv4-mapped IPv6 (`::ffff:10.0.0.1`, `::ffff:a00:1`) as plain IPv4.
 */
export function normalizeIp(raw: string): string | null {
  const s = raw.trim();
  if (isIPv4(s)) return s;
  const g = ipv6Groups(s);
  if (!g) return null;
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
  }
  return compressIpv6(g);
}

/** RFC 5952 text of eight groups (lower case, longest zero run as ::). */
export function compressIpv6(g: number[]): string {
  // The longest run of zero groups (length >= 2) becomes '::' (RFC 5952).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** An address as 128 bits (IPv4 as IPv4-mapped IPv6), or null when `ip` is not an address. */
function toBits(ip: string): bigint | null {
  if (isIPv4(ip)) {
    const [a, b, c, d] = ip.split('.').map(Number) as [number, number, number, number];
    return 0xffff00000000n | BigInt(((a << 24) >>> 0) + (b << 16) + (c << 8) + d);
  }
  const g = ipv6Groups(ip);
  return g ? g.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n) : null;
}

/**
 * Builds a matcher for the configured proxies (IPs or CIDRs, IPv4 or IPv6, IPv4-mapped IPv6 seen
 * as IPv4); throws on a bad entry. Answers are memoised: a server sees few distinct peers.
 */
export function trustedProxies(entries: readonly string[]): (ip: string) => boolean {
  if (entries.length === 0) return () => false;
  const nets = entries.map((entry) => {
    const [addr = '', bits, extra] = entry.trim().split('/');
    const ip = normalizeIp(addr);
    const base = ip === null ? null : toBits(ip);
    const width = ip !== null && isIPv4(ip) ? 32 : 128;
    const prefix = bits === undefined ? width : /^\d+$/.test(bits) ? Number(bits) : NaN;
    if (base === null || extra !== undefined || !(prefix <= width)) {
      throw new Error(`VIGIE_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR`);
    }
    const shift = BigInt(width - prefix);
    return { network: base >> shift, shift };
  });
  const memo = new Map<string, boolean>();
  return (ip) => {
    const hit = memo.get(ip);
    if (hit !== undefined) return hit;
    const bits = toBits(ip);
    const trusted = bits !== null && nets.some((n) => bits >> n.shift === n.network);
    if (memo.size >= 10_000) memo.clear();
    memo.set(ip, trusted);
    return trusted;
  };
}

/** Hops of an X-Forwarded-For value, left (client side) to right (nearest proxy). */
export function xForwardedForHops(value: string): string[] {
  return value.split(',').map((s) => s.trim());
}

/** The `for=` node of each element of a Forwarded (RFC 7239) value, ports and brackets removed. */
export function forwardedHops(value: string): string[] {
  return splitOutsideQuotes(value, ',').map((element) => {
    for (const pair of splitOutsideQuotes(element, ';')) {
      const eq = pair.indexOf('=');
      if (eq < 0 || pair.slice(0, eq).trim().toLowerCase() !== 'for') continue;
      let node = pair.slice(eq + 1).trim();
      if (node.startsWith('"')) node = node.slice(1, node.endsWith('"') ? -1 : undefined).replace(/\\(.)/g, '$1');
      const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(node);
      if (bracketed) return bracketed[1]!;
      const v4port = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(node);
      return v4port ? v4port[1]! : node; // 'unknown' and '_obfuscated' stay as they are: not IPs
    }
    return ''; // an element without for= hides the hop
  });
}

function splitOutsideQuotes(s: string, sep: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\' && quoted) i++;
    else if (ch === '"') quoted = !quoted;
    else if (ch === sep && !quoted) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/**
 * The client IP given the socket peer and the proxy header's hops. Walks right to left while the
 * hop is a trusted proxy; a hop that is not an IP stops the walk at the last hop known to be good
 * (the proxy that reported it), since nothing it relayed can be checked.
 */
export function resolveClientIp(peer: string, hops: readonly string[], isTrusted: (ip: string) => boolean): string {
  let ip = normalizeIp(peer) ?? peer;
  if (!isTrusted(ip)) return ip;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeIp(hops[i]!);
    if (!hop) return ip;
    ip = hop;
    if (!isTrusted(hop)) return hop;
  }
  return ip;
}

export type ClientIpOptions = { isTrusted: (ip: string) => boolean; header: ProxyHeader };

/** The client IP of a Hono request served by @hono/node-server. */
export function clientIp(c: Context, opts: ClientIpOptions): string {
  return clientIpOf(getConnInfo(c).remote.address ?? '', (name) => c.req.header(name), opts);
}

/** The client IP from the socket peer's address and the request's headers (Node or Hono). */
export function clientIpOf(socketAddress: string, header: (name: ProxyHeader) => string | undefined, opts: ClientIpOptions): string {
  const peer = normalizeIp(socketAddress) ?? socketAddress;
  if (!opts.isTrusted(peer)) return peer;
  const value = header(opts.header);
  if (!value) return peer;
  const hops = opts.header === 'forwarded' ? forwardedHops(value) : xForwardedForHops(value);
  return resolveClientIp(peer, hops, opts.isTrusted);
}
