import { useEffect, useRef, useState } from 'preact/hooks';
import type { ScoreView } from '../../../server/schemas/scoring';
import { api, ApiError } from '../../api';
import { fmt, t } from '../../i18n';
import { PinIcon } from '../CompanyIcons/CompanyIcons';

/** Shows a pin (who, when, why) with a button to remove it, or a small form to pin a score or temperature. */
export function ScorePin({ score, onChanged }: { score: ScoreView; onChanged: (s: ScoreView) => void }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Each state shows other controls: after an action the keyboard focus moves on to the control
  // that replaced the one used (the form's first field, « Retirer l'épingle », « Épingler »).
  const focusNext = useRef<'pin' | 'unpin' | 'field' | null>(null);
  // One ref per control: a ref shared by the old and the new control could be emptied by the old one's removal.
  const pinRef = useRef<HTMLButtonElement>(null);
  const unpinRef = useRef<HTMLButtonElement>(null);
  const fieldRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Named, not "whichever is there": an effect of the previous render may run before the new one.
    const el = focusNext.current && { pin: pinRef, unpin: unpinRef, field: fieldRef }[focusNext.current].current;
    if (el) {
      focusNext.current = null;
      el.focus();
    }
  });
  const moveFocus = (to: 'pin' | 'unpin' | 'field') => { focusNext.current = to; };
  const path = `/api/scoring/companies/${encodeURIComponent(score.companyId)}/pin`;
  const pin = score.pin;

  if (pin) {
    const what = [pin.score !== null ? t('scoring.pinnedScore', { score: pin.score }) : null, pin.temperature ? t(`scoring.${pin.temperature}`) : null].filter(Boolean).join(', ');
    return (
      <div class="stack">
        <p>
          <PinIcon /> {what} — {t('scoring.pinned', { by: pin.by ?? '—', date: fmt.date(pin.at), reason: pin.reason })}
          <br />
          <span class="muted">{t('scoring.computed', { score: score.computedScore })}</span>
        </p>
        <div>
          <button ref={unpinRef} type="button" class="secondary" onClick={async () => { const r = await api<{ score: ScoreView }>(path, { method: 'DELETE' }); moveFocus('pin'); onChanged(r.score); }}>
            {t('scoring.unpin')}
          </button>
        </div>
      </div>
    );
  }
  if (!open) {
    return (
      <button ref={pinRef} type="button" class="secondary" onClick={() => { moveFocus('field'); setOpen(true); }}>
        <PinIcon /> {t('scoring.pin')}
      </button>
    );
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const scoreText = String(f.get('score') ?? '').trim();
    const temperature = String(f.get('temperature') ?? '');
    try {
      const r = await api<{ score: ScoreView }>(path, {
        method: 'PUT',
        body: { score: scoreText === '' ? null : Number(scoreText), temperature: temperature || null, reason: String(f.get('reason') ?? '') },
      });
      moveFocus('unpin');
      setOpen(false);
      onChanged(r.score);
    } catch (err) {
      setError(err instanceof ApiError ? `${err.field ?? ''}: ${err.message}` : String(err));
    }
  };
  return (
    <form class="stack" onSubmit={submit} aria-label={t('scoring.pinTitle')}>
      <label>
        {t('scoring.pinScore')}
        <input ref={fieldRef} name="score" type="number" min={0} max={100} />
      </label>
      <label>
        {t('scoring.pinTemperature')}
        <select name="temperature">
          <option value="">{t('scoring.pinNone')}</option>
          <option value="hot">{t('scoring.hot')}</option>
          <option value="warm">{t('scoring.warm')}</option>
          <option value="cold">{t('scoring.cold')}</option>
        </select>
      </label>
      <label>
        {t('scoring.pinReason')}
        <input name="reason" required maxLength={200} />
      </label>
      {error && <p role="alert" class="error">{error}</p>}
      <div class="form-actions">
        <button type="submit">{t('scoring.pinSave')}</button>
        <button type="button" class="secondary" onClick={() => { moveFocus('pin'); setOpen(false); }}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
