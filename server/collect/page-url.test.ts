import { describe, expect, it } from 'vitest';
import { pageParts } from './page-url.js';

describe('pageParts', () => {
  it('answers what the URL parser answers, host normalised and path encoded, the second time too', () => {
    for (const url of ['https://WWW.Exemple.FR/Tarifs?utm_source=x#top', 'https://bücher.example/prix', 'http://example.com:8080/a b/../c', 'https://example.com']) {
      const { hostname, pathname } = new URL(url);
      expect(pageParts(url)).toEqual({ hostname, pathname });
      expect(pageParts(url)).toEqual({ hostname, pathname });
    }
  });

  it('keeps answering right past the size where it forgets (every URL new, as with click ids)', () => {
    for (let i = 0; i < 12_000; i++) expect(pageParts(`https://example.com/p?gclid=${i}`).pathname).toBe('/p');
    expect(pageParts('https://other.example/x').hostname).toBe('other.example');
  });
});
