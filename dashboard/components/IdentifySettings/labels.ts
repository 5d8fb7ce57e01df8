import { fmt, t } from '../../i18n';

/** "Internet service provider", "Company", … for a class returned by /api/identify. */
export const classLabel = (c: string): string => t(`settings.class.${c}`);

/** "IP rule", "MaxMind", … for an evidence source; "none" when there is none. */
export const sourceLabel = (s: string | null): string => t(`settings.source.${s ?? 'none'}`);

/** A confidence in 0..1 as a percentage in the user's locale. */
export const percent = (x: number): string => `${fmt.number(Math.round(x * 100))} %`;
