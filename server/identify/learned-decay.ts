import type { Db } from '../db/open.js';
import type { AppDeps } from '../deps.js';
import { LEARNED_WINDOW_MS, learnedConfidence } from './learned.js';
import { invalidateLearned } from './org-cache.js';

const DECAY_EVERY_MS = 6 * 3_600_000;

/**
 * Unused mappings fade: once the last evidence is older than the 90-day window, the confidence
 * halves every further 90 days (2 e-mails: 0.7 → 0.35 after 180 days without a new one).
 */
export function decayedConfidence(evidence: number, lastSeenAt: number, now: number): number {
  const idle = Math.max(0, now - lastSeenAt - LEARNED_WINDOW_MS);
  return Math.round(learnedConfidence(evidence) * 0.5 ** (idle / LEARNED_WINDOW_MS) * 1000) / 1000;
}

/** Applies the fading to the organisation's mappings not confirmed for 90 days; returns how many changed. */
export function decayLearnedMappings(db: Db, orgId: string, now: number): number {
  const rows = db
    .prepare('SELECT id, evidence_count, last_seen_at, confidence FROM learned_mappings WHERE org_id = ? AND revoked = 0 AND last_seen_at < ?')
    .all(orgId, now - LEARNED_WINDOW_MS) as Array<{ id: string; evidence_count: number; last_seen_at: number; confidence: number }>;
  const update = db.prepare('UPDATE learned_mappings SET confidence = ? WHERE org_id = ? AND id = ?');
  let changed = 0;
  db.transaction(() => {
    for (const r of rows) {
      const c = decayedConfidence(r.evidence_count, r.last_seen_at, now);
      if (c !== r.confidence) changed += update.run(c, orgId, r.id).changes;
    }
  })();
  if (changed > 0) invalidateLearned(db, orgId);
  return changed;
}

/** The 6-hourly maintenance pass (first one a minute after start), organisation by organisation. */
export function startLearnedDecay(deps: Pick<AppDeps, 'db' | 'clock' | 'onClose'>): void {
  const decay = () => {
    try {
      const orgs = deps.db.prepare('SELECT DISTINCT org_id FROM learned_mappings WHERE revoked = 0').pluck().all() as string[];
      for (const orgId of orgs) decayLearnedMappings(deps.db, orgId, deps.clock());
    } catch (err) {
      console.error('[vigie] learned mappings decay failed', err);
    }
  };
  const first = setTimeout(decay, 60_000);
  const timer = setInterval(decay, DECAY_EVERY_MS);
  first.unref();
  timer.unref();
  deps.onClose(() => {
    clearTimeout(first);
    clearInterval(timer);
  });
}
