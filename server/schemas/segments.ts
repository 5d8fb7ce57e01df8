import { z } from 'zod';
import { NETWORK_CLASSES } from '../identify/types.js';

/** The nine fixed categories (ids are stable; labels live in server/segments/categories.ts and the i18n files). */
export const SEGMENT_CATEGORY_IDS = ['interne', 'concurrent', 'client', 'distributeur', 'prospect', 'partenaire', 'hors-cible', 'fournisseur', 'autre'] as const;
export type SegmentCategoryId = (typeof SEGMENT_CATEGORY_IDS)[number];

/** What a user types for a new list name (the category prefix is added by the server). */
export const zListSuffix = z
  .string()
  .trim()
  .min(1, 'required')
  .max(60)
  .regex(/^[^\p{Cc}/\\<>"]+$/u, 'must not contain / \\ < > " or control characters');

export const zListCreate = z.object({ category: z.enum(SEGMENT_CATEGORY_IDS), name: zListSuffix });
export type ListCreate = z.infer<typeof zListCreate>;

export const zListRename = z.object({ name: zListSuffix });
export const zListLock = z.object({ locked: z.boolean() });

/** A manual move of one or many companies (the company table's "move every company matching the filter" sends the ids). */
export const zMoveCompanies = z.object({
  companyIds: z.array(z.string().min(1).max(64)).min(1, 'at least one company').max(200_000),
  listId: z.string().min(1).max(64),
});
export type MoveCompanies = z.infer<typeof zMoveCompanies>;

/** Query of an upload: the original file name, shown in the history and the report. */
export const zImportUploadQuery = z.object({ filename: z.string().trim().max(200).optional() });
export const zLangQuery = z.object({ lang: z.enum(['fr', 'en']).default('fr') });

const text = z.string().trim().min(1, 'required').max(200);

/** The network classes a visit can carry (identification's, and `company` for a company's own network). */
export const RULE_NETWORK_CLASSES = ['company', ...NETWORK_CLASSES] as const;

/** One condition of an auto-segmentation rule; a rule holds when every condition holds. */
export const zRuleCondition = z.discriminatedUnion('field', [
  z.object({ field: z.literal('domain'), op: z.enum(['equals', 'endsWith']), value: text }),
  z.object({ field: z.literal('name'), op: z.enum(['equals', 'contains']), value: text }),
  z.object({ field: z.literal('country'), op: z.literal('equals'), value: z.string().trim().regex(/^[A-Za-z]{2}$/, 'two-letter country code') }),
  z.object({ field: z.literal('networkClass'), op: z.literal('equals'), value: z.enum(RULE_NETWORK_CLASSES) }),
  z.object({ field: z.literal('pageVisited'), op: z.enum(['equals', 'contains']), value: text }),
  z.object({ field: z.literal('utmSource'), op: z.literal('equals'), value: text }),
  z.object({ field: z.literal('visitCount'), op: z.enum(['gte', 'lte']), value: z.coerce.number().int().min(0).max(1_000_000) }),
]);
export type RuleCondition = z.infer<typeof zRuleCondition>;
export const RULE_FIELDS = ['domain', 'name', 'country', 'networkClass', 'pageVisited', 'utmSource', 'visitCount'] as const;

export const zRuleInput = z.object({
  name: z.string().trim().min(1, 'required').max(100),
  listId: z.string().min(1).max(64),
  conditions: z.array(zRuleCondition).min(1, 'at least one condition').max(20),
  enabled: z.boolean().default(true),
});
export type RuleInput = z.infer<typeof zRuleInput>;
export const zRuleOrder = z.object({ ids: z.array(z.string().min(1).max(64)).max(500) });
export const zRuleApply = z.object({ dryRun: z.boolean().default(true) });

// ---- Replies (types only, shared with the dashboard) ----

export type ListView = {
  id: string;
  category: SegmentCategoryId;
  name: string;
  isDefault: boolean;
  locked: boolean;
  companies: number;
  importedRows: number;
  entries: number;
};
export type CategoryView = { id: SegmentCategoryId; label: { fr: string; en: string }; lists: ListView[] };
export type QuotaView = { used: number; limit: number };
export type SegmentsOverview = { categories: CategoryView[]; quota: QuotaView };

export type ImportStatus = 'receiving' | 'parsing' | 'ready' | 'applied' | 'failed' | 'cancelled';
export type MatchKey = 'siren' | 'email_domain' | 'website' | 'name';

/** Counts of a preview (dry run) or of an applied import. */
export type ImportCounts = {
  rowsRead: number;
  valid: number;
  rejected: number;
  matched: number;                 // distinct identified companies matching a row
  matchedBy: Record<MatchKey, number>;
  moved: number;                   // matched companies moved into the list
  alreadyInList: number;
  skippedLocked: number;           // matched companies left in their locked list
  unmatched: number;               // valid rows kept as entries for prospective matching
  leaving: number;                 // companies of the list that the file no longer names
  leavingTo: { id: string; name: string } | null;
  quota: { limit: number; usedElsewhere: number; total: number; exceeded: boolean };
};
export type SkippedMoveView = { companyId: string; companyName: string; fromList: string; reason: string };
export type ImportErrorView = { line: number; column: string; reason: string; message: string; value: string | null };
export type ImportView = {
  id: string;
  listId: string;
  listName: string;
  status: ImportStatus;
  fileName: string | null;
  progress: { bytesDone: number; bytesTotal: number | null; rowsRead: number; percent: number };
  encoding: string | null;
  delimiter: string | null;
  preview: ImportCounts | null;
  report: ImportCounts | null;
  skipped: SkippedMoveView[];
  errors: ImportErrorView[];       // the first ones; the CSV has them all
  error: { code: string; message: string } | null;
  createdAt: number;
  appliedAt: number | null;
};
export type SnapshotView = { id: string; listId: string; reason: 'import' | 'restore'; companies: number; entries: number; importedRows: number; createdAt: number };
export type MoveView = {
  at: number;
  actor: 'user' | 'import' | 'rule' | 'identification' | 'system';
  actorId: string | null;
  actorLabel: string | null;
  from: { id: string; name: string | null } | null;
  to: { id: string; name: string | null };
  reason: string | null;
};
export type RuleView = RuleInput & { id: string; position: number; listName: string };
export type RuleApplyView = { dryRun: boolean; examined: number; moved: number; skippedLocked: number; skipped: SkippedMoveView[] };
