import { describe, expect, it } from 'vitest';
import type { BotHit, Hit, TrafficHit } from './hit.js';
import { decodeBatch, encodeBatch } from './hit-log.js';

const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);

function traffic(over: Partial<TrafficHit> = {}): TrafficHit {
  return {
    kind: 'traffic', orgId: 'org_a', siteId: 'site_a', visitorKey: 'h:visitor-1', hashKey: null, ts: T0, type: 'pageview',
    url: 'https://example.com/', path: '/', title: null, referrer: null, name: null, props: null, engagedMs: null,
    ipPrefix: '203.0.113.0/24', browser: null, os: null, device: 'desktop', language: null, screen: null, ...over,
  };
}

const bot = (over: Partial<BotHit> = {}): BotHit => ({ kind: 'bot', orgId: 'org_b', siteId: 'site_b', ts: T0 + 7, ...over });

/** A well-formed encoded traffic hit, as positional array, to damage one field at a time. */
const goodRow = (): unknown[] => JSON.parse(encodeBatch([traffic()]))[0] as unknown[];
const batchOf = (...rows: unknown[]) => JSON.stringify(rows);

describe('encodeBatch / decodeBatch', () => {
  it('round-trips a traffic hit with every field set, unicode included, and its consent hash key', () => {
    const full = traffic({
      visitorKey: 'c:consent-8f3a', hashKey: 'h:AbCdEf0123456789_-xyz', ts: T0 + 123, type: 'event',
      url: 'https://exemple.fr/café/offre?utm_source=LinkedIn&q=%C3%A9t%C3%A9#ancre', path: '/café/offre',
      title: 'Offre spéciale — 20 % 🚀 « été »\n"quoted" \\ back\u2028sep', referrer: 'https://www.linkedin.com/feed/?x=1&y=é',
      name: 'téléchargement', props: JSON.stringify({ fichier: 'brochure.pdf', taille: 2, emoji: '📄' }), engagedMs: 0,
      ipPrefix: '2001:db8:85a3::/48', browser: 'Firefox', os: 'macOS', device: 'tablet', language: 'fr-FR', screen: 2560,
    });
    const decoded = decodeBatch(encodeBatch([full]));
    expect(decoded).toStrictEqual([full]);
  });

  it('round-trips each hit type and null fields as null', () => {
    const hits: Hit[] = [
      traffic(),
      traffic({ type: 'engagement', engagedMs: 12_500, visitorKey: 'h:visitor-2', ts: T0 + 1 }),
      traffic({ type: 'event', name: 'signup', props: null, ts: T0 + 2 }),
    ];
    const decoded = decodeBatch(encodeBatch(hits));
    expect(decoded).toStrictEqual(hits);
    expect(decoded!.map((h) => (h as TrafficHit).type)).toEqual(['pageview', 'engagement', 'event']);
    expect((decoded![0] as TrafficHit).title).toBeNull();
    expect((decoded![0] as TrafficHit).screen).toBeNull();
  });

  it('writes a missing hash key as null', () => {
    const { hashKey: _omitted, ...withoutHashKey } = traffic();
    const decoded = decodeBatch(encodeBatch([withoutHashKey as TrafficHit]));
    expect(decoded).toHaveLength(1);
    expect((decoded![0] as TrafficHit).hashKey).toBeNull();
    expect(decoded![0]).toMatchObject({ ...withoutHashKey });
  });

  it('round-trips bot hits mixed with traffic, in order', () => {
    const hits: Hit[] = [bot(), traffic({ ts: T0 + 8 }), bot({ siteId: 'site_a', orgId: 'org_a', ts: T0 + 86_400_000 }), traffic({ ts: T0 + 9, visitorKey: 'h:v9' })];
    const decoded = decodeBatch(encodeBatch(hits));
    expect(decoded).toStrictEqual(hits);
    expect(decoded![0]).toStrictEqual({ kind: 'bot', orgId: 'org_b', siteId: 'site_b', ts: T0 + 7 });
  });

  it('round-trips an empty batch', () => {
    expect(decodeBatch(encodeBatch([]))).toEqual([]);
  });

  it('keeps a bot hit to its four fields (no IP, nothing else) in the log', () => {
    expect(JSON.parse(encodeBatch([bot()]))).toEqual([[0, 'org_b', 'site_b', T0 + 7]]);
  });

  it('returns null for text that is not JSON, never throwing', () => {
    for (const junk of ['', 'not json', '[[1,"org"', '\u0000\u0001garbage', '{"a":', 'undefined']) {
      expect(() => decodeBatch(junk)).not.toThrow();
      expect(decodeBatch(junk)).toBeNull();
    }
  });

  it('returns null for JSON that is not an array of hits', () => {
    for (const junk of ['{}', 'null', '42', '"text"', 'true', '{"0":[0,"o","s",1]}', '[null]', '[42]', '["x"]', '[{}]', '[[]]']) {
      expect(decodeBatch(junk), junk).toBeNull();
    }
  });

  it('returns null for rows of the wrong arity', () => {
    const row = goodRow();
    expect(decodeBatch(batchOf(row.slice(0, 19)))).toBeNull();
    expect(decodeBatch(batchOf([...row, 'extra']))).toBeNull();
    expect(decodeBatch(batchOf([0, 'org', 'site']))).toBeNull();
    expect(decodeBatch(batchOf([0, 'org', 'site', T0, 'extra']))).toBeNull();
    // A bot row passed as traffic, and the reverse.
    expect(decodeBatch(batchOf([1, 'org', 'site', T0]))).toBeNull();
    expect(decodeBatch(batchOf([0, ...row.slice(1)]))).toBeNull();
  });

  it('returns null for an unknown version tag', () => {
    const row = goodRow();
    for (const tag of [2, -1, null, '1', '0', true]) {
      expect(decodeBatch(batchOf([tag, ...row.slice(1)])), String(tag)).toBeNull();
      expect(decodeBatch(batchOf([tag, 'org', 'site', T0])), String(tag)).toBeNull();
    }
  });

  it('returns null for an out-of-range or non-numeric type index', () => {
    for (const index of [3, -1, 1.5, null, 99, 'pageview']) {
      const row = goodRow();
      row[6] = index;
      expect(decodeBatch(batchOf(row)), String(index)).toBeNull();
    }
  });

  it('returns null for a type index naming an array property rather than a position', () => {
    // TYPES['length'] is 3 and TYPES['constructor'] a function: neither is a hit type.
    for (const index of ['length', 'constructor']) {
      const row = goodRow();
      row[6] = index;
      expect(decodeBatch(batchOf(row)), index).toBeNull();
    }
  });

  it('returns null when a required field has the wrong type', () => {
    const damaged = (i: number, v: unknown) => {
      const row = goodRow();
      row[i] = v;
      return batchOf(row);
    };
    expect(decodeBatch(damaged(1, 7))).toBeNull(); // org id
    expect(decodeBatch(damaged(2, null))).toBeNull(); // site id
    expect(decodeBatch(damaged(3, '2026-01-15'))).toBeNull(); // ts
    expect(decodeBatch(damaged(4, null))).toBeNull(); // visitor key
    expect(decodeBatch(damaged(7, null))).toBeNull(); // url
    expect(decodeBatch(damaged(8, 3))).toBeNull(); // path
    expect(decodeBatch(batchOf([0, 'org', 7, T0]))).toBeNull();
  });

  it('refuses the whole batch when one hit of it is damaged', () => {
    const good = JSON.parse(encodeBatch([traffic(), bot()])) as unknown[];
    expect(decodeBatch(batchOf(...good))).toHaveLength(2);
    expect(decodeBatch(batchOf(...good, [9, 'x']))).toBeNull();
    expect(decodeBatch(batchOf([9, 'x'], ...good))).toBeNull();
  });
});
