import { svg } from './dom.ts';
import { formatCompact, formatCount } from './format.ts';
import type { TrendPoint } from './trend-change.ts';

/** A point placed on the chart, ready for a label. */
export interface Placed {
  point: TrendPoint & { value: number };
  x: number;
  y: number;
  /** The point's place in its series (points without a figure included). */
  index: number;
}

/** About the width of one digit of the labels' 10.5px type, to keep labels from covering each other. */
const CHAR = 6.2;

/**
 * Value labels written on the chart, above their points: the last figure (in full), then the round shown,
 * the first figure and the highest, each only where it does not cover a label already placed or run off
 * the panel. So the values can be read without a tooltip, at any width.
 */
export function valueLabels(placed: readonly Placed[], current: string, width: number): SVGTextElement[] {
  const last = placed[placed.length - 1];
  if (!last) return [];
  const highest = placed.reduce((a, b) => (b.point.value > a.point.value ? b : a));
  const wanted = [last, placed.find((p) => p.point.date === current), placed[0], highest];
  const boxes: Array<{ left: number; right: number; y: number }> = [];
  const labels: SVGTextElement[] = [];
  for (const entry of wanted) {
    if (!entry || labels.some((label) => label.dataset.date === entry.point.date)) continue;
    const text = entry === last ? formatCount(entry.point.value) : formatCompact(entry.point.value);
    const size = text.length * CHAR;
    // Anchored so the label stays inside the panel: start at the left edge, end at the right.
    const anchor = entry.x - size / 2 < 0 ? 'start' : entry.x + size / 2 > width ? 'end' : 'middle';
    const left = anchor === 'start' ? entry.x : anchor === 'end' ? entry.x - size : entry.x - size / 2;
    const box = { left: left - 2, right: left + size + 2, y: entry.y - 7 };
    if (boxes.some((b) => b.left < box.right && box.left < b.right && Math.abs(b.y - box.y) < 12)) continue;
    boxes.push(box);
    const label = svg('text', {
      x: entry.x,
      y: box.y,
      'text-anchor': anchor,
      class: `trend-value${entry.point.partial ? ' partial' : ''}`,
      'data-date': entry.point.date,
    });
    label.textContent = text;
    labels.push(label);
  }
  return labels;
}
