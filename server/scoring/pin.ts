import type { Db } from '../db/open.js';
import type { PinInput, ScoreView } from '../schemas/scoring.js';
import { currentScore } from './rescore.js';

/**
 * Pins a company's score and/or temperature with a reason; the breakdown then shows an explicit
 * `pin` line so that it still adds up. Returns undefined for a missing or foreign company.
 */
export function setPin(db: Db, orgId: string, companyId: string, pin: PinInput, userId: string | null, now: number): ScoreView | undefined {
  if (!currentScore(db, orgId, companyId, now)) return undefined;
  db.prepare(
    `UPDATE company_scores SET pin_score = ?, pin_temperature = ?, pin_reason = ?, pin_by = ?, pin_at = ?
     WHERE org_id = ? AND company_id = ?`,
  ).run(pin.score ?? null, pin.temperature ?? null, pin.reason, userId, now, orgId, companyId);
  return currentScore(db, orgId, companyId, now);
}

/** Removes a pin; the computed score applies again. */
export function removePin(db: Db, orgId: string, companyId: string, now: number): ScoreView | undefined {
  const changed = db
    .prepare(`UPDATE company_scores SET pin_score = NULL, pin_temperature = NULL, pin_reason = NULL, pin_by = NULL, pin_at = NULL
      WHERE org_id = ? AND company_id = ?`)
    .run(orgId, companyId).changes;
  if (changed === 0 && !currentScore(db, orgId, companyId, now)) return undefined;
  return currentScore(db, orgId, companyId, now);
}
