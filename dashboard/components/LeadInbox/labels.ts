import { t } from '../../i18n';
import type { QualityReasonView } from '../../../server/schemas/lead-inbox';

/** Display texts of the lead vocabulary, in the user's language. */
export const statusText = (s: string) => t(`leads.status.${s}`);
export const qualityText = (q: string) => t(`leads.quality.${q}`);
export const temperatureText = (x: string) => t(`leads.temperature.${x}`);
export const refuseText = (r: string) => t(`leads.reason.${r}`);
export const reasonText = (r: QualityReasonView) => t(`leads.signal.${r.code}`, { detail: r.detail ?? '' });
export const sourceText = (source: string | null, medium: string | null) =>
  !source || source === '(direct)' ? t('leads.direct') : medium ? `${source} / ${medium}` : source;
