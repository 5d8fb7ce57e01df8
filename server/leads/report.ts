import type { Db } from '../db/open.js';
import type { LeadReport, ReportRow } from '../schemas/lead-inbox.js';

const DAY = 86_400_000;

type Row = { source: string | null; medium: string | null; campaign: string | null; form: string; qualified: number; created_at: number; converted_at: number | null };

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function summarise(key: string, rows: readonly Row[]): ReportRow {
  const converted = rows.filter((r) => r.converted_at !== null);
  const days = converted.map((r) => (r.converted_at! - r.created_at) / DAY);
  return {
    key,
    leads: rows.length,
    qualified: rows.filter((r) => r.qualified).length,
    converted: converted.length,
    conversionRate: rows.length ? converted.length / rows.length : 0,
    medianDaysToConvert: days.length ? Math.round(median(days) * 10) / 10 : null,
  };
}

function groupBy(rows: readonly Row[], key: (r: Row) => string): ReportRow[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = key(r);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups].map(([k, rs]) => summarise(k, rs)).sort((a, b) => b.converted - a.converted || b.leads - a.leads || a.key.localeCompare(b.key));
}

/**
 * Leads created between `from` and `to` (inclusive day), spam left out: how many, how many
 * qualified, converted, the conversion rate and median days to convert, per first-touch source /
 * medium / campaign and per form. Shows which channels bring customers, not just leads.
 */
export function leadReport(db: Db, orgId: string, from: number, to: number): LeadReport {
  const rows = db
    .prepare(
      `SELECT l.source, l.medium, l.campaign, f.name AS form, l.created_at, l.converted_at,
         (l.qualified_at IS NOT NULL OR l.status IN ('qualified', 'contacted', 'converted')) AS qualified
       FROM leads l JOIN lead_forms f ON f.id = l.form_id
       WHERE l.org_id = ? AND l.quality <> 'spam' AND l.created_at >= ? AND l.created_at < ?`,
    )
    .all(orgId, from, to + DAY) as Row[];
  return {
    from, to,
    totals: summarise('total', rows),
    bySource: groupBy(rows, (r) => r.source ?? '(direct)'),
    byMedium: groupBy(rows, (r) => r.medium ?? '(none)'),
    byCampaign: groupBy(rows, (r) => r.campaign ?? '(none)'),
    byForm: groupBy(rows, (r) => r.form),
  };
}
