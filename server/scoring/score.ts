import type { CategoryId } from '../segments/categories.js';
import type { Pin, ScoreLine, ScoringRules, Temperature } from '../schemas/scoring.js';
import { domainKind, keyPageMatcher } from './patterns.js';
import { roundToTotal } from './round.js';

export const DAY_MS = 86_400_000;

/** Everything the score of one company depends on, read from the aggregate tables. */
export type ScoreInput = {
  category: CategoryId;
  listId: string;
  country: string | null;
  domain: string | null;
  networkClass: string | null;
  confidence: number;
  tags: string[];
  /** Visits per UTC day; `lastAt` is the latest activity of that day. */
  days: Array<{ sessions: number; pageviews: number; engagedMs: number; lastAt: number }>;
  pages: Array<{ path: string; views: number; lastAt: number }>;
  /** Times of the company's form submissions (pseudo-leads excluded). */
  forms: number[];
  pin: Pin | null;
};

export type ScoreResult = {
  score: number;
  computedScore: number;
  fit: number;
  engagement: number;
  temperature: Temperature;
  lines: ScoreLine[];
};

/** Weight of a contribution `ageMs` old: 1 now, 1/2 after one half-life. */
export function decayFactor(ageMs: number, halfLifeDays: number): number {
  return Math.pow(0.5, Math.max(0, ageMs) / (halfLifeDays * DAY_MS));
}

export function temperatureOf(score: number, thresholds: ScoringRules['thresholds']): Temperature {
  if (score >= thresholds.hot) return 'hot';
  if (score >= thresholds.warm) return 'warm';
  return 'cold';
}

type RawLine = Omit<ScoreLine, 'points'> & { raw: number; group: 'fit' | 'engagement' };

function fitLines(input: ScoreInput, rules: ScoringRules): RawLine[] {
  const f = rules.fit;
  const lines: RawLine[] = [];
  const add = (kind: ScoreLine['kind'], raw: number | undefined, extra: Partial<ScoreLine> = {}) => {
    if (raw) lines.push({ kind, raw, group: 'fit', ...extra });
  };
  add('category', f.categories[input.category], { ref: input.category });
  add('list', f.lists[input.listId], { ref: input.listId });
  if (input.country) add('country', f.countries[input.country] ?? f.otherCountries, { ref: input.country });
  const kind = domainKind(input.domain);
  add('domain', f.domainKinds[kind], { ref: kind });
  const network = input.networkClass as keyof typeof f.networkClasses | null;
  if (network) add('network', f.networkClasses[network], { ref: network });
  if (input.confidence >= f.confidence.high) add('confidence', f.confidence.highPoints, { ref: 'high' });
  else if (input.confidence < f.confidence.low) add('confidence', f.confidence.lowPoints, { ref: 'low' });
  for (const tag of input.tags) add('tag', f.tags[tag], { ref: tag });
  return lines;
}

function engagementLines(input: ScoreInput, rules: ScoringRules, now: number): RawLine[] {
  const e = rules.engagement;
  const decay = (at: number) => decayFactor(now - at, rules.halfLifeDays);
  const lines: RawLine[] = [];
  const add = (kind: ScoreLine['kind'], raw: number, extra: Partial<ScoreLine>) => {
    if (raw > 0) lines.push({ kind, raw, group: 'engagement', ...extra });
  };
  const capped = (rule: { points: number; max: number }, decayedUnits: number) => Math.min(rule.max, rule.points * decayedUnits);
  const days = [...input.days].sort((a, b) => a.lastAt - b.lastAt);
  const lastVisit = days.length ? days[days.length - 1]!.lastAt : null;
  const sum = (pick: (d: ScoreInput['days'][number]) => number, weighted: boolean) =>
    days.reduce((acc, d) => acc + pick(d) * (weighted ? decay(d.lastAt) : 1), 0);

  add('sessions', capped(e.sessions, sum((d) => d.sessions, true)), { count: sum((d) => d.sessions, false), at: lastVisit ?? undefined });
  add('pageviews', capped(e.pageviews, sum((d) => d.pageviews, true)), { count: sum((d) => d.pageviews, false) });
  add('engaged', capped(e.engagedMinutes, sum((d) => d.engagedMs / 60_000, true)), { count: Math.round(sum((d) => d.engagedMs, false) / 1000) });
  for (const kp of e.keyPages) {
    const re = keyPageMatcher(kp.pattern);
    let lastAt = -Infinity;
    let views = 0;
    for (const p of input.pages) {
      if (!re.test(p.path)) continue;
      views += p.views;
      lastAt = Math.max(lastAt, p.lastAt);
    }
    if (views === 0) continue;
    const raw = kp.points * decay(lastAt);
    const extra = { ref: kp.pattern, count: views, at: lastAt, ...(kp.label ? { label: kp.label } : {}) };
    if (raw < 0) lines.push({ kind: 'key-page', raw, group: 'engagement', ...extra });
    else add('key-page', raw, extra);
  }
  const forms = [...input.forms].sort((a, b) => a - b);
  add('forms', capped(e.forms, forms.reduce((acc, at) => acc + decay(at), 0)), { count: forms.length, at: forms[forms.length - 1] });
  // Every day of visits after the first is a return visit.
  const repeats = days.slice(1);
  add('repeat', capped(e.repeatDays, repeats.reduce((acc, d) => acc + decay(d.lastAt), 0)), { count: repeats.length });
  if (lastVisit !== null) add('recency', e.recency * decay(lastVisit), { at: lastVisit });
  return lines;
}

/**
 * Scores one company: fit + engagement, each engagement contribution decayed from its date,
 * rounded so that the lines add up exactly; clamping to 0–100 and a pin are explicit lines.
 * Example: a prospect that read /pricing two days ago gets a line `{kind:'key-page', ref:'/pricing', points:16}`.
 */
export function computeScore(input: ScoreInput, rules: ScoringRules, now: number): ScoreResult {
  const raw = [...fitLines(input, rules), ...engagementLines(input, rules, now)];
  const points = roundToTotal(raw.map((l) => l.raw));
  const lines: ScoreLine[] = [];
  let fit = 0;
  let engagement = 0;
  raw.forEach(({ raw: _raw, group, ...line }, i) => {
    const p = points[i]!;
    if (p === 0) return;
    lines.push({ ...line, points: p });
    if (group === 'fit') fit += p;
    else engagement += p;
  });
  const total = fit + engagement;
  const computedScore = Math.min(100, Math.max(0, total));
  if (computedScore !== total) lines.push({ kind: 'clamp', points: computedScore - total });
  let score = computedScore;
  const pin = input.pin;
  if (pin && pin.score !== null) {
    score = pin.score;
    if (score !== computedScore) lines.push({ kind: 'pin', points: score - computedScore, ref: pin.reason, at: pin.at });
  }
  const temperature = pin?.temperature ?? temperatureOf(score, rules.thresholds);
  return { score, computedScore, fit, engagement, temperature, lines };
}
