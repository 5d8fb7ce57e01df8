import type { ScoreLine } from '../../../server/schemas/scoring';
import { CATEGORIES } from '../../../server/segments/categories';
import { fmt, locale, t, tCount } from '../../i18n';
import { countryName } from '../../i18n/countries';

/** "+18" / "−10": the sign always shown, with a real minus sign. */
export function signed(points: number): string {
  return points < 0 ? `−${fmt.number(-points)}` : `+${fmt.number(points)}`;
}

/** "2 days ago" / "il y a 2 jours", in the largest unit that fits. */
export function ago(at: number, now: number): string {
  const s = Math.round((at - now) / 1000);
  if (Math.abs(s) < 60) return t('scoring.ago.now');
  const rtf = new Intl.RelativeTimeFormat(locale.value, { numeric: 'always' });
  const m = Math.round(s / 60);
  if (Math.abs(m) < 60) return rtf.format(m, 'minute');
  const h = Math.round(m / 60);
  if (Math.abs(h) < 24) return rtf.format(h, 'hour');
  const d = Math.round(h / 24);
  if (Math.abs(d) < 60) return rtf.format(d, 'day');
  return rtf.format(Math.round(d / 30), 'month');
}

/** "7 min" / "45 s". */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? t('companies.minutes', { n: fmt.number(Math.round(s / 60)) }) : t('companies.seconds', { n: fmt.number(s) });
}

export const categoryLabel = (id: string) => {
  const c = CATEGORIES.find((x) => x.id === id);
  return c ? c[locale.value] : id;
};

/**
 * What a score line says, in the user's language: "+18 pts — pricing page, 2 days ago", "−10 pts — Out of target".
 * `listNames` turns a list id into its name.
 */
export function lineText(line: ScoreLine, now: number, listNames: ReadonlyMap<string, string> = new Map()): string {
  const what = describe(line, listNames);
  const when = line.at !== undefined && ['key-page', 'forms', 'recency'].includes(line.kind) ? `, ${ago(line.at, now)}` : '';
  // "+16 pts — 239 visites": without the unit and the dash, "+16 239 visites" reads as one number.
  return t('scoring.lineText', { points: signed(line.points), what: `${what}${when}` });
}

function describe(line: ScoreLine, listNames: ReadonlyMap<string, string>): string {
  switch (line.kind) {
    case 'category': return t('scoring.line.category', { category: categoryLabel(line.ref ?? '') });
    case 'list': return t('scoring.line.list', { list: listNames.get(line.ref ?? '') ?? line.ref ?? '' });
    case 'country': return t('scoring.line.country', { country: countryName(line.ref ?? '') });
    case 'domain': return t(`scoring.line.domain.${line.ref}`);
    case 'network': return t('scoring.line.network', { network: t(`companies.network.${line.ref}`) });
    case 'confidence': return t(`scoring.line.confidence.${line.ref}`);
    case 'tag': return t('scoring.line.tag', { tag: line.ref ?? '' });
    case 'sessions': return tCount('scoring.line.sessions', line.count ?? 0);
    case 'pageviews': return tCount('scoring.line.pageviews', line.count ?? 0);
    case 'engaged': return t('scoring.line.engaged', { duration: duration((line.count ?? 0) * 1000) });
    case 'key-page': return line.label ?? t('scoring.line.keyPage', { pattern: line.ref ?? '' });
    case 'forms': return tCount('scoring.line.forms', line.count ?? 0);
    case 'repeat': return tCount('scoring.line.repeat', line.count ?? 0);
    case 'recency': return t('scoring.line.recency');
    case 'clamp': return t(line.points < 0 ? 'scoring.line.clampHigh' : 'scoring.line.clampLow');
    case 'pin': return t('scoring.line.pin', { reason: line.ref ?? '' });
  }
}
