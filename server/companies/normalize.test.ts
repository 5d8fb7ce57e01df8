import { describe, expect, it } from 'vitest';
import { nameKey, registrableDomain } from './normalize.js';

describe('registrableDomain', () => {
  it.each([
    ['www.Acme.co.uk/path', 'acme.co.uk'],
    ['https://shop.acme.fr:8443/x?y', 'acme.fr'],
    ['jean.dupont@Mail.Acme.FR', 'acme.fr'],
    ['shoesfin.NET', 'shoesfin.net'],
    ['acme.fr.', 'acme.fr'],
  ])('reduces %s to %s', (input, expected) => {
    expect(registrableDomain(input)).toBe(expected);
  });

  it.each(['in-addr.arpa', '4.3.2.1.in-addr.arpa', '1.2.3.4', '[2001:db8::1]', 'com', 'co.uk', 'localhost', '', '   '])(
    'rejects junk %j',
    (input) => {
      expect(registrableDomain(input)).toBeNull();
    },
  );
});

describe('nameKey', () => {
  it('ignores case, accents, punctuation and legal forms', () => {
    expect(nameKey('Société Générale S.A.')).toBe('societe generale');
    expect(nameKey('ACME SAS')).toBe(nameKey('Acme'));
    expect(nameKey('Acme, Inc.')).toBe('acme');
    expect(nameKey('Müller GmbH')).toBe('muller');
  });

  it('keeps a name made only of a legal-form word', () => {
    expect(nameKey('SA')).toBe('sa');
  });
});
