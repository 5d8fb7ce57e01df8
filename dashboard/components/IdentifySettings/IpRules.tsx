import { useState } from 'preact/hooks';
import type { IpRuleView } from '../../../server/schemas/identify';
import { api } from '../../api';
import { t } from '../../i18n';
import { useApi } from '../../hooks/useApi';
import { LoadError } from '../LoadError/LoadError';
import { IpRuleForm } from './IpRuleForm';
import styles from './IdentifySettings.module.css';

/** The organisation's manual IP rules: table, add/edit form, delete. */
export function IpRules() {
  const { data, error, reload } = useApi<{ rules: IpRuleView[] }>('/api/identify/rules');
  const [editing, setEditing] = useState<IpRuleView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  async function remove(rule: IpRuleView) {
    setActionError(null);
    try {
      await api(`/api/identify/rules/${rule.id}`, { method: 'DELETE' });
      if (editing?.id === rule.id) setEditing(null);
      setMessage(t('settings.rules.deleted', { cidr: rule.cidr }));
      reload();
    } catch (err) {
      setActionError(err instanceof Error ? `${t('common.error')} (${err.message})` : t('common.error'));
    }
  }

  const rules = data?.rules ?? [];
  return (
    <>
      {error && <LoadError error={error} onRetry={reload} />}
      {!data && !error && <p role="status">{t('common.loading')}</p>}
      {data && rules.length === 0 && <p>{t('settings.rules.empty')}</p>}
      {rules.length > 0 && (
        <div class={styles.tableWrap}>
          <table>
            <caption class="visually-hidden">{t('settings.rules.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('settings.rules.network')}</th>
                <th scope="col">{t('settings.rules.action')}</th>
                <th scope="col">{t('settings.rules.note')}</th>
                <th scope="col">{t('settings.rules.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((r) => (
                <tr key={r.id}>
                  <th scope="row" class={styles.mono}>{r.cidr}</th>
                  <td>
                    {r.action === 'ignore'
                      ? t('settings.rules.ignore')
                      : t('settings.rules.mapTo', { name: r.company ? `${r.company.name}${r.company.domain ? ` (${r.company.domain})` : ''}` : '?' })}
                  </td>
                  <td>{r.note}</td>
                  <td>
                    <div class={styles.actions}>
                      <button type="button" class="secondary" aria-label={t('settings.rules.editLabel', { cidr: r.cidr })} onClick={() => { setMessage(null); setEditing(r); }}>
                        {t('settings.rules.edit')}
                      </button>
                      <button type="button" class="secondary" aria-label={t('settings.rules.deleteLabel', { cidr: r.cidr })} onClick={() => void remove(r)}>
                        {t('settings.rules.delete')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {actionError && <p role="alert" class="error">{actionError}</p>}
      <p role="status" class="success">{message}</p>
      <IpRuleForm
        editing={editing}
        onCancel={() => setEditing(null)}
        onSaved={(rule, created) => {
          setEditing(null);
          setMessage(t(created ? 'settings.rules.added' : 'settings.rules.saved', { cidr: rule.cidr }));
          reload();
        }}
      />
    </>
  );
}
