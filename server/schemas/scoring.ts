import { z } from 'zod';
import { CATEGORY_IDS } from '../segments/categories.js';

/** Points a rule gives (negative for a penalty). */
const zPoints = z.number().int().min(-100).max(100);
/** "n points per unit, at most max" for the counted engagement signals. */
const zPerUnit = z.object({ points: z.number().min(0).max(100), max: z.number().int().min(0).max(100) });

export const TEMPERATURES = ['hot', 'warm', 'cold'] as const;
export const zTemperature = z.enum(TEMPERATURES);
export type Temperature = z.infer<typeof zTemperature>;

export const NETWORK_CLASSES = ['company', 'isp', 'mobile', 'hosting', 'vpn_proxy', 'education', 'government', 'business_unknown', 'unknown'] as const;
export const zNetworkClass = z.enum(NETWORK_CLASSES);

export const DOMAIN_KINDS = ['corporate', 'education', 'government', 'none'] as const;
export const zCategory = z.enum(CATEGORY_IDS);

/**
 * A key page: a URL path pattern (`*` matches anything; without `*`, `/pricing` also matches
 * `/pricing/…`) and its own weight, given once per company and decayed from its latest view.
 */
export const zKeyPage = z.object({
  pattern: z.string().trim().min(1).max(200).regex(/^[/*]/, 'starts with / or *'),
  label: z.string().trim().max(60).optional(),
  points: zPoints,
});
export type KeyPage = z.infer<typeof zKeyPage>;

export const zScoringRules = z
  .object({
    halfLifeDays: z.number().min(0.5).max(365),
    thresholds: z.object({ hot: z.number().int().min(1).max(100), warm: z.number().int().min(0).max(99) }),
    /** Categories scored but left out of "hot" views unless asked for. */
    hiddenCategories: z.array(zCategory).max(9),
    fit: z.object({
      categories: z.partialRecord(zCategory, zPoints),
      lists: z.record(z.string().min(1).max(64), zPoints).refine((r) => Object.keys(r).length <= 200, 'at most 200 lists'),
      countries: z.record(z.string().regex(/^[A-Z]{2}$/, 'ISO country code'), zPoints).refine((r) => Object.keys(r).length <= 250, 'at most 250'),
      otherCountries: zPoints,
      domainKinds: z.partialRecord(z.enum(DOMAIN_KINDS), zPoints),
      networkClasses: z.partialRecord(zNetworkClass, zPoints),
      confidence: z.object({ high: z.number().min(0).max(1), highPoints: zPoints, low: z.number().min(0).max(1), lowPoints: zPoints }),
      tags: z.record(z.string().min(1).max(40), zPoints).refine((r) => Object.keys(r).length <= 100, 'at most 100 tags'),
    }),
    engagement: z.object({
      sessions: zPerUnit,
      pageviews: zPerUnit,
      engagedMinutes: zPerUnit,
      keyPages: z.array(zKeyPage).max(30),
      forms: zPerUnit,
      repeatDays: zPerUnit,
      recency: z.number().int().min(0).max(100),
    }),
  })
  .refine((r) => r.thresholds.warm < r.thresholds.hot, { path: ['thresholds', 'warm'], message: 'must be below hot' });
export type ScoringRules = z.infer<typeof zScoringRules>;

/** PUT /api/scoring/rules */
export const zRulesUpdate = z.object({ rules: zScoringRules });

/** PUT /api/scoring/companies/:id/pin: a score, a temperature or both, always with a reason. */
export const zPinInput = z
  .object({
    score: z.number().int().min(0).max(100).nullable().optional(),
    temperature: zTemperature.nullable().optional(),
    reason: z.string().trim().min(1).max(200),
  })
  .refine((p) => p.score != null || p.temperature != null, { path: ['score'], message: 'give a score or a temperature' });
export type PinInput = z.infer<typeof zPinInput>;

/**
 * One line of a score's explanation; the points of all lines add up to the score.
 * `ref` names what scored (category id, country, key page pattern, tag…), `label` is the user's
 * own label for a key page, `at` the time the contribution decays from.
 */
export type ScoreLine = {
  kind:
    | 'category' | 'list' | 'country' | 'domain' | 'network' | 'confidence' | 'tag'
    | 'sessions' | 'pageviews' | 'engaged' | 'key-page' | 'forms' | 'repeat' | 'recency'
    | 'clamp' | 'pin';
  points: number;
  ref?: string;
  label?: string;
  count?: number;
  at?: number;
};

export type Pin = { score: number | null; temperature: Temperature | null; reason: string; by: string | null; at: number };

export type ScoreView = {
  companyId: string;
  score: number;
  temperature: Temperature;
  computedScore: number;
  fit: number;
  engagement: number;
  lines: ScoreLine[];
  pin: Pin | null;
  hidden: boolean;
  rulesVersion: number;
  scoredAt: number;
};

export type RescoreJob = {
  id: string;
  reason: 'rules' | 'decay' | 'resume';
  state: 'running' | 'done' | 'failed';
  rulesVersion: number;
  done: number;
  total: number;
  startedAt: number;
  finishedAt: number | null;
};

export type RulesReply = { rules: ScoringRules; version: number; defaults: ScoringRules; job: RescoreJob | null };
