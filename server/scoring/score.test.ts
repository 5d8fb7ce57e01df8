import { describe, expect, it } from 'vitest';
import { computeScore, decayFactor, temperatureOf, DAY_MS, type ScoreInput } from './score.js';
import { DEFAULT_RULES } from './rules.js';
import { keyPageMatcher } from './patterns.js';
import { roundToTotal } from './round.js';
import type { ScoringRules } from '../schemas/scoring.js';

const NOW = Date.parse('2025-06-15T12:00:00Z');
const daysAgo = (n: number) => NOW - n * DAY_MS;

const company = (over: Partial<ScoreInput> = {}): ScoreInput => ({
  category: 'prospect',
  listId: 'lst_x',
  country: 'FR',
  domain: 'acme.fr',
  networkClass: 'company',
  confidence: 0.6,
  tags: [],
  days: [],
  pages: [],
  forms: [],
  pin: null,
  ...over,
});

const sum = (lines: { points: number }[]) => lines.reduce((a, l) => a + l.points, 0);

describe('decay', () => {
  it('weighs a contribution 1 now, 1/2 after one half-life and 1/4 after two', () => {
    expect(decayFactor(0, 14)).toBe(1);
    expect(decayFactor(14 * DAY_MS, 14)).toBeCloseTo(0.5, 10);
    expect(decayFactor(28 * DAY_MS, 14)).toBeCloseTo(0.25, 10);
    expect(decayFactor(-DAY_MS, 14)).toBe(1);
  });

  it('halves a key page contribution when the visit is one half-life old', () => {
    const fresh = computeScore(company({ pages: [{ path: '/pricing', views: 1, lastAt: NOW }] }), DEFAULT_RULES, NOW);
    const old = computeScore(company({ pages: [{ path: '/pricing', views: 1, lastAt: daysAgo(14) }] }), DEFAULT_RULES, NOW);
    expect(fresh.lines.find((l) => l.kind === 'key-page')?.points).toBe(18);
    expect(old.lines.find((l) => l.kind === 'key-page')?.points).toBe(9);
  });

  it('follows the configured half-life', () => {
    const rules: ScoringRules = { ...DEFAULT_RULES, halfLifeDays: 7 };
    const r = computeScore(company({ pages: [{ path: '/pricing', views: 1, lastAt: daysAgo(7) }] }), rules, NOW);
    expect(r.lines.find((l) => l.kind === 'key-page')?.points).toBe(9);
  });

  it('lowers the recency line as the last visit ages', () => {
    const at = (d: number) => computeScore(company({ days: [{ sessions: 1, pageviews: 1, engagedMs: 0, lastAt: daysAgo(d) }] }), DEFAULT_RULES, NOW);
    const recency = (d: number) => at(d).lines.find((l) => l.kind === 'recency')?.points ?? 0;
    expect(recency(0)).toBe(10);
    expect(recency(14)).toBe(5);
    expect(recency(120)).toBe(0);
  });
});

describe('key pages', () => {
  it('matches a path and what is below it, case-insensitively, but not a longer word', () => {
    const re = keyPageMatcher('/pricing');
    expect(re.test('/pricing')).toBe(true);
    expect(re.test('/pricing/')).toBe(true);
    expect(re.test('/Pricing/teams')).toBe(true);
    expect(re.test('/pricings')).toBe(false);
    expect(re.test('/fr/pricing')).toBe(false);
  });

  it('supports * wildcards and the home page', () => {
    expect(keyPageMatcher('*/pricing').test('/fr/pricing')).toBe(true);
    expect(keyPageMatcher('/blog/*-vs-*').test('/blog/vigie-vs-leadfeeder')).toBe(true);
    expect(keyPageMatcher('/').test('/')).toBe(true);
    expect(keyPageMatcher('/').test('/about')).toBe(false);
    expect(keyPageMatcher('/a.b').test('/axb')).toBe(false);
  });

  it('gives each key page its own weight once, from its latest view, with its label', () => {
    const rules: ScoringRules = {
      ...DEFAULT_RULES,
      engagement: { ...DEFAULT_RULES.engagement, keyPages: [{ pattern: '/pricing', label: 'pricing page', points: 18 }, { pattern: '/demo', points: 15 }] },
    };
    const r = computeScore(
      company({
        pages: [
          { path: '/pricing', views: 3, lastAt: daysAgo(2) },
          { path: '/pricing/enterprise', views: 1, lastAt: daysAgo(5) },
          { path: '/demo', views: 1, lastAt: NOW },
          { path: '/blog', views: 9, lastAt: NOW },
        ],
      }),
      rules,
      NOW,
    );
    const kp = r.lines.filter((l) => l.kind === 'key-page');
    expect(kp).toEqual([
      { kind: 'key-page', ref: '/pricing', label: 'pricing page', count: 4, at: daysAgo(2), points: 16 },
      { kind: 'key-page', ref: '/demo', count: 1, at: NOW, points: 15 },
    ]);
  });
});

