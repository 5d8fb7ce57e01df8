import { describe, expect, it } from 'vitest';
import { parseDomains } from './domains';

describe('parseDomains', () => {
  it('splits on commas, spaces and new lines, lower-cases and removes duplicates', () => {
    expect(parseDomains('Exemple.fr, www.exemple.fr\nshop.exemple.fr\n\nexemple.fr')).toEqual(['exemple.fr', 'www.exemple.fr', 'shop.exemple.fr']);
  });

  it('reduces pasted URLs to their host', () => {
    expect(parseDomains('https://www.exemple.fr/contact?x=1, http://localhost:3000/')).toEqual(['www.exemple.fr', 'localhost']);
  });

  it('returns nothing for blank input, and leaves other junk for the server to reject', () => {
    expect(parseDomains('  ,\n ')).toEqual([]);
    expect(parseDomains('pas_un_domaine')).toEqual(['pas_un_domaine']);
  });
});
