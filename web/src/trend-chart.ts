import { svg } from './dom.ts';
import { formatCompact, formatCount, formatDate } from './format.ts';
import { type TimeScale, timeScale } from './time-scale.ts';
import type { TrendPoint } from './trend-change.ts';
import { type Placed, valueLabels } from './trend-labels.ts';

/** One line of the trend: a value per round date; `undefined` where the round has no figure. */
export interface TrendSeries {
  title: string;
  /** Accessible summary of the line (the chart is an image to screen readers). */
  summary: string;
  /** The "change since" figure and what it compares, written under the title, one line each. */
  change?: string[];
  points: TrendPoint[];
}

// Rows from the top: the title (baseline 12), the change figure and what it compares (baselines 27 and 40),
// room for value labels, then the plot from TOP, so no line of text ever touches the vertical axis's labels.
const TITLE_Y = 12;
const CHANGE_Y = 27;
const LINE = 13;
const TOP = 64;
const HEIGHT = 144;
const BOTTOM = 20;
const LEFT = 40;
const RIGHT = 10;

/**
 * A trend chart in plain SVG: one small panel per series, all on the rounds' broken time axis (so the
 * 2012–2014 months and 2021 share it), each with its own vertical scale from zero (national totals and one
 * commune differ by orders of magnitude). The round shown is marked; values are written on the chart.
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

/** One series' panel: title, change figure, its own vertical scale from zero, the line, dots and values. */
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
  root.append(text(0, TITLE_Y, entry.title, 'trend-title'));
  (entry.change ?? []).forEach((line, i) => {
    root.append(text(0, CHANGE_Y + i * LINE, line, i === 0 ? 'trend-change' : 'trend-change detail'));
  });
  for (const tick of [0, max / 2, max]) {
    root.append(svg('line', { x1: LEFT, x2: width - RIGHT, y1: y(tick), y2: y(tick), class: 'trend-grid' }));
    root.append(text(LEFT - 4, y(tick) + 4, formatCompact(tick), 'trend-tick', 'end'));
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
  root.append(svg('line', { x1: cx, x2: cx, y1: TOP - 4, y2: HEIGHT - BOTTOM, class: 'trend-current' }));
  const placed = entry.points.flatMap((point, i): Placed[] =>
    point.value === undefined
      ? []
      : [{ point: { ...point, value: point.value }, x: scale.x(point.date), y: y(point.value), index: i }],
  );
  root.append(
    ...layoutChanges(placed),
    ...trendLines(placed, scale),
    ...trendDots(placed, frame),
    ...valueLabels(placed, frame.current, width),
    ...yearLabels(frame),
  );
  return root;
}

function text(x: number, y: number, content: string, className: string, anchor = 'start'): SVGTextElement {
  const node = svg('text', { x, y, class: className, 'text-anchor': anchor });
  node.textContent = content;
  return node;
}

/**
 * The line, broken where a round has no figure; dashed across broken gaps of the axis and to or from a
 * point that is not the same ground (partial), so such a point is never silently joined.
 */
function trendLines(placed: readonly Placed[], scale: TimeScale): SVGPathElement[] {
  let path = '';
  let dashed = '';
  let last: Placed | undefined;
  for (const p of placed) {
    // A round without a figure between two points breaks the line.
    if (last && last.index === p.index - 1) {
      const from = last;
      const acrossBreak = scale.breaks.some((b) => b > from.x && b < p.x);
      if (acrossBreak || from.point.partial !== p.point.partial)
        dashed += `M${from.x} ${from.y}L${p.x} ${p.y}`;
      else path += `M${from.x} ${from.y}L${p.x} ${p.y}`;
    }
    last = p;
  }
  return [
    svg('path', { d: path, class: 'trend-line' }),
    svg('path', { d: dashed, class: 'trend-line dashed' }),
  ];
}

/** A vertical dotted line between two figures on different boundary sets: the layout changed there. */
function layoutChanges(placed: readonly Placed[]): SVGLineElement[] {
  const lines: SVGLineElement[] = [];
  placed.forEach((p, i) => {
    const before = placed[i - 1];
    if (
      !before?.point.boundarySet ||
      !p.point.boundarySet ||
      before.point.boundarySet === p.point.boundarySet
    ) {
      return;
    }
    const x = (before.x + p.x) / 2;
    lines.push(svg('line', { x1: x, x2: x, y1: TOP - 4, y2: HEIGHT - BOTTOM, class: 'trend-layout-change' }));
  });
  return lines;
}

/** A dot per round with a figure (larger for the round shown; hollow where partial), its value in a tooltip. */
function trendDots(placed: readonly Placed[], frame: Frame): SVGCircleElement[] {
  return placed.map(({ point, x, y }) => {
    const dot = svg('circle', {
      cx: x,
      cy: y,
      r: point.date === frame.current ? 5 : 3.5,
      class: `trend-dot${point.partial ? ' partial' : ''}`,
    });
    const tip = svg('title');
    tip.textContent = `${point.label} (${formatDate(point.date)}): ${formatCount(point.value)}`;
    dot.append(tip);
    return dot;
  });
}

/** The year under the first round of each year. */
function yearLabels(frame: Frame): SVGTextElement[] {
  const labels: SVGTextElement[] = [];
  const years = new Set<string>();
  for (const date of frame.dates) {
    const year = date.slice(0, 4);
    if (years.has(year)) continue;
    years.add(year);
    labels.push(text(frame.scale.x(date), HEIGHT - 5, year, 'trend-tick', 'middle'));
  }
  return labels;
}

/** A round maximum for the axis: 1, 2 or 5 times a power of ten, at or above the value. */
export function niceMax(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= value) return factor * power;
  return 10 * power;
}
