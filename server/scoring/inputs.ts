import type { Db } from '../db/open.js';
import type { CategoryId } from '../segments/categories.js';
import type { Pin, ScoringRules, Temperature } from '../schemas/scoring.js';
import { keyPagesSql } from './patterns.js';
import type { ScoreInput } from './score.js';

/** A company's score input plus what is stored now, so unchanged rows are not rewritten. */
export type LoadedCompany = {
  id: string;
  input: ScoreInput;
  stored: { score: number; temperature: Temperature; breakdown: string | null; version: number | null };
};

type BaseRow = {
  company_id: string; category: CategoryId; list_id: string; country: string | null; domain: string | null;
  network_class: string | null; best_confidence: number; tags: string; score: number; temperature: Temperature;
  breakdown: string | null; rules_version: number | null;
  pin_score: number | null; pin_temperature: Temperature | null; pin_reason: string | null; pin_by: string | null; pin_at: number | null;
};

const BASE = `SELECT cs.company_id, cs.category, cs.list_id, cs.country, cs.domain, cs.network_class, c.best_confidence, c.tags,
    cs.score, cs.temperature, sc.breakdown, sc.rules_version,
    sc.pin_score, sc.pin_temperature, sc.pin_reason, coalesce(nullif(u.name, ''), u.email) AS pin_by, sc.pin_at
  FROM company_stats cs JOIN companies c ON c.id = cs.company_id LEFT JOIN company_scores sc ON sc.company_id = cs.company_id
  LEFT JOIN users u ON u.id = sc.pin_by AND u.org_id = cs.org_id`;

/**
 * Form submissions count once per lead, at its latest submission (merged duplicates are one
 * intent); pseudo-leads flagged spam do not count unless a user restored them.
 */
function formsStatement(db: Db, where: string) {
  return db.prepare(`SELECT company_id, last_submitted_at AS at FROM leads
    WHERE org_id = @org AND company_id IS NOT NULL AND ${where} AND (quality <> 'spam' OR restored_at IS NOT NULL)`);
}

function pinOf(r: BaseRow): Pin | null {
  if (r.pin_at === null || (r.pin_score === null && r.pin_temperature === null)) return null;
  return { score: r.pin_score, temperature: r.pin_temperature, reason: r.pin_reason ?? '', by: r.pin_by, at: r.pin_at };
}

function assemble(db: Db, orgId: string, rules: ScoringRules, base: BaseRow[], where: string, params: Record<string, unknown>): LoadedCompany[] {
  const byId = new Map<string, LoadedCompany>();
  for (const r of base) {
    byId.set(r.company_id, {
      id: r.company_id,
      input: {
        category: r.category, listId: r.list_id, country: r.country, domain: r.domain, networkClass: r.network_class,
        confidence: r.best_confidence, tags: JSON.parse(r.tags) as string[], days: [], pages: [], forms: [], pin: pinOf(r),
      },
      stored: { score: r.score, temperature: r.temperature, breakdown: r.breakdown, version: r.rules_version },
    });
  }
  if (byId.size === 0) return [];
  const p = { org: orgId, ...params };
  // `+org_id`: still scoped, but the company-id range on the primary key must drive the lookup,
  // not the (org_id, …) index, which would scan the whole organisation for every chunk.
  const days = db.prepare(`SELECT company_id, sessions, pageviews, engaged_ms, last_at FROM company_days WHERE +org_id = @org AND ${where}`).all(p) as
    Array<{ company_id: string; sessions: number; pageviews: number; engaged_ms: number; last_at: number }>;
  for (const d of days) byId.get(d.company_id)?.input.days.push({ sessions: d.sessions, pageviews: d.pageviews, engagedMs: d.engaged_ms, lastAt: d.last_at });
  // Only the paths a key page can match: most of a company's pages never count.
  const keyPages = keyPagesSql(rules.engagement.keyPages.map((k) => k.pattern));
  const pages = db.prepare(`SELECT company_id, path, views, last_at FROM company_pages WHERE +org_id = @org AND ${where} AND ${keyPages.sql}`).all({ ...p, ...keyPages.params }) as
    Array<{ company_id: string; path: string; views: number; last_at: number }>;
  for (const g of pages) byId.get(g.company_id)?.input.pages.push({ path: g.path, views: g.views, lastAt: g.last_at });
  const forms = formsStatement(db, where).all(p) as Array<{ company_id: string; at: number }>;
  for (const f of forms) byId.get(f.company_id)?.input.forms.push(f.at);
  return [...byId.values()];
}

/** Loads the next `limit` companies after `afterId` (company id order): one chunk of a rescoring pass. */
export function loadChunk(db: Db, orgId: string, rules: ScoringRules, afterId: string, limit: number): LoadedCompany[] {
  const base = db.prepare(`${BASE} WHERE cs.org_id = ? AND cs.company_id > ? ORDER BY cs.company_id LIMIT ?`).all(orgId, afterId, limit) as BaseRow[];
  if (base.length === 0) return [];
  const last = base[base.length - 1]!.company_id;
  return assemble(db, orgId, rules, base, 'company_id > @after AND company_id <= @last', { after: afterId, last });
}

/** Loads the given companies of the organisation (unknown or foreign ids are skipped). */
export function loadCompanies(db: Db, orgId: string, rules: ScoringRules, ids: readonly string[]): LoadedCompany[] {
  if (ids.length === 0) return [];
  const json = JSON.stringify(ids);
  const base = db.prepare(`${BASE} WHERE cs.org_id = ? AND cs.company_id IN (SELECT value FROM json_each(?))`).all(orgId, json) as BaseRow[];
  return assemble(db, orgId, rules, base, 'company_id IN (SELECT value FROM json_each(@ids))', { ids: json });
}
