import { svg } from './dom.ts';
import { formatCompact, formatCount, formatDate } from './format.ts';
import { type TimeScale, timeScale } from './time-scale.ts';

/** One line of the trend: a value per round date; `undefined` where the round has no figure. */
export interface TrendSeries {
  title: string;
  /** Accessible summary of the line (the chart is an image to screen readers). */
  summary: string;
  points: { date: string; label: string; value: number | undefined }[];
}

const HEIGHT = 96;
const TOP = 16;
const BOTTOM = 20;
const LEFT = 40;
const RIGHT = 10;

/**
 * A trend chart in plain SVG: one small panel per series, all on the rounds' broken time axis (so the
 * 2012–2014 months and 2021 share it), each with its own vertical scale from zero (national totals and one
 * commune differ by orders of magnitude). The round shown is marked.
 */
export function renderTrend(
  container: HTMLElement,
  series: TrendSeries[],
  axis: { dates: string[]; current: string; width: number },
): void {
  const width = Math.max(200, axis.width);
  const frame: Frame = {
    width,
    scale: timeScale(axis.dates, [LEFT + 6, width - RIGHT - 6]),
    dates: axis.dates,
    current: axis.current,
  };
  container.replaceChildren(...series.map((entry) => trendPanel(entry, frame)));
}

/** What every panel shares: its width, the time axis, the rounds' dates and the round shown. */
interface Frame {
  width: number;
  scale: TimeScale;
  dates: string[];
  current: string;
}

/** One series' panel: title, its own vertical scale from zero, the line and dots, the years. */
function trendPanel(entry: TrendSeries, frame: Frame): SVGSVGElement {
  const { width, scale } = frame;
  const values = entry.points.map((p) => p.value).filter((v): v is number => v !== undefined);
  const max = niceMax(Math.max(1, ...values));
  const y = (value: number) => TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / max);
  const root = svg('svg', {
    width,
    height: HEIGHT,
    role: 'img',
    'aria-label': entry.summary,
    class: 'trend',
  });
  const title = svg('text', { x: 0, y: 11, class: 'trend-title' });
  title.textContent = entry.title;
  root.append(title);
  for (const tick of [0, max / 2, max]) {
    root.append(svg('line', { x1: LEFT, x2: width - RIGHT, y1: y(tick), y2: y(tick), class: 'trend-grid' }));
    const label = svg('text', { x: LEFT - 4, y: y(tick) + 4, class: 'trend-tick', 'text-anchor': 'end' });
    label.textContent = formatCompact(tick);
    root.append(label);
  }
  for (const x of scale.breaks) {
    root.append(
      svg('path', {
        d: `M${x - 4} ${HEIGHT - BOTTOM + 4} l4 -8 M${x} ${HEIGHT - BOTTOM + 4} l4 -8`,
        class: 'axis-break-mark',
      }),
    );
  }
  const cx = scale.x(frame.current);
  root.append(svg('line', { x1: cx, x2: cx, y1: TOP - 2, y2: HEIGHT - BOTTOM, class: 'trend-current' }));
  root.append(...trendLines(entry, scale, y), ...trendDots(entry, frame, y), ...yearLabels(frame));
  return root;
}

/** The line, broken where a round has no figure, and its dashed parts across broken gaps of the axis. */
function trendLines(entry: TrendSeries, scale: TimeScale, y: (value: number) => number): SVGPathElement[] {
  let path = '';
  let dashed = '';
  let last: { x: number; y: number } | undefined;
  for (const point of entry.points) {
    if (point.value === undefined) {
      last = undefined;
      continue;
    }
    const p = { x: scale.x(point.date), y: y(point.value) };
    const acrossBreak = last && scale.breaks.some((b) => b > (last as { x: number }).x && b < p.x);
    if (last && acrossBreak) dashed += `M${last.x} ${last.y}L${p.x} ${p.y}`;
    else path += `${last ? 'L' : 'M'}${p.x} ${p.y}`;
    last = p;
  }
  return [
    svg('path', { d: path, class: 'trend-line' }),
    svg('path', { d: dashed, class: 'trend-line dashed' }),
  ];
}

/** A dot per round with a figure (larger for the round shown), its value in a tooltip. */
function trendDots(entry: TrendSeries, frame: Frame, y: (value: number) => number): SVGCircleElement[] {
  const dots: SVGCircleElement[] = [];
  for (const point of entry.points) {
    if (point.value === undefined) continue;
    const dot = svg('circle', {
      cx: frame.scale.x(point.date),
      cy: y(point.value),
      r: point.date === frame.current ? 4 : 2.5,
      class: 'trend-dot',
    });
    const tip = svg('title');
    tip.textContent = `${point.label} (${formatDate(point.date)}): ${formatCount(point.value)}`;
    dot.append(tip);
    dots.push(dot);
  }
  return dots;
}

/** The year under the first round of each year. */
function yearLabels(frame: Frame): SVGTextElement[] {
  const labels: SVGTextElement[] = [];
  const years = new Set<string>();
  for (const date of frame.dates) {
    const year = date.slice(0, 4);
    if (years.has(year)) continue;
    years.add(year);
    const label = svg('text', {
      x: frame.scale.x(date),
      y: HEIGHT - 5,
      class: 'trend-tick',
      'text-anchor': 'middle',
    });
    label.textContent = year;
    labels.push(label);
  }
  return labels;
}

/** A round maximum for the axis: 1, 2 or 5 times a power of ten, at or above the value. */
export function niceMax(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= value) return factor * power;
  return 10 * power;
}
