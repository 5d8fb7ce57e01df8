import type { ContactView, LeadListItem } from '../../../server/schemas/lead-inbox';
import { useApi } from '../../hooks/useApi';
import { fmt, t } from '../../i18n';
import { statusText } from '../LeadInbox/labels';

/** The company's leads (links to the lead page) and the contacts converted from them. */
export function CompanyLeads({ companyId }: { companyId: string }) {
  const id = encodeURIComponent(companyId);
  const leads = useApi<{ leads: LeadListItem[] }>(`/api/leads?companyId=${id}&quality=all&limit=50`);
  const contacts = useApi<{ contacts: ContactView[] }>(`/api/leads/contacts?companyId=${id}`);
  const list = leads.data?.leads ?? [];
  const people = contacts.data?.contacts ?? [];
  if (!leads.data && !leads.error) return <p role="status">{t('common.loading')}</p>;
  if (list.length === 0 && people.length === 0) return <p>{t('companies.noLeads')}</p>;
  return (
    <ul>
      {list.map((l) => (
        <li key={l.id}>
          <a href={`/leads/${encodeURIComponent(l.id)}`}>{l.name || l.email}</a> — {l.email} · {statusText(l.status)} · {fmt.date(l.createdAt)}
        </li>
      ))}
      {people.map((c) => (
        <li key={c.id}>
          {[c.firstName, c.lastName].filter(Boolean).join(' ') || c.email} — {c.email}
          {c.jobTitle ? ` · ${c.jobTitle}` : ''}
        </li>
      ))}
    </ul>
  );
}
