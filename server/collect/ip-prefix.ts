import { isIPv4 } from 'node:net';
import { compressIpv6, ipv6Groups } from '../http/client-ip.js';

/**
 * The network a visit came from, as stored: the /24 of an IPv4 address (`192.0.2.0/24`) or the
 * /48 of an IPv6 one (`2001:db8:cafe::/48`). Enough to recognise a company network, never a person.
 */
export function ipPrefix(ip: string): string {
  if (isIPv4(ip)) return `${ip.slice(0, ip.lastIndexOf('.'))}.0/24`;
  const g = ipv6Groups(ip);
  if (!g) return 'unknown';
  return `${compressIpv6([g[0]!, g[1]!, g[2]!, 0, 0, 0, 0, 0])}/48`;
}
