import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareBoundarySet } from '../../geodata/prepare.ts';
import { SHIPPED_DIR, shippedFile } from '../../geodata/shipped.ts';
import type { BoundaryLevelSource } from '../core/dataset-manifest.ts';
import { InputError } from '../core/errors.ts';
import type { SeedFiles } from '../ingest/seed.ts';
import { MissingSourceFile } from '../ingest/source-check.ts';

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

/**
 * A data folder as seeding reads it: round files as bytes (a missing one is a `MissingSourceFile`, which
 * seeding skips), boundary sets prepared from their source files. A boundary file is read from the data
 * folder when it has it, else from the copy shipped in `geodata/shipped/` (`shippedDir`), so a fresh clone
 * has every dataset's boundaries. Seeding checks the bytes against the manifest's hashes either way.
 */
export function dataFolder(dataDir: string, shippedDir: string = SHIPPED_DIR): SeedFiles {
  return {
    readRoundFile: (file) =>
      readFile(path.join(dataDir, file)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') throw new MissingSourceFile(file, dataDir);
        throw new InputError(
          { file },
          `cannot read round file under ${dataDir} (${error.code ?? error.message})`,
        );
      }),
    prepareBoundarySet: (source) =>
      prepareBoundarySet(source, (level) => readBoundaryFile(level, dataDir, shippedDir)),
  };
}

/** A boundary file from the data folder, else its shipped copy; an error names the file and both places. */
async function readBoundaryFile(
  level: BoundaryLevelSource,
  dataDir: string,
  shippedDir: string,
): Promise<Uint8Array> {
  const fail = (error: NodeJS.ErrnoException) => {
    throw new InputError(
      { file: level.file },
      `cannot read boundary file under ${dataDir} nor its copy under ${shippedDir} (${error.code ?? error.message})`,
    );
  };
  try {
    return await readFile(path.join(dataDir, level.file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return fail(error as NodeJS.ErrnoException);
    return readFile(path.join(shippedDir, shippedFile(level))).catch(fail);
  }
}
