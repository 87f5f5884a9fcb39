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
