import type { VisitsDay } from '../../../server/schemas/overview';
import { fmt, t } from '../../i18n';

/** One or two sentences saying what the chart shows: the text alternative read by screen readers. */
export function visitsSummary(days: VisitsDay[]): string {
  if (days.length === 0) return '';
  const sessions = days.reduce((n, d) => n + d.sessions, 0);
  const pageviews = days.reduce((n, d) => n + d.pageviews, 0);
  const totals = t('overview.totals', {
    from: fmt.day(days[0]!.day),
    to: fmt.day(days[days.length - 1]!.day),
    sessions: fmt.number(sessions),
    pageviews: fmt.number(pageviews),
  });
  if (sessions === 0) return totals;
  const peak = days.reduce((best, d) => (d.sessions > best.sessions ? d : best));
  return `${totals} ${t('overview.peak', { day: fmt.day(peak.day), sessions: fmt.number(peak.sessions) })}`;
}
