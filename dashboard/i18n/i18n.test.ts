import { describe, expect, it } from 'vitest';
import { dictionaries, locale, tCount } from './index';

type Dict = Record<string, string>;
const fr = import.meta.glob<{ default: Dict }>('./fr/*.ts', { eager: true });
const en = import.meta.glob<{ default: Dict }>('./en/*.ts', { eager: true });
const slice = (file: string) => file.replace(/^\.\/(fr|en)\//, '');
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n dictionaries', () => {
  it('French and English have exactly the same keys', () => {
    expect(Object.keys(dictionaries.en).sort()).toEqual(Object.keys(dictionaries.fr).sort());
    expect(Object.keys(dictionaries.fr).length).toBeGreaterThan(0);
  });

  it('every slice has a file in both languages with the same keys', () => {
    expect(Object.keys(en).map(slice).sort()).toEqual(Object.keys(fr).map(slice).sort());
    for (const [file, mod] of Object.entries(fr)) {
      const other = en[file.replace('./fr/', './en/')]!;
      expect(Object.keys(other.default).sort(), slice(file)).toEqual(Object.keys(mod.default).sort());
    }
  });

  it('no key is defined by two slices (a later file would silently win)', () => {
    for (const files of [fr, en]) {
      const seen = new Map<string, string>();
      for (const [file, mod] of Object.entries(files)) {
        for (const key of Object.keys(mod.default)) {
          expect(seen.get(key), `${key} in ${file}`).toBeUndefined();
          seen.set(key, file);
        }
      }
    }
  });

  it('each string is non-empty and uses the same {placeholders} in both languages', () => {
    for (const [key, frText] of Object.entries(dictionaries.fr)) {
      const enText = dictionaries.en[key] ?? '';
      expect(frText.trim(), `fr ${key}`).not.toBe('');
      expect(enText.trim(), `en ${key}`).not.toBe('');
      expect(placeholders(enText), key).toEqual(placeholders(frText));
    }
  });

  it('says a count in the singular or the plural by each language\'s rules', () => {
    try {
      locale.value = 'fr';
      expect(tCount('companies.liveCount', 1)).toBe('1 entreprise sur le site ces 5 dernières minutes');
      expect(tCount('companies.selected', 0)).toBe('0 sélectionnée');
      expect(tCount('companies.moved', 1200, { list: 'client-default' })).toBe(`${new Intl.NumberFormat('fr').format(1200)} entreprises déplacées vers client-default.`);
      locale.value = 'en';
      expect(tCount('companies.selected', 0)).toBe('0 selected');
      expect(tCount('companies.liveCount', 1)).toBe('1 company on the site in the last 5 minutes');
      expect(tCount('companies.liveCount', 2)).toBe('2 companies on the site in the last 5 minutes');
    } finally {
      locale.value = 'fr';
    }
  });
});