describe('thresholds', () => {
  it('is hot from 70, warm from 40, cold below, by default', () => {
    const t = DEFAULT_RULES.thresholds;
    expect(temperatureOf(100, t)).toBe('hot');
    expect(temperatureOf(70, t)).toBe('hot');
    expect(temperatureOf(69, t)).toBe('warm');
    expect(temperatureOf(40, t)).toBe('warm');
    expect(temperatureOf(39, t)).toBe('cold');
    expect(temperatureOf(0, t)).toBe('cold');
  });

  it('follows configured thresholds', () => {
    expect(temperatureOf(55, { hot: 50, warm: 20 })).toBe('hot');
    expect(temperatureOf(19, { hot: 50, warm: 20 })).toBe('cold');
  });

  it('makes a returning prospect who read the pricing page this week hot, and a single home page visit cold', () => {
    const engaged = company({
      confidence: 0.9,
      days: [
        { sessions: 1, pageviews: 4, engagedMs: 180_000, lastAt: daysAgo(6) },
        { sessions: 2, pageviews: 7, engagedMs: 300_000, lastAt: daysAgo(1) },
      ],
      pages: [{ path: '/pricing', views: 2, lastAt: daysAgo(1) }, { path: '/', views: 9, lastAt: daysAgo(1) }],
    });
    expect(computeScore(engaged, DEFAULT_RULES, NOW).temperature).toBe('hot');
    const once = company({ days: [{ sessions: 1, pageviews: 1, engagedMs: 5_000, lastAt: daysAgo(20) }], pages: [{ path: '/', views: 1, lastAt: daysAgo(20) }] });
    expect(computeScore(once, DEFAULT_RULES, NOW).temperature).toBe('cold');
  });
});

describe('breakdown', () => {
  it('rounds values so that they add up to the rounded total', () => {
    expect(roundToTotal([3.4, 3.4, 3.2])).toEqual([4, 3, 3]);
    expect(roundToTotal([-10, 2.5, 2.5])).toEqual([-10, 2, 3]);
    expect(roundToTotal([0.4, 0.4, 0.4, 0.4])).toEqual([1, 1, 0, 0]);
  });

  it('adds up exactly to the score for a thousand random companies, clamped or not', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const categories = ['prospect', 'client', 'concurrent', 'interne', 'hors-cible', 'autre'] as const;
    const paths = ['/', '/pricing', '/demo', '/contact', '/blog/x', '/tarifs/pme'];
    for (let i = 0; i < 1000; i++) {
      const days = Array.from({ length: Math.floor(rnd() * 8) }, () => ({
        sessions: 1 + Math.floor(rnd() * 4), pageviews: 1 + Math.floor(rnd() * 20), engagedMs: Math.floor(rnd() * 900_000), lastAt: daysAgo(rnd() * 90),
      }));
      const input = company({
        category: categories[Math.floor(rnd() * categories.length)]!,
        country: rnd() < 0.2 ? null : rnd() < 0.6 ? 'FR' : 'DE',
        domain: rnd() < 0.1 ? null : 'x.fr',
        confidence: rnd(),
        days,
        pages: paths.filter(() => rnd() < 0.4).map((path) => ({ path, views: 1 + Math.floor(rnd() * 5), lastAt: daysAgo(rnd() * 60) })),
        forms: rnd() < 0.2 ? [daysAgo(rnd() * 30)] : [],
      });
      const r = computeScore(input, DEFAULT_RULES, NOW);
      expect(sum(r.lines)).toBe(r.score);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
      expect(r.fit + r.engagement + sum(r.lines.filter((l) => l.kind === 'clamp'))).toBe(r.score);
    }
  });

  it('explains a penalty and shows the floor at 0 as its own line', () => {
    const r = computeScore(company({ category: 'concurrent', domain: null, confidence: 0.2 }), DEFAULT_RULES, NOW);
    expect(r.lines).toContainEqual({ kind: 'category', ref: 'concurrent', points: -30 });
    const clamp = r.lines.find((l) => l.kind === 'clamp');
    expect(clamp?.points).toBeGreaterThan(0);
    expect(r.score).toBe(0);
    expect(sum(r.lines)).toBe(0);
  });

  it('shows the cap at 100 as its own line', () => {
    const busy = company({
      confidence: 0.95,
      days: Array.from({ length: 10 }, (_, i) => ({ sessions: 3, pageviews: 20, engagedMs: 1_200_000, lastAt: daysAgo(i) })),
      pages: ['/pricing', '/demo', '/contact', '/tarifs'].map((path) => ({ path, views: 3, lastAt: NOW })),
      forms: [NOW],
    });
    const r = computeScore(busy, DEFAULT_RULES, NOW);
    expect(r.score).toBe(100);
    expect(r.lines.at(-1)).toMatchObject({ kind: 'clamp' });
    expect(r.lines.at(-1)!.points).toBeLessThan(0);
    expect(sum(r.lines)).toBe(100);
  });

  it('counts form submissions, decayed', () => {
    const r = computeScore(company({ forms: [daysAgo(14)] }), DEFAULT_RULES, NOW);
    expect(r.lines.find((l) => l.kind === 'forms')).toMatchObject({ count: 1, points: 13 });
  });
});

describe('manual override', () => {
  const base = company({ days: [{ sessions: 1, pageviews: 3, engagedMs: 60_000, lastAt: daysAgo(1) }] });

  it('pins the score with a visible line that keeps the breakdown adding up', () => {
    const computed = computeScore(base, DEFAULT_RULES, NOW);
    const pinned = computeScore({ ...base, pin: { score: 90, temperature: null, reason: 'Salon VivaTech', by: 'usr_1', at: NOW } }, DEFAULT_RULES, NOW);
    expect(pinned.score).toBe(90);
    expect(pinned.computedScore).toBe(computed.score);
    expect(pinned.temperature).toBe('hot');
    expect(pinned.lines.at(-1)).toEqual({ kind: 'pin', points: 90 - computed.score, ref: 'Salon VivaTech', at: NOW });
    expect(sum(pinned.lines)).toBe(90);
  });

  it('pins the temperature alone without touching the score', () => {
    const computed = computeScore(base, DEFAULT_RULES, NOW);
    const pinned = computeScore({ ...base, pin: { score: null, temperature: 'hot', reason: 'Asked for a quote', by: null, at: NOW } }, DEFAULT_RULES, NOW);
    expect(pinned.score).toBe(computed.score);
    expect(pinned.temperature).toBe('hot');
    expect(pinned.lines).toEqual(computed.lines);
  });
});
