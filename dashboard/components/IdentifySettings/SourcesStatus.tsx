import type { IdentifyStatusView } from '../../../server/schemas/identify';
import { t } from '../../i18n';
import { useApi } from '../../hooks/useApi';
import { LoadError } from '../LoadError/LoadError';
import styles from './IdentifySettings.module.css';

function State({ status, detail }: { status: string; detail?: string }) {
  return (
    <span>
      <span class={status === 'ok' ? styles.ok : styles.bad}>{t(`settings.status.${status}`)}</span>
      {detail ? ` — ${detail}` : ''}
    </span>
  );
}

/** The state of each data source (embedded table, MaxMind files, country, reverse DNS), as /health sees it. */
export function SourcesStatus() {
  const { data, error, reload } = useApi<IdentifyStatusView>('/api/identify/status');
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <p role="status">{t('common.loading')}</p>;
  const country = data.country.source === 'maxmind' ? 'countryMaxmind' : data.country.source === 'embedded' ? 'countryEmbedded' : 'countryNone';
  return (
    <dl class={styles.sources}>
      <dt>{t('settings.sources.asnTable')}</dt>
      <dd>
        <State status={data.asnTable.status} detail={data.asnTable.detail} />
      </dd>
      <dt>{t('settings.sources.maxmind')}</dt>
      <dd>
        {data.maxmind.databases.length === 0 ? (
          t('settings.sources.maxmindNone')
        ) : (
          <ul>
            {data.maxmind.databases.map((d) => (
              <li key={d.file}>
                <span class={styles.mono}>{d.file.split('/').pop()}</span> {d.type ? `(${d.type}) ` : ''}
                <State status={d.status} detail={d.detail} />
              </li>
            ))}
          </ul>
        )}
      </dd>
      <dt>{t('settings.sources.country')}</dt>
      <dd>{t(`settings.sources.${country}`)}</dd>
      <dt>{t('settings.sources.rdns')}</dt>
      <dd>{data.reverseDns.enabled ? t('settings.sources.rdnsOn') : t('settings.sources.rdnsOff')}</dd>
    </dl>
  );
}
