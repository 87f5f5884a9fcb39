import { parseBoundaryFile } from '../../geodata/boundary-file.ts';
import { detectLevel, propertyNames } from '../../geodata/codab-fields.ts';
import { loadDatasetFolder } from '../../geodata/datasets/folder.ts';
import { DTM_FIGURES_LICENCE, loadDatasetManifests } from '../../geodata/datasets/index.ts';
import { prepareBoundarySetFrom } from '../../geodata/prepare.ts';
import type { DatasetManifest } from '../core/dataset-manifest.ts';
import type { BoundaryPreparer, DatasetAdminDependencies } from '../ingest/dataset-admin.ts';
import type { BoundaryWriter, CatalogWriter, DatasetRegistry } from '../store/ports.ts';

/** The boundary checks and preparation of `geodata/`, as the operator's path (functions/ingest) asks for them. */
export const geodataPreparer: BoundaryPreparer = {
  detectLevel: (file, bytes, object) =>
    detectLevel(propertyNames(parseBoundaryFile(bytes, { file, ...(object ? { object } : {}) }).features)),
  prepare: prepareBoundarySetFrom,
};

/** The bundled manifests, or those of `datasetsDir` (`DTM_DATASETS_DIR`) when given. */
export async function bundledManifests(datasetsDir: string | undefined): Promise<DatasetManifest[]> {
  return datasetsDir ? loadDatasetFolder(datasetsDir) : loadDatasetManifests();
}

/** Everything the operator's path needs, on the given stores. */
export function datasetAdmin(
  stores: { registry: DatasetRegistry; catalog: CatalogWriter; boundaries: BoundaryWriter },
  bundled: readonly DatasetManifest[],
): DatasetAdminDependencies {
  return { ...stores, bundled, preparer: geodataPreparer, figuresLicence: DTM_FIGURES_LICENCE };
}
