import { ErrorBoundary, LocationProvider, Route, Router, lazy, useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { currentUser, loadSession } from './session';
import { locale, t } from './i18n';
import { Layout } from './components/Layout/Layout';

// Pages are lazy: a marketer opening Companies does not download the Sites page.
const LoginPage = lazy(() => import('./pages/LoginPage'));
const OverviewPage = lazy(() => import('./pages/OverviewPage'));
const SitesPage = lazy(() => import('./pages/SitesPage'));
const CompaniesPage = lazy(() => import('./pages/CompaniesPage'));
const CompanyPage = lazy(() => import('./pages/CompanyPage'));
const SegmentsPage = lazy(() => import('./pages/SegmentsPage'));
const LeadsPage = lazy(() => import('./pages/LeadsPage'));
const FormsPage = lazy(() => import('./pages/FormsPage'));
const SettingsPage = lazy(() => import('./pages/SettingsPage'));

function NotFound() {
  return <h1>{t('common.notFound')}</h1>;
}

function Authenticated() {
  const user = currentUser.value;
  const { route, path, url } = useLocation();
  useEffect(() => {
    // The whole address, query included: a shared inbox filter (/leads?status=refused…) survives the log-in.
    if (user === null && path !== '/login') route(`/login?next=${encodeURIComponent(url)}`, true);
  }, [user, path]);
  // Logged out: the effect above moves to /login, where the outer Router mounts the one log-in form.
  // Rendering a form here as well would let someone type into a form about to be replaced.
  if (user === undefined || user === null) return <p role="status">{t('common.loading')}</p>;
  return (
    <Layout>
      <Router>
        <Route path="/" component={OverviewPage} />
        <Route path="/sites" component={SitesPage} />
        <Route path="/companies" component={CompaniesPage} />
        <Route path="/companies/:id" component={CompanyPage} />
        <Route path="/segments" component={SegmentsPage} />
        <Route path="/leads" component={LeadsPage} />
        <Route path="/leads/:id" component={LeadsPage} />
        <Route path="/forms" component={FormsPage} />
        <Route path="/settings" component={SettingsPage} />
        <Route default component={NotFound} />
      </Router>
    </Layout>
  );
}

export function App() {
  // A server that cannot be reached must not leave the app on "Loading…" forever.
  const [sessionFailed, setSessionFailed] = useState(false);
  const checkSession = () => {
    setSessionFailed(false);
    loadSession().catch(() => setSessionFailed(true));
  };
  useEffect(() => {
    document.documentElement.lang = locale.value;
    checkSession();
  }, []);
  if (sessionFailed) {
    return (
      <main class="login">
        <p role="alert">{t('common.error')}</p>
        <button type="button" onClick={checkSession}>
          {t('common.retry')}
        </button>
      </main>
    );
  }
  return (
    <LocationProvider>
      <ErrorBoundary>
        <Router>
          <Route path="/login" component={LoginPage} />
          {/* The nested Router inside Authenticated matches the `rest` of this route: "/*" passes
              "/sites" on; "/" only matches the default route, whose empty rest the inner Router reads as "/". */}
          <Route path="/*" component={Authenticated} />
          <Route default component={Authenticated} />
        </Router>
      </ErrorBoundary>
    </LocationProvider>
  );
}
