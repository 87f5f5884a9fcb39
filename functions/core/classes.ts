/**
 * Class breaks for skewed counts. Displacement is concentrated in a few areas (one cercle can hold a third of
 * a country's IDPs), so equal intervals would paint almost everything in the first class. Quantiles of the
 * positive values, rounded to two significant digits, give classes that each hold areas and read as round
 * numbers in the legend. Zero gets a class of its own, and no data is not a class at all.
 */
export function classBreaks(values: readonly number[], classes = 5): number[] {
  const positive = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (positive.length === 0) return [];
  const breaks = new Set<number>([1]);
  for (let i = 1; i < classes; i++) {
    const q = positive[Math.min(positive.length - 1, Math.floor((i / classes) * positive.length))] ?? 1;
    breaks.add(roundNice(q));
  }
  return [...breaks].filter((b) => b >= 1).sort((a, b) => a - b);
}

/** Rounds to two significant digits (1 234 → 1 200, 87 → 87). */
export function roundNice(value: number): number {
  if (value < 10) return Math.max(1, Math.round(value));
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.round(value / magnitude) * magnitude;
}

/**
 * Sequential palette (ColorBrewer YlOrRd), readable by the common forms of colour blindness because it varies
 * in lightness; darkest = most people. Index 0 is for "zero reported".
 */
export const PALETTE = ['#ffffcc', '#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026'] as const;
export const ZERO_COLOUR = '#f7f7f7';
/** No data: a mid grey with no hue, so it never reads as a low value. */
export const NO_DATA_COLOUR = '#b0b0b0';

export interface LegendClass {
  from: number;
  /** Exclusive upper bound; absent for the last class. */
  to?: number;
  colour: string;
}

/** Legend entries for a set of breaks: `[from, to)` ranges with their colours. */
export function legendClasses(breaks: readonly number[]): LegendClass[] {
  const colours: readonly string[] = PALETTE.slice(PALETTE.length - breaks.length);
  return breaks.map((from, i) => {
    const to = breaks[i + 1];
    return { from, ...(to !== undefined ? { to } : {}), colour: colours[i] ?? PALETTE[5] };
  });
}
