import { describe, expect, it } from 'vitest';
import { companyDomainOfHost, isDynamicHostname, isFreeMailDomain, isNetworkDomain } from './network-names.js';

describe('host names of access networks', () => {
  it('recognises generated names that embed the address', () => {
    const ip = '81.2.69.142';
    for (const host of [
      '81-2-69-142.example.net',
      '142.69.2.81.example.net',
      'static.142.69.2.81.clients.example.com',
      'host081002069142.example.com',
      '5102458e.dyn.example.net'.replace('.dyn', ''),
      'ip-81-2-69-142.example.org',
    ]) {
      expect(isDynamicHostname(host, ip), host).toBe(true);
    }
  });

  it('recognises ISP words: dsl, dyn, pool, cust, cable, …', () => {
    for (const host of ['adsl.example.fr', 'lns-bras-1.example.fr', 'pool-a.example.com', 'cust12.example.de', 'cable-modem.example.nl', 'dyn.example.com', 'abo.wanadoo.fr']) {
      expect(isDynamicHostname(host, '192.0.2.1'), host).toBe(true);
    }
  });

  it('leaves corporate names alone', () => {
    for (const host of ['gw.acme.fr', 'mail.acme-industries.com', 'vpn1.example.co.uk', 'proxy-paris.acme.fr', 'host1.acme.fr']) {
      expect(isDynamicHostname(host, '192.0.2.1'), host).toBe(false);
    }
  });

  it('never turns an ISP, cloud or mail-provider domain into a company', () => {
    for (const d of ['orange.fr', 'wanadoo.fr', 'proxad.net', 'bbox.fr', 'sfr.net', 'verizon.net', 'amazonaws.com', 'gmail.com', 'telebecinternet.net']) {
      expect(isNetworkDomain(d), d).toBe(true);
    }
    expect(isFreeMailDomain('gmail.com')).toBe(true);
    expect(isNetworkDomain('acme.fr')).toBe(false);
  });

  it('gives the registrable domain of a corporate host, null for junk', () => {
    expect(companyDomainOfHost('gw.paris.Acme.co.uk')).toBe('acme.co.uk');
    expect(companyDomainOfHost('1.2.0.192.in-addr.arpa')).toBeNull();
    expect(companyDomainOfHost('box.orange.fr')).toBeNull();
    expect(companyDomainOfHost('localhost')).toBeNull();
  });
});
