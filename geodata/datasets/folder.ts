import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Correction } from '../../functions/core/corrections.ts';
import type { DatasetManifest, DatasetManifestFile } from '../../functions/core/dataset-manifest.ts';

/**
 * The dataset manifests of a folder, for an operator (or a test) pointing the CLI at datasets other than the
 * bundled ones (`DTM_DATASETS_DIR`): every `<dir>/*.json` is a manifest, with its reviewed corrections read
 * from `<dir>/corrections/<name>.json` when it names a `corrections` file. Read from disk, so never part of
 * the Lambda bundle, which keeps the static list of `index.ts`.
 */
export async function loadDatasetFolder(dir: string): Promise<DatasetManifest[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const manifest = await readJson<DatasetManifestFile>(path.join(dir, file));
      const correctionList = manifest.corrections
        ? await readJson<Correction[]>(path.join(dir, 'corrections', `${manifest.corrections}.json`))
        : [];
      return { ...manifest, correctionList };
    }),
  );
}

async function readJson<T>(file: string): Promise<T> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${file} (${error.code ?? error.message})`);
  });
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message})`);
  }
}
