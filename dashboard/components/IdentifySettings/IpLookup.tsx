import { useState } from 'preact/hooks';
import type { IdentificationView } from '../../../server/schemas/identify';
import { api, ApiError } from '../../api';
import { t } from '../../i18n';
import { countryName } from '../../i18n/countries';
import { classLabel, percent, sourceLabel } from './labels';
import styles from './IdentifySettings.module.css';

/** "Why is this IP (not) identified?": runs the pipeline for one address and shows every verdict. */
export function IpLookup() {
  const [result, setResult] = useState<IdentificationView | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    const ip = String(new FormData(e.currentTarget as HTMLFormElement).get('ip') ?? '');
    setBusy(true);
    setInvalid(false);
    setFormError(null);
    try {
      setResult((await api<{ result: IdentificationView }>('/api/identify/lookup', { method: 'POST', body: { ip } })).result);
    } catch (err) {
      setResult(null);
      if (err instanceof ApiError && err.field === 'ip') setInvalid(true);
      else setFormError(err instanceof Error ? `${t('common.error')} (${err.message})` : t('common.error'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form class={styles.lookup} onSubmit={submit} noValidate>
        <div class={`field ${styles.field}`}>
          <label for="ip-lookup">{t('settings.lookup.ip')}</label>
          <input id="ip-lookup" name="ip" required maxLength={64} spellcheck={false} autoComplete="off"
            aria-invalid={invalid ? true : undefined} aria-describedby={invalid ? 'ip-lookup-error' : undefined} />
        </div>
        <button type="submit" disabled={busy}>{t('settings.lookup.submit')}</button>
      </form>
      {invalid && <p id="ip-lookup-error" class="field-error">{t('settings.lookup.invalid')}</p>}
      {formError && <p role="alert" class="error">{formError}</p>}
      <div aria-live="polite">
        {result && (
          <section class={styles.result} aria-labelledby="ip-lookup-result">
            <h3 id="ip-lookup-result">{t('settings.lookup.result')} — <span class={styles.mono}>{result.ip}</span></h3>
            <p class={styles.verdict}>
              {result.company ? t('settings.lookup.company', { name: result.company.name }) : t('settings.lookup.noCompany', { class: classLabel(result.class) })}
            </p>
            <p class="muted">
              {t('settings.lookup.detail', { confidence: percent(result.confidence), source: sourceLabel(result.source), country: result.country ? countryName(result.country) : '—' })}
            </p>
            {result.evidence.length === 0 ? (
              <p>{t('settings.lookup.none')}</p>
            ) : (
              <div class={styles.tableWrap}>
                <table>
                  <caption class="visually-hidden">{t('settings.lookup.evidence')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('settings.lookup.source')}</th>
                      <th scope="col">{t('settings.lookup.verdict')}</th>
                      <th scope="col">{t('settings.lookup.matched')}</th>
                      <th scope="col" class={styles.num}>{t('settings.lookup.confidence')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.evidence.map((e, i) => (
                      <tr key={i}>
                        <td>{sourceLabel(e.source)}</td>
                        <td>{e.kind === 'company' ? e.value : classLabel(e.value)}</td>
                        <td class={styles.mono}>{e.matched}</td>
                        <td class={styles.num}>{percent(e.confidence)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        )}
      </div>
    </>
  );
}
