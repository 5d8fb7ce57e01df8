import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { InsightsReply } from '../../../server/schemas/companies';
import { fmt, locale, t } from '../../i18n';
import styles from './CompaniesInsights.module.css';

const HEIGHT = 220;
const cssVar = (el: Element, name: string) => getComputedStyle(el).getPropertyValue(name).trim();
const toData = (days: InsightsReply['days']): uPlot.AlignedData => [
  days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000),
  days.map((d) => d.identified),
  days.map((d) => d.newCompanies),
];

/** Identified and new companies per UTC day (uPlot canvas, decorative: the caller gives a table alternative). */
export function IdentifiedChart({ days }: { days: InsightsReply['days'] }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    const el = box.current!;
    const grid = { stroke: cssVar(el, '--border'), width: 1 };
    const count = (_u: uPlot, v: number | null) => (v == null ? '–' : fmt.number(v));
    const p = new uPlot(
      {
        width: el.clientWidth,
        height: HEIGHT,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] } },
        cursor: { drag: { x: false, y: false } },
        series: [
          { label: t('overview.day'), value: (_u, v) => (v == null ? '–' : fmt.day(v * 1000)) },
          { label: t('companies.overview.identifiedSeries'), stroke: cssVar(el, '--chart-sessions'), fill: cssVar(el, '--chart-sessions-fill'), width: 2, value: count },
          { label: t('companies.overview.newSeries'), stroke: cssVar(el, '--chart-pageviews'), width: 2, dash: [6, 4], value: count },
        ],
        axes: [
          { stroke: cssVar(el, '--muted'), grid, ticks: grid, values: (_u, splits) => splits.map((s) => fmt.day(s * 1000, 'short')) },
          { stroke: cssVar(el, '--muted'), grid, ticks: grid, values: (_u, splits) => splits.map((s) => fmt.number(s)) },
        ],
      },
      toData(days),
      el,
    );
    plot.current = p;
    const resize = new ResizeObserver(() => p.setSize({ width: el.clientWidth, height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      p.destroy();
      plot.current = null;
    };
  }, [locale.value]);
  useEffect(() => plot.current?.setData(toData(days)), [days]);
  return <div ref={box} class={styles.plot} aria-hidden="true" />;
}
