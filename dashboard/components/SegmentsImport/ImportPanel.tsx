import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api';
import { fmt, t, tCount } from '../../i18n';
import type { ImportView, ListView } from '../../../server/schemas/segments';
import { cancelImport, confirmImport, downloads, getImport, uploadCsv } from '../Segments/segmentsApi';
import { ProgressBar } from './ProgressBar';
import { ImportCounts } from './ImportCounts';
import { ImportErrors } from './ImportErrors';
import styles from './Import.module.css';

type Step =
  | { kind: 'choose'; error?: string }
  | { kind: 'uploading'; fraction: number }
  | { kind: 'parsing'; imp: ImportView }
  | { kind: 'ready'; imp: ImportView; error?: string }
  | { kind: 'applying'; imp: ImportView }
  | { kind: 'done'; imp: ImportView };

const POLL_MS = 400;

const errorText = (err: unknown) =>
  err instanceof ApiError && err.code === 'payload-too-large' ? t('segments.import.tooLarge') : `${t('common.error')} (${err instanceof Error ? err.message : String(err)})`;

/**
 * Import of one CSV file into a list: upload (progress) → parsing (progress polled from the
 * server) → preview and confirmation saying what the replacement does → report.
 */
export function ImportPanel({ list, onApplied }: { list: ListView; onApplied: () => void }) {
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const fileRef = useRef<HTMLInputElement>(null);
  const alive = useRef(true);
  useEffect(() => () => { alive.current = false; }, []);

  async function poll(id: string) {
    for (;;) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      if (!alive.current) return;
      const imp = await getImport(id);
      if (imp.status === 'receiving' || imp.status === 'parsing') setStep({ kind: 'parsing', imp });
      else return setStep(imp.status === 'ready' ? { kind: 'ready', imp } : { kind: 'choose', error: imp.error?.message ?? t('common.error') });
    }
  }

  async function send(e: Event) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return setStep({ kind: 'choose', error: t('segments.import.noFile') });
    setStep({ kind: 'uploading', fraction: 0 });
    try {
      const imp = await uploadCsv(list.id, file, (fraction) => alive.current && setStep({ kind: 'uploading', fraction }));
      setStep({ kind: 'parsing', imp });
      await poll(imp.id);
    } catch (err) {
      setStep({ kind: 'choose', error: errorText(err) });
    }
  }

  async function confirm(imp: ImportView) {
    setStep({ kind: 'applying', imp });
    try {
      const done = await confirmImport(imp.id);
      setStep({ kind: 'done', imp: done });
      onApplied();
    } catch (err) {
      const message = err instanceof ApiError && err.code === 'quota-exceeded' ? t('segments.import.quotaRefused') : errorText(err);
      setStep({ kind: 'ready', imp, error: message });
    }
  }

  async function cancel(imp: ImportView) {
    await cancelImport(imp.id).catch(() => undefined);
    setStep({ kind: 'choose' });
  }

  if (step.kind === 'choose') {
    return (
      <form class="stack" onSubmit={send} noValidate>
        <ul class={styles.rules}>
          <li>{t('segments.import.ruleColumns')}</li>
          <li>{t('segments.import.ruleRows')}</li>
          <li>{t('segments.import.ruleReplace', { name: list.name })}</li>
        </ul>
        <p>
          <a href={downloads.template()} download>{t('segments.import.template')}</a>
        </p>
        <div class="field">
          <label for={`file-${list.id}`}>{t('segments.import.file', { name: list.name })}</label>
          <input id={`file-${list.id}`} ref={fileRef} type="file" accept=".csv,text/csv" aria-describedby={step.error ? `file-${list.id}-error` : undefined} />
        </div>
        {step.error && <p id={`file-${list.id}-error`} role="alert" class="error">{step.error}</p>}
        <div class="form-actions">
          <button type="submit">{t('segments.import.send')}</button>
        </div>
      </form>
    );
  }
  if (step.kind === 'uploading') return <ProgressBar label={t('segments.import.uploading')} percent={step.fraction * 100} />;
  if (step.kind === 'parsing') {
    return (
      <div class="stack">
        <ProgressBar label={t('segments.import.parsing')} percent={step.imp.progress.percent} />
        <p role="status">{t('segments.import.rowsSoFar', { count: fmt.number(step.imp.progress.rowsRead) })}</p>
      </div>
    );
  }
  const imp = step.imp;
  if (step.kind === 'done' && imp.report) {
    return (
      <section class="stack" aria-labelledby={`report-${imp.id}`}>
        <h3 id={`report-${imp.id}`}>{t('segments.report.title', { name: list.name })}</h3>
        <p role="status" class="visually-hidden">{t('segments.report.title', { name: list.name })}</p>
        <ImportCounts counts={imp.report} applied />
        {imp.report.leavingTo && imp.report.leaving > 0 && <p>{tCount('segments.report.left', imp.report.leaving, { to: imp.report.leavingTo.name })}</p>}
        {imp.skipped.length > 0 && (
          <div>
            <p>{t('segments.report.skippedTitle')}</p>
            <ul>
              {imp.skipped.map((s) => (
                <li key={s.companyId}>{t('segments.report.skippedItem', { company: s.companyName, list: s.fromList })}</li>
              ))}
            </ul>
          </div>
        )}
        <ImportErrors imp={imp} rejected={imp.report.rejected} />
        <div class="form-actions">
          <button type="button" class="secondary" onClick={() => setStep({ kind: 'choose' })}>{t('segments.import.another')}</button>
        </div>
      </section>
    );
  }
  const p = imp.preview!;
  return (
    <section class="stack" aria-labelledby={`preview-${imp.id}`}>
      <h3 id={`preview-${imp.id}`}>{t('segments.preview.title', { file: imp.fileName ?? '' })}</h3>
      <ImportCounts counts={p} applied={false} />
      <ImportErrors imp={imp} rejected={p.rejected} />
      <p class={styles.confirm}>
        {p.leavingTo
          ? tCount('segments.preview.replace', p.leaving, { name: list.name, to: p.leavingTo.name })
          : t('segments.preview.replaceStay', { name: list.name })}{' '}
        {t('segments.preview.snapshot')}
      </p>
      {p.quota.exceeded && (
        <p class={styles.warning} role="alert">
          {t('segments.preview.quota', { total: fmt.number(p.quota.total), limit: fmt.number(p.quota.limit), elsewhere: fmt.number(p.quota.usedElsewhere) })}
        </p>
      )}
      {step.kind === 'ready' && step.error && <p role="alert" class="error">{step.error}</p>}
      {step.kind === 'applying' && <p role="status">{t('segments.import.applying')}</p>}
      <div class="form-actions">
        <button type="button" disabled={step.kind === 'applying' || p.quota.exceeded} onClick={() => confirm(imp)}>
          {tCount('segments.preview.confirm', p.valid)}
        </button>
        <button type="button" class="secondary" disabled={step.kind === 'applying'} onClick={() => cancel(imp)}>{t('common.cancel')}</button>
      </div>
    </section>
  );
}
