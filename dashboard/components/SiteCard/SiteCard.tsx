import type { SiteView } from '../../../server/schemas/sites';
import { fmt, t } from '../../i18n';
import { SiteSnippet } from '../SiteSnippet/SiteSnippet';

/** One site: its name, allowed domains and the snippet to paste. */
export function SiteCard({ site, origin }: { site: SiteView; origin: string }) {
  const headingId = `site-${site.id}`;
  return (
    <article class="card site-card" aria-labelledby={headingId}>
      <header class="site-card-head">
        <h3 id={headingId}>{site.name}</h3>
        <span class="muted">{t('sites.createdAt', { date: fmt.date(site.createdAt) })}</span>
      </header>
      <dl class="site-meta">
        <dt>{t('sites.domains')}</dt>
        <dd>
          <ul class="chips">
            {site.domains.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('sites.snippet')}</dt>
        <dd>
          <SiteSnippet siteName={site.name} siteKey={site.publicKey} origin={origin} />
        </dd>
      </dl>
    </article>
  );
}
