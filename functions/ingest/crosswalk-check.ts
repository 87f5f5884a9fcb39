import { areaIndex } from '../core/area-index.ts';
import type { PreparedBoundarySet } from '../core/boundary-set.ts';
import { checkCrosswalks } from '../core/crosswalk.ts';
import type { DatasetManifest } from '../core/dataset-manifest.ts';
import type { AdminLevel } from '../core/types.ts';

/**
 * Checks a manifest's crosswalks against its prepared boundary sets (a set not prepared, say one whose file
 * changed, is checked for shape only). Errors name the manifest as `<id>.json`, its name both in
 * `geodata/datasets/` and in the registry, and the field.
 */
export function checkManifestCrosswalks(
  manifest: DatasetManifest,
  sets: ReadonlyMap<string, PreparedBoundarySet>,
): void {
  if (!manifest.crosswalks?.length) return;
  const indexes = new Map([...sets].map(([id, set]) => [id, areaIndex(set)]));
  checkCrosswalks(
    manifest.crosswalks,
    `${manifest.id}.json`,
    manifest.boundarySets.map((set) => set.id),
    (setId, level) => {
      const index = indexes.get(setId);
      if (!index) return undefined;
      return new Set(index.get(Number(level.slice(3)) as AdminLevel)?.keys() ?? []);
    },
  );
}
