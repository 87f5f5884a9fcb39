/**
 * Compare mode's figures, without the page: which rounds can be compared, each area's two figures and their
 * difference, the diverging classes the map paints them in, and the totals line. Pure, so unit tests run it.
 */

import type { FigureKey, Indicator } from '../../functions/core/api-types.ts';
import { changeClasses, inClass, type LegendClass } from '../../functions/core/classes.ts';
import type { Crosswalk } from '../../functions/core/types.ts';

/** What compare mode needs of a round (the rounds list's summary has all of it). */
export interface ComparableRound {
  key: string;
  date: string;
  boundarySet: string;
  totals: Partial<Record<FigureKey, number>>;
}

/** What compare mode needs of the dataset: its crosswalks between boundary sets (the datasets API has them). */
export interface CompareDataset {
  id: string;
  /** Where a crosswalk links two boundary sets, their rounds compare at its level (`compare-crosswalk.ts`). */
  crosswalks?: readonly Crosswalk[];
}

/** The crosswalk between two boundary sets, either way round, if the dataset declares one. */
export function crosswalkBetween(
  dataset: CompareDataset | undefined,
  a: string,
  b: string,
): Crosswalk | undefined {
  if (a === b) return undefined;
  return dataset?.crosswalks?.find(
    (crosswalk) =>
      (crosswalk.from === a && crosswalk.to === b) || (crosswalk.from === b && crosswalk.to === a),
  );
}

/** One area compared: its figure in each round (undefined: no figure) and the difference, later − earlier. */
export interface AreaChange {
  pcode: string;
  before?: number;
  after?: number;
  /** Only when both rounds have a figure: a missing figure is never taken as 0. */
  diff?: number;
  /** Index into the level's classes, or -1 when a figure is missing in one round (drawn hatched). */
  cls: number;
  /**
   * Across a crosswalk: the other round's areas the figure is taken from (summed), and whether they are the
   * same ground (`matched`) or not (`partial`: never given a difference or a class, drawn "not the same ground").
   */
  crossed?: {
    pcodes: string[];
    /** Their names, in the page's language, where the figures response gives them. */
    names?: string[];
    kind: 'matched' | 'partial';
    note?: { en: string; fr?: string };
  };
}

/** One level compared: every area of either round, and the classes of the differences there. */
export interface LevelChange {
  areas: Map<string, AreaChange>;
  classes: LegendClass[];
  /** P-codes without a figure in one round or both. */
  missing: string[];
  /** Across a crosswalk: P-codes whose two figures are not of the same ground (no difference, no class). */
  partial?: string[];
}

/** The figure compared: the indicator when it is a count, the IDPs for "change since the previous round". */
export function comparedFigure(indicator: Indicator | `idps_ind_reason.${string}`): FigureKey {
  // The change and the IDPs of one reason compare the IDP figure: a comparison of one reason is not built.
  return indicator === 'idps_ind_change' || indicator.startsWith('idps_ind_reason.')
    ? 'idps_ind'
    : (indicator as FigureKey);
}

/**
 * The rounds the shown one can be compared with, oldest first: every other round on its boundary set, and
 * those of a boundary set the dataset crosswalks it to (compared at the crosswalk's level only). Rounds on
 * other boundaries without a crosswalk are not offered (their areas are not the same areas).
 */
export function comparableRounds<R extends ComparableRound>(
  rounds: readonly R[],
  shown: R,
  dataset?: CompareDataset,
): R[] {
  return rounds.filter(
    (round) =>
      round.key !== shown.key &&
      (round.boundarySet === shown.boundarySet ||
        crosswalkBetween(dataset, shown.boundarySet, round.boundarySet) !== undefined),
  );
}

/** The two rounds in time order: the difference always reads "later − earlier", so a rise is a rise. */
export function inOrder<R extends ComparableRound>(a: R, b: R): { earlier: R; later: R } {
  return a.date <= b.date ? { earlier: a, later: b } : { earlier: b, later: a };
}

/** An area's figures as a figures response lists them (a `no_data` area has none). */
export type FigureRow = { pcode: string; name?: string } & Partial<Record<FigureKey, number>>;

/**
 * Compares one level: each area of either round with its two figures, the difference where both have one,
 * and its class among symmetric diverging classes taken from the differences (`changeClasses`: rounded
 * quantiles of the absolute changes, "no change" exactly 0, classes no area falls in left out).
 */
export function compareLevel(
  earlier: readonly FigureRow[],
  later: readonly FigureRow[],
  figure: FigureKey,
): LevelChange {
  const areas = new Map<string, AreaChange>();
  for (const row of earlier)
    areas.set(row.pcode, { pcode: row.pcode, before: numberOr(row[figure]), cls: -1 });
  for (const row of later) {
    const entry = areas.get(row.pcode) ?? { pcode: row.pcode, cls: -1 };
    entry.after = numberOr(row[figure]);
    areas.set(row.pcode, entry);
  }
  return classify(areas);
}

/**
 * Gives each area its difference and class: the classes come from the differences of the areas with both
 * figures, except those across a crosswalk that are not the same ground (listed in `partial`, no class).
 */
export function classify(areas: Map<string, AreaChange>): LevelChange {
  const diffs: number[] = [];
  const partial: string[] = [];
  for (const entry of areas.values()) {
    if (entry.crossed?.kind === 'partial') partial.push(entry.pcode);
    else if (entry.before !== undefined && entry.after !== undefined) {
      entry.diff = entry.after - entry.before;
      diffs.push(entry.diff);
    }
  }
  const classes = changeClasses(diffs);
  const missing: string[] = [];
  for (const entry of areas.values()) {
    if (entry.crossed?.kind === 'partial') continue;
    if (entry.diff === undefined) missing.push(entry.pcode);
    else entry.cls = classOf(classes, entry.diff);
  }
  return { areas, classes, missing, ...(partial.length ? { partial } : {}) };
}

/** The index of the class a difference falls in (-1 if none, which `changeClasses` never leaves). */
export function classOf(classes: readonly LegendClass[], diff: number): number {
  return classes.findIndex((entry) => inClass(entry, diff));
}

/** Two totals and their difference: `percent` only when the earlier total is above 0. */
export interface TotalsChange {
  before?: number;
  after?: number;
  diff?: number;
  percent?: number;
}

/** The totals line: the figure's total in each round, and the difference where both are reported. */
export function totalsChange(
  earlier: ComparableRound,
  later: ComparableRound,
  figure: FigureKey,
): TotalsChange {
  const before = earlier.totals[figure];
  const after = later.totals[figure];
  if (before === undefined || after === undefined) return { before, after };
  const diff = after - before;
  return { before, after, diff, ...(before > 0 ? { percent: (diff / before) * 100 } : {}) };
}

/** A figure as a number, or undefined (a missing or non-finite figure is never taken as 0). */
export function numberOr(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
