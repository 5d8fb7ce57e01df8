import { t } from '../i18n';
import { useTitle } from '../hooks/useTitle';
import { SourcesStatus } from '../components/IdentifySettings/SourcesStatus';
import { IpRules } from '../components/IdentifySettings/IpRules';
import { LearnedMappings } from '../components/IdentifySettings/LearnedMappings';
import { IpLookup } from '../components/IdentifySettings/IpLookup';

/** Settings: how visits are identified (sources, IP rules, learned mappings, an explainer). */
export default function SettingsPage() {
  useTitle(t('settings.title'));
  return (
    <div class="page">
      <header class="page-head">
        <h1>{t('settings.title')}</h1>
        <p class="muted">{t('settings.intro')}</p>
      </header>
      <section class="card" aria-labelledby="settings-rules-title">
        <h2 id="settings-rules-title">{t('settings.rules.title')}</h2>
        <p class="muted">{t('settings.rules.intro')}</p>
        <IpRules />
      </section>
      <section class="card" aria-labelledby="settings-learned-title">
        <h2 id="settings-learned-title">{t('settings.learned.title')}</h2>
        <p class="muted">{t('settings.learned.intro')}</p>
        <LearnedMappings />
      </section>
      <section class="card" aria-labelledby="settings-lookup-title">
        <h2 id="settings-lookup-title">{t('settings.lookup.title')}</h2>
        <p class="muted">{t('settings.lookup.intro')}</p>
        <IpLookup />
      </section>
      <section class="card" aria-labelledby="settings-sources-title">
        <h2 id="settings-sources-title">{t('settings.sources.title')}</h2>
        <SourcesStatus />
      </section>
    </div>
  );
}
