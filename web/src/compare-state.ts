import type { Crosswalk } from '../../functions/core/types.ts';
import type { FigureKey, Level, Round } from './api.ts';
import type { LevelChange, TotalsChange } from './compare-data.ts';

/** What compare mode shows: two rounds in time order, the figure, each level's differences, the totals. */
export interface CompareView {
  /** The round the hash names in `compare` (the other one is the round shown). */
  key: string;
  /** What it was computed for: dataset, round shown, compared round and figure. */
  id: string;
  figure: FigureKey;
  earlier: Round;
  later: Round;
  levels: Partial<Record<Level, LevelChange>>;
  /** National totals: the same ground in every layout, so they compare across a crosswalk too. */
  totals: TotalsChange;
  /**
   * Across a crosswalk (the two rounds on different boundary sets): the crosswalk, and its level, the only
   * one compared (`levels` has it alone); the map shows that level at every zoom while the comparison is on.
   */
  crossed?: { crosswalk: Crosswalk; level: Level };
}

let active: CompareView | undefined;
const listeners: Array<() => void> = [];

/**
 * The comparison on the map, if any: the legend, tooltip and panels read it. One page has one map, so one
 * comparison at a time; set only by `compare-mode.ts` once both rounds' figures are loaded.
 */
export function activeCompare(): CompareView | undefined {
  return active;
}

/** Installs (or clears) the comparison the map paints. */
export function setActiveCompare(view: CompareView | undefined): void {
  if (view === active) return;
  active = view;
  for (const listener of listeners) listener();
}

/** Calls `listener` whenever the comparison changes (its figures arrive after the state names it). */
export function onCompareChange(listener: () => void): void {
  listeners.push(listener);
}
