import { addFigures } from './figures.ts';
import type { SourceRow } from './join.ts';
import type { LevelCheck, LevelSum } from './join-report.ts';
import { type RowLevel, rowLevel } from './row-facts.ts';
import { FIGURE_KEYS, type Figures } from './types.ts';

/**
 * Checks a source that gives several levels itself (a DTM API feed: admin 0, 1 and 2 records) against
 * itself: each level's records summed, and how far each sum is from the national (admin 0) figure, else from
 * the highest level given. `undefined` for a source of one level (a commune table summed upward has nothing
 * to check: its levels add up by construction).
 */
export function levelCheck(rows: readonly SourceRow[]): LevelCheck | undefined {
  const sums = new Map<RowLevel, Figures>();
  for (const row of rows) {
    const level = rowLevel(row);
    const sum = sums.get(level) ?? {};
    addFigures(sum, row);
    sums.set(level, sum);
  }
  if (sums.size < 2) return undefined;
  const ordered = [...sums].sort(([a], [b]) => a - b);
  const [referenceLevel, reference] = ordered[0] as [RowLevel, Figures];
  const levels: LevelSum[] = ordered.map(([level, sum]) => {
    const difference = differenceOf(sum, reference);
    return { level, sum, ...(difference ? { difference } : {}) };
  });
  return {
    against: referenceLevel === 0 ? 'national' : 'top-level',
    levels,
    matches: levels.every((entry) => entry.difference === undefined),
  };
}

/** `sum − reference` for each figure either gives, or `undefined` when they are the same. */
function differenceOf(sum: Figures, reference: Figures): Figures | undefined {
  const difference: Figures = {};
  for (const key of FIGURE_KEYS) {
    if (sum[key] === undefined && reference[key] === undefined) continue;
    const delta = (sum[key] ?? 0) - (reference[key] ?? 0);
    if (delta !== 0) difference[key] = delta;
  }
  return Object.keys(difference).length > 0 ? difference : undefined;
}
