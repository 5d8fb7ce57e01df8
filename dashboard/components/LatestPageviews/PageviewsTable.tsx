import type { PageviewView } from '../../../server/schemas/overview';
import { fmt, t } from '../../i18n';
import styles from './LatestPageviews.module.css';

/**
 * Pageviews as a table. Path, title, URL and source are sent by visitors: they are rendered as
 * JSX text only (never markup, never a link), so a hostile title stays inert.
 * `siteNames` adds a Site column (when several sites are shown together).
 */
export function PageviewsTable({ pageviews, siteNames }: { pageviews: PageviewView[]; siteNames?: Map<string, string> }) {
  return (
    <div class={styles.scroll}>
      <table class={styles.table}>
        <caption class="visually-hidden">{t('overview.latestTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('overview.time')}</th>
            <th scope="col">{t('overview.page')}</th>
            <th scope="col">{t('overview.source')}</th>
            {siteNames && <th scope="col">{t('overview.site')}</th>}
          </tr>
        </thead>
        <tbody>
          {pageviews.map((p, i) => (
            <tr key={`${p.ts}-${i}`}>
              <td class={styles.time}>
                <time dateTime={new Date(p.ts).toISOString()}>{fmt.dateTime(p.ts)}</time>
              </td>
              <td class={styles.page}>
                <span class={styles.path}>{p.path}</span>
                {p.title && <span class={styles.title}>{p.title}</span>}
              </td>
              <td>
                {p.source ? (
                  <span class={styles.nowrap} title={p.source}>
                    {p.source}
                  </span>
                ) : (
                  <span class={`${styles.nowrap} muted`}>{t('overview.direct')}</span>
                )}
              </td>
              {siteNames && (
                <td>
                  <span class={styles.nowrap}>{siteNames.get(p.siteId) ?? ''}</span>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
