import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('accepts DNS servers as addresses, with or without a port', () => {
    expect(loadConfig({ VIGIE_DNS_SERVERS: '192.0.2.53, 127.0.0.1:5353,[2001:db8::53]:53' }).dnsServers).toEqual(['192.0.2.53', '127.0.0.1:5353', '[2001:db8::53]:53']);
  });

  it('refuses a DNS server that is not an address, naming the variable', () => {
    expect(() => loadConfig({ VIGIE_DNS_SERVERS: '192.0.2.53,dns.example' })).toThrow(/^Invalid configuration VIGIE_DNS_SERVERS: each entry must be an IP address/);
  });
});
