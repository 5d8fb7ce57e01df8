import type { Db } from '../db/open.js';
import { requireList } from './lists.js';
import { BOM, csvLine } from './csv/write.js';
import { TEMPLATE_HEADER } from './csv/header.js';
import { localDateTime } from './csv/user-clock.js';

/** The empty import template: the four headers, semicolon-separated with a BOM, as Excel in France opens it. */
export function templateCsv(): string {
  return BOM + csvLine(TEMPLATE_HEADER);
}

const EXPORT_HEADER = { fr: [...TEMPLATE_HEADER, 'Visites', 'Pages vues', 'Dernière visite', 'Statut'], en: [...TEMPLATE_HEADER, 'Visits', 'Pageviews', 'Last visit', 'Status'] };
const STATUS = { fr: { company: 'identifiée', entry: 'en attente d’identification' }, en: { company: 'identified', entry: 'awaiting identification' } };


/**
 * A list as CSV: its companies (visits, pageviews, last visit) then its imported rows still waiting
 * for a company, with the template's four columns first so the file can be edited and re-imported.
 * Every text cell is neutralised against formula injection. Last visits are on the user's clock
 * (`tz`, an IANA zone), written as the companies export writes them.
 */
export function exportListCsv(db: Db, orgId: string, listId: string, lang: 'fr' | 'en' = 'fr', tz = 'UTC'): { fileName: string; body: string } {
  const list = requireList(db, orgId, listId);
  const companies = db
    .prepare(
      `SELECT c.name, c.siren, c.domain, c.last_seen_at,
              (SELECT count(*) FROM sessions s WHERE s.company_id = c.id AND s.org_id = c.org_id) AS visits,
              (SELECT coalesce(sum(s.pageviews), 0) FROM sessions s WHERE s.company_id = c.id AND s.org_id = c.org_id) AS pageviews
         FROM companies c WHERE c.org_id = ? AND c.list_id = ? ORDER BY c.name`,
    )
    .all(orgId, listId) as Array<{ name: string; siren: string | null; domain: string | null; last_seen_at: number | null; visits: number; pageviews: number }>;
  const entries = db.prepare('SELECT name, siren, email_domain, web_domain FROM list_entries WHERE list_id = ? ORDER BY line').all(listId) as Array<{ name: string; siren: string | null; email_domain: string | null; web_domain: string | null }>;
  let body = BOM + csvLine(EXPORT_HEADER[lang]);
  for (const c of companies) body += csvLine([c.name, c.siren, c.domain, c.domain, c.visits, c.pageviews, c.last_seen_at ? localDateTime(c.last_seen_at, lang, tz) : null, STATUS[lang].company]);
  for (const e of entries) body += csvLine([e.name, e.siren, e.email_domain, e.web_domain, 0, 0, null, STATUS[lang].entry]);
  return { fileName: `${list.name}.csv`, body };
}
