import { notFound } from './errors.ts';
import type { DatasetMeta, RoundMeta } from './types.ts';

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

/**
 * The reserved round name of a dataset's boundaries without figures (`/tiles/mli/boundaries/{z}/{x}/{y}.mvt`,
 * its TileJSON and style): every area `no_data`. What the map draws when no round is published yet (a fresh
 * clone: boundaries ship with the repository, DTM figures do not). It is never listed among the rounds.
 */
export const BOUNDARIES_ONLY = 'boundaries';

/** The stand-in round behind `BOUNDARIES_ONLY`: the dataset's default boundary set, no figures, no source. */
export function boundariesOnlyRound(dataset: DatasetMeta): RoundMeta {
  return {
    dataset: dataset.id,
    key: BOUNDARIES_ONLY,
    date: '',
    source: { title: 'boundaries only, no figures', organisation: '', file: '', sha256: '' },
    boundarySet: dataset.defaultBoundarySet,
    totals: {},
    status: 'published',
    version: 'boundaries-only',
  };
}
