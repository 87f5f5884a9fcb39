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
  return withoutEmptyClasses(
    [...breaks].filter((b) => b >= 1).sort((a, b) => a - b),
    positive,
  );
}

/**
 * Drops breaks until every class `[b(i), b(i+1))` holds a value: rounding can put two quantiles around no value
 * at all (12 and 14 round to breaks 12 and 14, leaving `[1, 12)` empty), and a legend must not show a class no
 * area has. An empty class merges into the next one (its upper break goes), an empty last class into the one
 * before it.
 */
function withoutEmptyClasses(breaks: number[], values: readonly number[]): number[] {
  const kept = [...breaks];
  for (let i = 0; i < kept.length; ) {
    const from = kept[i] ?? 1;
    const to = kept[i + 1];
    if (kept.length === 1 || values.some((v) => inClass({ from, to }, v))) i++;
    else kept.splice(to === undefined ? i : i + 1, 1);
  }
  return kept;
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
  /** Inclusive lower bound; absent for an open first class (the largest decreases). */
  from?: number;
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

/**
 * Diverging palette for change (ColorBrewer RdBu, reversed so increases are red): decreases blue, no change
 * white-grey, increases red.
 */
export const CHANGE_PALETTE = [
  '#2166ac',
  '#67a9cf',
  '#d1e5f0',
  '#f7f7f7',
  '#fddbc7',
  '#ef8a62',
  '#b2182b',
] as const;

/**
 * Symmetric classes for a change in counts: three classes of decrease, "no change" (exactly 0), three of
 * increase, with breaks at rounded quantiles of the absolute changes so both directions read alike. Classes
 * that no value falls in are left out (no class is shown that no area has).
 */
export function changeClasses(values: readonly number[]): LegendClass[] {
  const magnitudes = classBreaks(values.map(Math.abs), 3);
  const [, b1 = 10, b2 = 100] = magnitudes.length >= 3 ? magnitudes : [1, 10, 100];
  const c = CHANGE_PALETTE;
  const all: LegendClass[] = [
    { to: -b2 + 1, colour: c[0] },
    { from: -b2 + 1, to: -b1 + 1, colour: c[1] },
    { from: -b1 + 1, to: 0, colour: c[2] },
    { from: 0, to: 1, colour: c[3] },
    { from: 1, to: b1, colour: c[4] },
    { from: b1, to: b2, colour: c[5] },
    { from: b2, colour: c[6] },
  ];
  // Symmetric breaks leave classes no area has (no decrease at all, say): the legend shows only the others.
  return all.filter((entry) => values.some((v) => inClass(entry, v)));
}

/** Whether a value falls in a class (`from` inclusive, `to` exclusive, either open). */
export function inClass(entry: Pick<LegendClass, 'from' | 'to'>, value: number): boolean {
  return (entry.from === undefined || value >= entry.from) && (entry.to === undefined || value < entry.to);
}
