import { z } from 'zod';
import type { Db } from '../db/open.js';

/** PUT /api/companies/:id/tags: the manual tags a scoring rule can give points to ("abm", "salon-2025"). */
export const zTagsInput = z.object({
  tags: z.array(z.string().trim().toLowerCase().min(1).max(40).regex(/^[\p{L}\p{N} _.-]+$/u, 'letters, digits, space, _ . -')).max(20),
});

/** Replaces a company's tags (deduplicated); false when the company is not the organisation's. */
export function setCompanyTags(db: Db, orgId: string, companyId: string, tags: readonly string[]): boolean {
  const unique = [...new Set(tags)];
  return db.prepare('UPDATE companies SET tags = ? WHERE org_id = ? AND id = ?').run(JSON.stringify(unique), orgId, companyId).changes > 0;
}
