import type { DatasetManifest } from '../core/dataset-manifest.ts';
import type { DatasetRegistry } from '../store/ports.ts';

/**
 * Where a dataset's manifest comes from: the registry (datasets an operator added), then the bundled list
 * (`geodata/datasets/index.ts`, or `DTM_DATASETS_DIR`'s folder when the entry point was given one). An
 * operator cannot add a bundled id, so the order only matters for a registry written by other means.
 */
export interface DatasetManifestSources {
  registry: DatasetRegistry;
  bundled: readonly DatasetManifest[];
}

/** The manifest of dataset `id`, wherever it is kept; undefined for an unknown id. */
export async function resolveDatasetManifest(
  id: string,
  sources: DatasetManifestSources,
): Promise<DatasetManifest | undefined> {
  return (await sources.registry.getManifest(id)) ?? sources.bundled.find((manifest) => manifest.id === id);
}

/**
 * Every dataset's manifest (sync, for one, walks them all), each id once and resolved as
 * `resolveDatasetManifest` resolves it: an operator's registry entry before a bundled one.
 */
export async function listDatasetManifests(sources: DatasetManifestSources): Promise<DatasetManifest[]> {
  const added = await sources.registry.listManifests();
  const addedIds = new Set(added.map((manifest) => manifest.id));
  return [...sources.bundled.filter((manifest) => !addedIds.has(manifest.id)), ...added];
}
