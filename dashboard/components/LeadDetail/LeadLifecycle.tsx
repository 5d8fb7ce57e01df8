import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { fmt, t } from '../../i18n';
import { REFUSE_REASONS, LEAD_TEMPERATURES, type LeadDetail, type LeadPatch } from '../../../server/schemas/lead-inbox';
import { qualityText, reasonText, refuseText, statusText } from '../LeadInbox/labels';
import styles from './LeadDetail.module.css';

type Owner = { id: string; name: string; email: string };
const NEXT: Record<string, string[]> = { new: ['qualified', 'contacted', 'refused'], qualified: ['new', 'contacted', 'refused'], contacted: ['qualified', 'refused'] };

/** Quality, status (refusal with its reason, reopening), owner, temperature and conversion. */
export function LeadLifecycle({ lead, owners, onChange }: { lead: LeadDetail; owners: Owner[]; onChange: () => void }) {
  const [status, setStatus] = useState('');
  const [reason, setReason] = useState('');
  const [markCustomer, setMarkCustomer] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  // The control the user acted with: once the lead is reloaded it keeps the focus if it is still
  // there, else (the status form goes when the lead is refused, « Rouvrir » once reopened) the
  // focus goes to the message announcing the result, not to <body>.
  const used = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const el = used.current;
    if (!el) return;
    used.current = null;
    if (!el.isConnected) statusRef.current?.focus();
    else if (document.activeElement === document.body) el.focus();
  }, [lead]);

  async function run(action: () => Promise<unknown>) {
    setMessage(null);
    const active = document.activeElement;
    try {
      await action();
      used.current = active instanceof HTMLElement && active !== document.body ? active : null;
      setMessage({ error: false, text: t('leads.saved') });
      setStatus('');
      setReason('');
      onChange();
    } catch (err) {
      setMessage({ error: true, text: err instanceof ApiError && err.field === 'refusedReason' ? t('leads.refuse.reasonRequired') : err instanceof Error ? err.message : t('common.error') });
    }
  }
  const patch = (body: LeadPatch) => run(() => api(`/api/leads/${lead.id}`, { method: 'PATCH', body }));
  const open = lead.status !== 'converted' && lead.status !== 'refused';

  return (
    <section class="card" aria-labelledby="lead-lifecycle">
      <h2 id="lead-lifecycle">{t('leads.lifecycle')}</h2>
      <div class="stack">
        <div>
          <h3>{t('leads.qualityTitle')}</h3>
          <p>
            {qualityText(lead.quality)}
            {lead.restored && <> · {t('leads.restored')}</>}
          </p>
          {lead.reasons.length > 0 && <ul>{lead.reasons.map((r) => <li key={r.code}>{reasonText(r)}</li>)}</ul>}
          {lead.quality === 'spam'
            ? <button type="button" class="secondary" onClick={() => patch({ quality: 'valid' })}>{t('leads.restore')}</button>
            : <button type="button" class="secondary" onClick={() => patch({ quality: 'spam' })}>{t('leads.markSpam')}</button>}
        </div>

        <div>
          <p>
            <strong>{t('leads.status.change')} :</strong> {statusText(lead.status)}
            {lead.refusedReason && <> ({refuseText(lead.refusedReason)})</>}
          </p>
          {open && (
            <form class={styles.row} onSubmit={(e) => { e.preventDefault(); if (status) void patch({ status: status as LeadPatch['status'], ...(status === 'refused' && reason ? { refusedReason: reason as LeadPatch['refusedReason'] } : {}) }); }}>
              <label>
                {t('leads.status.change')}
                <select value={status} onChange={(e) => setStatus(e.currentTarget.value)} required>
                  <option value="" />
                  {NEXT[lead.status]!.map((s) => <option key={s} value={s}>{statusText(s)}</option>)}
                </select>
              </label>
              {status === 'refused' && (
                <label>
                  {t('leads.refuse.reason')}
                  <select value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
                    <option value="" />
                    {REFUSE_REASONS.map((r) => <option key={r} value={r}>{refuseText(r)}</option>)}
                  </select>
                </label>
              )}
              {/* aria-disabled, not disabled: after a change the status is emptied, and a disabled button would drop the focus. */}
              <button type="submit" aria-disabled={!status}>{t('leads.apply')}</button>
            </form>
          )}
          {lead.status === 'refused' && (
            <button type="button" onClick={() => run(() => api(`/api/leads/${lead.id}/reopen`, { method: 'POST' }))}>{t('leads.reopen')}</button>
          )}
        </div>

        <label>
          {t('leads.owner')}
          <select value={lead.ownerId ?? ''} onChange={(e) => patch({ ownerId: e.currentTarget.value || null })}>
            <option value="">{t('leads.owner.none')}</option>
            {owners.map((o) => <option key={o.id} value={o.id}>{o.name || o.email}</option>)}
          </select>
        </label>

        <label>
          {t('leads.temperature')}
          <select value={lead.temperatureManual ? lead.temperature : 'auto'} onChange={(e) => patch({ temperature: e.currentTarget.value as LeadPatch['temperature'] })}>
            <option value="auto">{`${t('leads.temperature.auto')} : ${t(`leads.temperature.${lead.temperature}`)}`}</option>
            {LEAD_TEMPERATURES.map((x) => <option key={x} value={x}>{t(`leads.temperature.${x}`)}</option>)}
          </select>
        </label>

        {lead.status === 'converted' ? (
          <p class="success">{t('leads.convert.done', { date: fmt.date(lead.convertedAt ?? lead.createdAt) })}</p>
        ) : open && (
          <form class="stack" onSubmit={(e) => { e.preventDefault(); void run(() => api(`/api/leads/${lead.id}/convert`, { method: 'POST', body: { markCustomer } })); }}>
            {lead.company && (
              <label class={styles.check}>
                <input type="checkbox" checked={markCustomer} onChange={(e) => setMarkCustomer(e.currentTarget.checked)} />
                {t('leads.convert.markCustomer')}
              </label>
            )}
            <div><button type="submit">{t('leads.convert')}</button></div>
          </form>
        )}
        <p ref={statusRef} tabIndex={-1} role="status" class={message?.error ? 'error' : 'success'}>{message?.text ?? ''}</p>
      </div>
    </section>
  );
}
