import net from 'node:net';
import { compressIpv6 } from '../http/client-ip.js';

/** An address as numbers: IPv4 as one uint32, IPv6 as four uint32 words (big-endian order). */
export type IpNum = { v: 4; n: number } | { v: 6; w: [number, number, number, number] };

/**
 * Validates with `net.isIP` and unwraps IPv4-mapped IPv6 (`::ffff:1.2.3.4` → `1.2.3.4`).
 * Returns null for anything that is not an IP address, so junk never reaches a lookup.
 */
export function normalizeIp(input: string): string | null {
  // Zone ids (`fe80::1%eth0`) pass net.isIP but name no network of the internet.
  if (typeof input !== 'string' || input.length > 45 || input.includes('%')) return null;
  const kind = net.isIP(input);
  if (kind === 4) return input;
  if (kind !== 6) return null;
  const s = input.toLowerCase();
  if (s.startsWith('::ffff:')) {
    const rest = s.slice(7);
    if (net.isIP(rest) === 4) return rest;
    const w = parseIpv6(s);
    if (w && w[0] === 0 && w[1] === 0 && w[2] === 0xffff) return formatIpv4(w[3]);
  }
  return s;
}

/** Parses a dotted quad without allocating; -1 when malformed. */
export function parseIpv4(s: string): number {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return -1;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return n * 256 + part;
}

export function formatIpv4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Parses any IPv6 text form (`::`, embedded IPv4) into four words; null when malformed. */
export function parseIpv6(input: string): [number, number, number, number] | null {
  let s = input;
  const groups: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.', lastColon)) {
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (v4 < 0) return null;
    s = `${s.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  for (const g of head) groups.push(hex16(g));
  for (let i = 0; i < missing && halves.length === 2; i++) groups.push(0);
  for (const g of tail) groups.push(hex16(g));
  if (groups.length !== 8 || groups.some((g) => g < 0)) return null;
  return [
    (groups[0]! * 65536 + groups[1]!) >>> 0,
    (groups[2]! * 65536 + groups[3]!) >>> 0,
    (groups[4]! * 65536 + groups[5]!) >>> 0,
    (groups[6]! * 65536 + groups[7]!) >>> 0,
  ];
}

function hex16(g: string): number {
  if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return -1;
  return parseInt(g, 16);
}

/** RFC 5952 text form of four 32-bit words (the collector's compressor, so both write one text). */
export function formatIpv6(w: readonly number[]): string {
  const g: number[] = [];
  for (const x of w) g.push(x >>> 16, x & 0xffff);
  return compressIpv6(g);
}

/** A normalised IP (see `normalizeIp`) as numbers. */
export function toIpNum(ip: string): IpNum | null {
  if (ip.includes(':')) {
    const w = parseIpv6(ip);
    return w ? { v: 6, w } : null;
  }
  const n = parseIpv4(ip);
  return n < 0 ? null : { v: 4, n };
}

/** Keeps the first `len` bits of an address. */
export function maskIp(ip: IpNum, len: number): IpNum {
  if (ip.v === 4) return { v: 4, n: len === 0 ? 0 : (ip.n & (~0 << (32 - len))) >>> 0 };
  const w = ip.w.map((x, i) => {
    const bits = Math.max(0, Math.min(32, len - i * 32));
    return bits === 0 ? 0 : (x & (~0 << (32 - bits))) >>> 0;
  }) as [number, number, number, number];
  return { v: 6, w };
}

export const formatIp = (ip: IpNum): string => (ip.v === 4 ? formatIpv4(ip.n) : formatIpv6(ip.w));

/**
 * The prefix Vigie keeps instead of the IP (/24 for IPv4, /48 for IPv6), as CIDR text:
 * `ipPrefix('192.0.2.77')` → `'192.0.2.0/24'`. Learned mappings are keyed by it.
 */
export function ipPrefix(ip: string): string | null {
  const norm = normalizeIp(ip);
  const num = norm && toIpNum(norm);
  return num ? prefixOf(num) : null;
}

/** `ipPrefix` of an address already parsed (see `toIpNum`). */
export function prefixOf(num: IpNum): string {
  if (num.v === 4) return `${formatIpv4((num.n & 0xffffff00) >>> 0)}/24`;
  // Formatted by the same RFC 5952 compressor as the collector's stored `ip_prefix`, so a learned
  // mapping's prefix always equals the sessions' (2001:db8::/48, not 2001:db8:0::/48).
  const [a, b] = num.w;
  return `${formatIpv6([a, b & 0xffff0000, 0, 0])}/48`;
}

export type Cidr = { net: IpNum; len: number; text: string };

/**
 * Parses `a.b.c.d/n` or `x::/n` (a bare address means /32 or /128) to its canonical network,
 * host bits cleared: `parseCidr('192.0.2.7/24').text` → `'192.0.2.0/24'`. Null when invalid.
 */
export function parseCidr(input: string): Cidr | null {
  const s = input.trim();
  const slash = s.indexOf('/');
  const addr = normalizeIp(slash < 0 ? s : s.slice(0, slash));
  if (!addr) return null;
  const ip = toIpNum(addr);
  if (!ip) return null;
  const max = ip.v === 4 ? 32 : 128;
  let len = max;
  if (slash >= 0) {
    const lenText = s.slice(slash + 1);
    if (!/^\d{1,3}$/.test(lenText)) return null;
    len = Number(lenText);
    // An IPv4-mapped IPv6 prefix (::ffff:a.b.c.d/120) is the IPv4 /24.
    if (ip.v === 4 && s.slice(0, slash).includes(':')) len -= 96;
    if (len < 0 || len > max) return null;
  }
  const masked = maskIp(ip, len);
  return { net: masked, len, text: `${formatIp(masked)}/${len}` };
}

/** Whether a CIDR contains an address (both already parsed). */
export function cidrContains(c: Cidr, ip: IpNum): boolean {
  if (c.net.v !== ip.v) return false;
  const m = maskIp(ip, c.len);
  if (m.v === 4 && c.net.v === 4) return m.n === c.net.n;
  if (m.v === 6 && c.net.v === 6) return m.w.every((x, i) => x === (c.net as { w: number[] }).w[i]);
  return false;
}

/** Public unicast space only: private, loopback, link-local, CGNAT and documentation ranges say nothing. */
export function isPublicIp(ip: IpNum): boolean {
  if (ip.v === 4) {
    const a = ip.n >>> 24;
    const b = (ip.n >>> 16) & 255;
    if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
    if (a === 100 && b >= 64 && b < 128) return false;
    if (a === 169 && b === 254) return false;
    if (a === 172 && b >= 16 && b < 32) return false;
    if (a === 192 && b === 168) return false;
    return true;
  }
  const top = ip.w[0] >>> 16;
  if (ip.w.every((x) => x === 0)) return false;
  if (ip.w[0] === 0 && ip.w[1] === 0 && ip.w[2] === 0 && ip.w[3] === 1) return false;
  if ((top & 0xfe00) === 0xfc00 || (top & 0xffc0) === 0xfe80 || (top & 0xff00) === 0xff00) return false;
  return true;
}
