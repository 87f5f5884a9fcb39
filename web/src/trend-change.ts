import { formatCount, formatMonth } from './format.ts';
import { lang, t } from './i18n.ts';

/** A point of a trend line: its value, and whether it is on the same ground as the area (see trend-chart). */
export interface TrendPoint {
  date: string;
  label: string;
  value: number | undefined;
  /** The boundary set the figure is on; a change between two points is drawn as a dotted line. */
  boundarySet?: string;
  /** Taken across a crosswalk from an area that is not the same ground: drawn hollow, never compared. */
  partial?: boolean;
}

/** What the "change since" figure compares: the first figure on the same ground and the one shown. */
export interface Change {
  percent: number;
  from: TrendPoint & { value: number };
  to: TrendPoint & { value: number };
}

const known = (point: TrendPoint): point is TrendPoint & { value: number } =>
  point.value !== undefined && !point.partial;

/**
 * The change from the series' first figure to the figure of the round shown (else the last figure before
 * it). Points marked partial are left out: a région that then held another is not compared with itself
 * alone. Undefined when there is no earlier figure, or it is zero.
 */
export function changeSince(points: readonly TrendPoint[], current: string): Change | undefined {
  const comparable = points.filter(known);
  const to = comparable.filter((point) => point.date <= current).pop();
  const from = comparable[0];
  if (!from || !to || from.date >= to.date || from.value === 0) return undefined;
  return { percent: ((to.value - from.value) / from.value) * 100, from, to };
}

/**
 * The change figure and what it compares, as two lines: "−20% since Jan 2013" and "80,000 in Sept 2021
 * against 100,000 in Jan 2013" (made-up figures), in the page's language; one line saying there is nothing to compare with.
 */
export function changeText(change: Change | undefined): string[] {
  if (!change) return [t('trendNoChange')];
  const since = formatMonth(change.from.date);
  return [
    t('trendChange', { change: formatPercent(change.percent), since }),
    t('trendChangeDetail', {
      since,
      to: formatCount(change.to.value),
      toDate: formatMonth(change.to.date),
      from: formatCount(change.from.value),
    }),
  ];
}

/** A whole percentage with its sign and a true minus: "+212%", "−12 %" (French spaces it, narrow). */
export function formatPercent(percent: number): string {
  const locale = lang() === 'fr' ? 'fr-FR' : 'en-GB';
  const format = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  });
  return format.format(percent / 100).replace('-', '−');
}
