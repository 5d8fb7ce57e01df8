import type { Db } from '../db/open.js';
import type { ScoreView } from '../schemas/scoring.js';
import { loadChunk, loadCompanies, type LoadedCompany } from './inputs.js';
import { loadRules, type StoredRules } from './rules.js';
import { computeScore, type ScoreResult } from './score.js';

const UPSERT_SCORE = `INSERT INTO company_scores (company_id, org_id, computed_score, fit, engagement, breakdown, rules_version, scored_at)
  VALUES (@id, @org, @computed, @fit, @engagement, @breakdown, @version, @now)
  ON CONFLICT (company_id) DO UPDATE SET computed_score = excluded.computed_score, fit = excluded.fit,
    engagement = excluded.engagement, breakdown = excluded.breakdown, rules_version = excluded.rules_version, scored_at = excluded.scored_at`;
const TOUCH_SCORE = 'UPDATE company_scores SET scored_at = @now WHERE company_id = @id';
const UPDATE_STATS = 'UPDATE company_stats SET score = @score, temperature = @temperature WHERE company_id = @id AND org_id = @org';

/**
 * Scores the loaded companies with the organisation's current rules and writes what changed.
 * The breakdown stored is the one computed now; readers apply further decay by rescoring on read.
 */
function scoreAndStore(db: Db, orgId: string, { rules, version }: StoredRules, loaded: LoadedCompany[], now: number): Map<string, ScoreResult> {
  const upsert = db.prepare(UPSERT_SCORE);
  const touch = db.prepare(TOUCH_SCORE);
  const stats = db.prepare(UPDATE_STATS);
  const results = new Map<string, ScoreResult>();
  db.transaction(() => {
    for (const c of loaded) {
      const r = computeScore(c.input, rules, now);
      results.set(c.id, r);
      const breakdown = JSON.stringify(r.lines);
      if (breakdown !== c.stored.breakdown || version !== c.stored.version) {
        upsert.run({ id: c.id, org: orgId, computed: r.computedScore, fit: r.fit, engagement: r.engagement, breakdown, version, now });
      } else {
        touch.run({ id: c.id, now });
      }
      if (r.score !== c.stored.score || r.temperature !== c.stored.temperature) {
        stats.run({ id: c.id, org: orgId, score: r.score, temperature: r.temperature });
      }
    }
  })();
  return results;
}

/** Rescores the given companies now (live updates, pins, reads). */
export function rescoreCompanies(db: Db, orgId: string, ids: readonly string[], now: number): Map<string, ScoreResult> {
  const rules = loadRules(db, orgId);
  return scoreAndStore(db, orgId, rules, loadCompanies(db, orgId, rules.rules, ids), now);
}

/** Rescores the next chunk after `afterId`; returns the last id done, or null when the pass is over. */
export function rescoreChunk(db: Db, orgId: string, afterId: string, limit: number, now: number): { lastId: string | null; count: number } {
  const rules = loadRules(db, orgId);
  const loaded = loadChunk(db, orgId, rules.rules, afterId, limit);
  if (loaded.length === 0) return { lastId: null, count: 0 };
  scoreAndStore(db, orgId, rules, loaded, now);
  return { lastId: loaded[loaded.length - 1]!.id, count: loaded.length };
}

/** Rescores every company of the organisation synchronously (seed, tests). */
export function rescoreAll(db: Db, orgId: string, now: number, chunk = 1000): number {
  let after = '';
  let total = 0;
  for (;;) {
    const { lastId, count } = rescoreChunk(db, orgId, after, chunk, now);
    if (lastId === null) return total;
    total += count;
    after = lastId;
  }
}

/** The company's score as of now (decay applied on read), or undefined for a missing/foreign id. */
export function currentScore(db: Db, orgId: string, companyId: string, now: number): ScoreView | undefined {
  const stored = loadRules(db, orgId);
  const { rules, version } = stored;
  const loaded = loadCompanies(db, orgId, rules, [companyId]);
  const company = loaded[0];
  if (!company) return undefined;
  const r = scoreAndStore(db, orgId, stored, loaded, now).get(companyId)!;
  return {
    companyId,
    score: r.score,
    temperature: r.temperature,
    computedScore: r.computedScore,
    fit: r.fit,
    engagement: r.engagement,
    lines: r.lines,
    pin: company.input.pin,
    hidden: rules.hiddenCategories.includes(company.input.category),
    rulesVersion: version,
    scoredAt: now,
  };
}
