import type { AdminLevel } from './types.ts';

type LevelName = `adm${AdminLevel}`;

/** How many areas of one level of a round's boundaries have figures. */
export interface LevelCoverage {
  level: LevelName;
  /** Areas with at least one figure in the round. */
  reported: number;
  /** Areas of the level in the round's boundary set. */
  areas: number;
}

/**
 * The finest level a round's figures are meant for, and the coverage it is judged on (served in the round
 * summary as `finestLevel`).
 */
export interface FinestLevel {
  level: LevelName;
  /** Every level of the round's boundaries, coarsest first. */
  coverage: LevelCoverage[];
}

/**
 * A finer level counts when its share of areas with figures is at least this fraction of the share one level
 * up. Relative, not absolute, so a round that covers only part of the country (Haiti's first rounds: 3 of 10
 * départements) is judged on the areas it covers: Mali's Round 72 has figures for 47 of 53 cercles (89 %) but
 * 56 of 701 communes (8 %, a tenth of the cercles' share), so its figures are meant for cercles.
 */
export const FINER_LEVEL_SHARE = 0.5;

/**
 * The finest level whose coverage holds up against the level above (`FINER_LEVEL_SHARE`), walking down from
 * the coarsest; the first level that falls short stops the walk (a finer level is never judged past it). The
 * coarsest level always counts. Undefined without levels.
 */
export function finestLevel(coverage: readonly LevelCoverage[]): FinestLevel | undefined {
  const [first, ...finer] = coverage;
  if (!first) return undefined;
  let chosen = first;
  let share = first.areas > 0 ? first.reported / first.areas : 0;
  for (const next of finer) {
    const nextShare = next.areas > 0 ? next.reported / next.areas : 0;
    if (share === 0 || nextShare < share * FINER_LEVEL_SHARE) break;
    chosen = next;
    share = nextShare;
  }
  return { level: chosen.level, coverage: [...coverage] };
}
