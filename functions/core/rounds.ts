import { notFound } from './errors.ts';
import type { RoundMeta } from './types.ts';

/** Rounds in time order: by date, then by number, then key. */
export function compareRounds(a: RoundMeta, b: RoundMeta): number {
  return a.date.localeCompare(b.date) || (a.number ?? 0) - (b.number ?? 0) || a.key.localeCompare(b.key);
}

/** The newest of a dataset's published rounds. */
export function latestRound(rounds: readonly RoundMeta[], dataset: string): RoundMeta {
  const sorted = [...rounds].sort(compareRounds);
  const latest = sorted[sorted.length - 1];
  if (!latest) throw notFound(`dataset "${dataset}" has no published round`);
  return latest;
}

/** The reserved round name that follows the newest round. */
export const LATEST = 'latest';
