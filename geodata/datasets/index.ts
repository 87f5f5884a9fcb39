import type { Correction } from '../../functions/core/corrections.ts';
import type {
  DatasetManifest,
  DatasetManifestFile,
  FiguresLicence,
} from '../../functions/core/dataset-manifest.ts';
import mliCorrections from '../corrections/mli.json' with { type: 'json' };
import hti from './hti.json' with { type: 'json' };
import mli from './mli.json' with { type: 'json' };

/**
 * Every dataset DTM Atlas ships, with its reviewed corrections. Imported statically (not read from disk) so
 * the ingest Lambda bundle carries them. Add a country by adding its manifest and corrections here.
 */
const manifests: DatasetManifest[] = [
  { ...(mli as unknown as DatasetManifestFile), correctionList: mliCorrections as Correction[] },
  // Haiti has no reviewed corrections: the DTM feed's codes are COD-AB's.
  { ...(hti as unknown as DatasetManifestFile), correctionList: [] },
];

export async function loadDatasetManifests(): Promise<DatasetManifest[]> {
  return manifests;
}

export function findDatasetManifest(id: string): DatasetManifest | undefined {
  return manifests.find((manifest) => manifest.id === id);
}

/**
 * The terms of DTM's figures as the bundled DTM API dataset states them: the credit and licence of a dataset
 * an operator adds (`npm run dataset -- add`) unless told otherwise.
 */
export const DTM_FIGURES_LICENCE: FiguresLicence = (hti as unknown as DatasetManifestFile).figuresLicence;
