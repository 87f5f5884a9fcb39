import { LEVELS, type Level, type Round } from './api.ts';
import type { Atlas } from './atlas.ts';
import { formatCount } from './format.ts';
import { t } from './i18n.ts';
import { roundLabel } from './rounds.ts';

/** Whether `level` is finer than the finest level the round shown's figures are meant for. */
export function finerThanMeant(atlas: Atlas, level: Level): boolean {
  const finest = atlas.round.finestLevel?.level;
  return finest !== undefined && LEVELS.indexOf(level) > LEVELS.indexOf(finest);
}

/**
 * The caveat of a level finer than the round's figures are meant for ("Round 72 has figures for 56 of 701
 * communes: its figures are meant for cercles. …"), from the round summary's coverage; undefined otherwise.
 */
export function finestCaveat(atlas: Atlas, level: Level): string | undefined {
  const finest = atlas.round.finestLevel;
  if (!finest || !finerThanMeant(atlas, level)) return undefined;
  const coverage = finest.coverage.find((entry) => entry.level === level);
  if (!coverage) return undefined;
  return t('finestCaveat', {
    round: roundLabel(atlas.round),
    reported: formatCount(coverage.reported),
    areas: formatCount(coverage.areas),
    level: atlas.levelName(level).toLowerCase(),
    finest: atlas.levelName(finest.level).toLowerCase(),
  });
}

/** The finest level a round's figures are meant for (the round summary's `finestLevel`), by round key. */
export function finestOf(rounds: readonly Round[], key: string): Level | undefined {
  return rounds.find((round) => round.key === key)?.finestLevel?.level;
}
