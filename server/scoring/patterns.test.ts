import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { domainKind, keyPageMatcher, keyPagesSql } from './patterns.js';

const PATHS = ['/', '/pricing', '/Pricing/Teams', '/pricings', '/fr/pricing', '/demo', '/demo/', '/contact-us', '/contact', '/blog/a_b',
  '/blog/a%b', '/blog/vigie-vs-leadfeeder', '/docs/api/v2', '/tarifs', '/tarifs/pme'];

describe('key page patterns in SQL', () => {
  it.each([['/pricing'], ['/demo/'], ['*/pricing'], ['/blog/*-vs-*'], ['/blog/a_b'], ['/blog/a%b'], ['/'], ['/docs/*/v2'], ['/contact']])(
    'reads exactly the paths the matcher accepts for %s',
    (pattern) => {
      const db = new Database(':memory:');
      db.exec('CREATE TABLE p (path TEXT)');
      const ins = db.prepare('INSERT INTO p VALUES (?)');
      for (const p of PATHS) ins.run(p);
      const { sql, params } = keyPagesSql([pattern]);
      const fromSql = (db.prepare(`SELECT path FROM p WHERE ${sql}`).pluck().all(params) as string[]).sort();
      expect(fromSql).toEqual(PATHS.filter((p) => keyPageMatcher(pattern).test(p)).sort());
    },
  );

  it('matches nothing without patterns', () => {
    expect(keyPagesSql([]).sql).toBe('0');
  });
});

describe('domain kinds', () => {
  it('tells corporate, education, government and missing domains apart', () => {
    expect(domainKind('acme.fr')).toBe('corporate');
    expect(domainKind('univ-lyon1.fr')).toBe('education');
    expect(domainKind('ox.ac.uk')).toBe('education');
    expect(domainKind('interieur.gouv.fr')).toBe('government');
    expect(domainKind(null)).toBe('none');
  });
});
