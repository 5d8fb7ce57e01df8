import { useState } from 'preact/hooks';
import type { SiteView } from '../../server/schemas/sites';
import { t } from '../i18n';
import { useApi } from '../hooks/useApi';
import { useTitle } from '../hooks/useTitle';
import { LoadError } from '../components/LoadError/LoadError';
import { SiteCard } from '../components/SiteCard/SiteCard';
import { SiteForm } from '../components/SiteForm/SiteForm';

type SitesReply = { sites: SiteView[]; publicUrl?: string | null };

/** Lists the organisation's sites with their snippets, and adds new ones. */
export default function SitesPage() {
  useTitle(t('sites.title'));
  const { data, error, reload } = useApi<SitesReply>('/api/sites');
  // Sites added here show at once, without waiting for a reload of the list.
  const [added, setAdded] = useState<SiteView[]>([]);
  const known = new Set(data?.sites.map((s) => s.id));
  const sites = [...(data?.sites ?? []), ...added.filter((s) => !known.has(s.id))];
  const origin = data?.publicUrl || location.origin;

  return (
    <div class="page">
      <header class="page-head">
        <h1>{t('sites.title')}</h1>
        <p class="muted">{t('sites.intro')}</p>
      </header>
      <div class="sites-grid">
        <section aria-labelledby="sites-list-title">
          <h2 id="sites-list-title">{t('sites.listTitle')}</h2>
          {error && <LoadError error={error} onRetry={reload} />}
          {!data && !error && <p role="status">{t('common.loading')}</p>}
          {data && sites.length === 0 && <p>{t('sites.empty')}</p>}
          {sites.map((s) => (
            <SiteCard key={s.id} site={s} origin={origin} />
          ))}
        </section>
        <section class="card sites-add" aria-labelledby="sites-add-title">
          <h2 id="sites-add-title">{t('sites.addTitle')}</h2>
          <SiteForm onCreated={(site) => setAdded((prev) => [...prev, site])} />
        </section>
      </div>
    </div>
  );
}
