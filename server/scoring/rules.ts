import type { Db } from '../db/open.js';
import { zScoringRules, type ScoringRules } from '../schemas/scoring.js';

/**
 * The rules an organisation starts with. Tuned so that a prospect that came back and read the
 * pricing page this week is hot, one visit to the home page is cold, and a competitor never is.
 */
export const DEFAULT_RULES: ScoringRules = Object.freeze({
  halfLifeDays: 14,
  thresholds: { hot: 70, warm: 40 },
  hiddenCategories: ['interne', 'concurrent', 'hors-cible'],
  fit: {
    categories: { prospect: 10, client: 5, distributeur: 5, partenaire: 0, fournisseur: -5, autre: 0, 'hors-cible': -10, concurrent: -30, interne: -30 },
    lists: {},
    countries: { FR: 5, BE: 3, CH: 3, LU: 3 },
    otherCountries: 0,
    domainKinds: { corporate: 5, education: -5, government: 0, none: -5 },
    networkClasses: { hosting: -15, vpn_proxy: -10, business_unknown: -5 },
    confidence: { high: 0.8, highPoints: 5, low: 0.4, lowPoints: -10 },
    tags: {},
  },
  engagement: {
    sessions: { points: 4, max: 16 },
    pageviews: { points: 1, max: 10 },
    engagedMinutes: { points: 1.5, max: 10 },
    keyPages: [
      { pattern: '/pricing', points: 18 },
      { pattern: '/tarifs', points: 18 },
      { pattern: '/demo', points: 15 },
      { pattern: '/contact', points: 12 },
    ],
    forms: { points: 25, max: 25 },
    repeatDays: { points: 4, max: 12 },
    recency: 10,
  },
}) as ScoringRules;

export type StoredRules = { rules: ScoringRules; version: number };

/** The organisation's rules and their version (0: never changed, the defaults). */
export function loadRules(db: Db, orgId: string): StoredRules {
  const row = db.prepare('SELECT rules, version FROM scoring_rules WHERE org_id = ?').get(orgId) as { rules: string; version: number } | undefined;
  if (!row) return { rules: DEFAULT_RULES, version: 0 };
  // Rules were validated when saved; parsing again fills fields added to the schema since.
  const parsed = zScoringRules.safeParse(JSON.parse(row.rules));
  return { rules: parsed.success ? parsed.data : DEFAULT_RULES, version: row.version };
}

/** Stores new rules and bumps the version, which marks every score as out of date. */
export function saveRules(db: Db, orgId: string, rules: ScoringRules, userId: string | null, now: number): number {
  return db.transaction(() => {
    const current = loadRules(db, orgId).version;
    const version = current + 1;
    db.prepare(
      `INSERT INTO scoring_rules (org_id, rules, version, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (org_id) DO UPDATE SET rules = excluded.rules, version = excluded.version,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    ).run(orgId, JSON.stringify(rules), version, userId, now);
    return version;
  })();
}
