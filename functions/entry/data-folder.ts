import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareBoundarySet } from '../../geodata/prepare.ts';
import { InputError } from '../core/errors.ts';
import type { SeedFiles } from '../ingest/seed.ts';

/** The repository root, whatever the working directory: relative folders in the environment start here. */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The data folder (boundaries and DTM rounds): `DTM_DATA_DIR`, by default `../shared/data` beside the clone. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(REPO_ROOT, env.DTM_DATA_DIR ?? '../shared/data');
}

/** Where the local stand-ins keep their data: `DTM_STATE_DIR`, by default `.data` in the clone. */
export function stateDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(REPO_ROOT, env.DTM_STATE_DIR ?? '.data');
}

/**
 * A folder of dataset manifests to use instead of the bundled ones (`DTM_DATASETS_DIR`, relative to the
 * repository), or `undefined` for the bundled list (`geodata/datasets/index.ts`).
 */
export function datasetsDirFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.DTM_DATASETS_DIR ? path.resolve(REPO_ROOT, env.DTM_DATASETS_DIR) : undefined;
}

/** A data folder as seeding reads it: round files as bytes, boundary sets prepared from their source files. */
export function dataFolder(dataDir: string): SeedFiles {
  return {
    readRoundFile: (file) =>
      readFile(path.join(dataDir, file)).catch((error: NodeJS.ErrnoException) => {
        throw new InputError(
          { file },
          `cannot read round file under ${dataDir} (${error.code ?? error.message})`,
        );
      }),
    prepareBoundarySet: (source) => prepareBoundarySet(source, dataDir),
  };
}
