import type { SiteView } from '../../../server/schemas/sites';
import { t } from '../../i18n';

/** Chooses which site the Overview shows; `null` means every site of the organisation. */
export function SiteSelect({ sites, value, onChange }: { sites: SiteView[]; value: string | null; onChange: (siteId: string | null) => void }) {
  return (
    <label class="inline-field">
      <span>{t('overview.site')}</span>
      <select value={value ?? ''} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value || null)}>
        <option value="">{t('overview.allSites')}</option>
        {sites.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
