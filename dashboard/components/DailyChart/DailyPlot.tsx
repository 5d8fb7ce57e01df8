import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { fmt, locale, t } from '../../i18n';

export type DailySeries<T> = { label: string; value: (row: T) => number };

// Colours live in CSS (custom properties) so that the chart follows the stylesheet.
const cssVar = (el: Element, name: string) => getComputedStyle(el).getPropertyValue(name).trim();

function toData<T extends { day: string }>(rows: T[], series: Array<DailySeries<T>>): uPlot.AlignedData {
  return [rows.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000), ...series.map((s) => rows.map(s.value))];
}

function options<T>(el: HTMLElement, width: number, height: number, series: Array<DailySeries<T>>): uPlot.Options {
  const muted = cssVar(el, '--muted');
  const grid = { stroke: cssVar(el, '--border'), width: 1 };
  const count = (_u: uPlot, v: number | null) => (v == null ? '–' : fmt.number(v));
  const [first, second] = series;
  return {
    width,
    height,
    // Days are UTC days: ticks at UTC midnight, whatever the viewer's time zone.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] } },
    cursor: { drag: { x: false, y: false } },
    series: [
      { label: t('overview.day'), value: (_u, v) => (v == null ? '–' : fmt.day(v * 1000)) },
      { label: first?.label, stroke: cssVar(el, '--chart-sessions'), fill: cssVar(el, '--chart-sessions-fill'), width: 2, value: count },
      { label: second?.label, stroke: cssVar(el, '--chart-pageviews'), width: 2, dash: [6, 4], value: count },
    ],
    axes: [
      { stroke: muted, grid, ticks: grid, values: (_u, splits) => splits.map((s) => fmt.day(s * 1000, 'short')) },
      // Whole steps only: these are counts.
      { stroke: muted, grid, ticks: grid, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 50_000, 100_000], values: (_u, splits) => splits.map((s) => fmt.number(s)) },
    ],
  };
}

/** The uPlot canvas itself (decorative for assistive technology: DailyChart gives the text alternative). */
export function DailyPlot<T extends { day: string }>({ rows, series, height, class: cls }: { rows: T[]; series: Array<DailySeries<T>>; height: number; class: string }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const lang = locale.value;

  // (Re)create on language change: labels and formatters are baked into the options.
  useEffect(() => {
    const box = boxRef.current!;
    const plot = new uPlot(options(box, box.clientWidth, height, series), toData(rows, series), box);
    plotRef.current = plot;
    const resize = new ResizeObserver(() => plot.setSize({ width: box.clientWidth, height }));
    resize.observe(box);
    return () => {
      resize.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, [lang]);

  useEffect(() => {
    plotRef.current?.setData(toData(rows, series));
  }, [rows]);

  return <div ref={boxRef} class={cls} aria-hidden="true" />;
}
