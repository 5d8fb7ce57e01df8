import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { locale, setLocale, t, type Locale } from '../../i18n';
import { currentUser, logOut } from '../../session';
import { LeadBell } from '../LeadBell/LeadBell';

const NAV = [
  ['/', 'nav.overview'],
  ['/companies', 'nav.companies'],
  ['/segments', 'nav.segments'],
  ['/leads', 'nav.leads'],
  ['/forms', 'nav.forms'],
  ['/sites', 'nav.sites'],
  ['/settings', 'nav.settings'],
] as const;

/** The dashboard frame: main navigation, language switch, log-out, attribution footer. */
export function Layout({ children }: { children: ComponentChildren }) {
  const { path, route } = useLocation();
  const isCurrent = (href: string) => (href === '/' ? path === '/' : path.startsWith(href));
  return (
    <div class="layout">
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class="topbar">
        <strong class="brand">{t('app.name')}</strong>
        <nav aria-label={t('nav.main')}>
          <ul>
            {NAV.map(([href, key]) => (
              <li key={href}>
                <a href={href} aria-current={isCurrent(href) ? 'page' : undefined}>
                  {t(key)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="topbar-end">
          <LeadBell />
          <label>
            <span class="visually-hidden">{t('nav.language')}</span>
            <select value={locale.value} onChange={(e) => setLocale((e.currentTarget as HTMLSelectElement).value as Locale)}>
              <option value="fr">Français</option>
              <option value="en">English</option>
            </select>
          </label>
          <span class="user">{currentUser.value?.email}</span>
          <button type="button" onClick={async () => { await logOut(); route('/login'); }}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main id="main" class="content" tabIndex={-1}>{children}</main>
      <footer class="footer">
        {t('footer.attribution')}
        <a href="https://db-ip.com" rel="noopener noreferrer">IP Geolocation by DB-IP</a> (CC BY 4.0), RouteViews.
      </footer>
    </div>
  );
}
