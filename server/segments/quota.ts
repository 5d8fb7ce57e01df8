import type { Db } from '../db/open.js';
import { AppError } from '../http/errors.js';

/** Imported rows held by the organisation's lists (each list counts the valid rows of its current import). */
export function importedRowsUsed(db: Db, orgId: string, exceptListId?: string): number {
  return db.prepare('SELECT coalesce(sum(imported_rows), 0) FROM lists WHERE org_id = ? AND id IS NOT ?').pluck().get(orgId, exceptListId ?? null) as number;
}

export type QuotaCheck = { limit: number; usedElsewhere: number; total: number; exceeded: boolean };

/** Would giving `rows` imported rows to this list keep the organisation within its quota? */
export function checkQuota(db: Db, orgId: string, listId: string, rows: number, limit: number): QuotaCheck {
  const usedElsewhere = importedRowsUsed(db, orgId, listId);
  const total = usedElsewhere + rows;
  return { limit, usedElsewhere, total, exceeded: total > limit };
}

/** The 409 a user sees when an import or a restore would exceed the quota; the message says by how much. */
export function quotaError(q: QuotaCheck): AppError {
  return new AppError(
    'quota-exceeded',
    409,
    `Import quota exceeded: your lists would hold ${q.total} imported rows, the limit is ${q.limit} (${q.usedElsewhere} already used by other lists). Remove rows or lists, or ask your administrator to raise VIGIE_IMPORT_QUOTA.`,
  );
}
