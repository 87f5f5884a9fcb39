/**
 * What `npm start` says and does when there are no DTM figures to seed (a fresh clone: the boundaries ship
 * in `geodata/shipped/`, the figures may not be redistributed), and the sync it runs on start when the
 * operator has a DTM API key.
 */
import { stat } from 'node:fs/promises';
import type { CatalogReader } from '../store/ports.ts';

/** How a start finds its data folder. */
export type DataFolderState = 'present' | 'absent';

/**
 * Whether the data folder is there. Absent at the default place (`../shared/data`), the service starts with
 * the shipped boundaries and no rounds; absent where `DTM_DATA_DIR` says, it is a mistake worth stopping for
 * (`null`: the caller stops with `missingDataFolderMessage`).
 */
export async function dataFolderState(
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<DataFolderState | null> {
  const isDir = await stat(dataDir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (isDir) return 'present';
  return env.DTM_DATA_DIR ? null : 'absent';
}

/** Why `npm start` stops when `DTM_DATA_DIR` names no folder. */
export function missingDataFolderMessage(dataDir: string): string {
  return (
    `data folder not found: ${dataDir} (DTM_DATA_DIR)\n` +
    'DTM Atlas reads the DTM rounds (and boundaries, where it has them) from there. Fix DTM_DATA_DIR, e.g. ' +
    'DTM_DATA_DIR=/path/to/data npm start, or unset it to start with the shipped boundaries and no figures.'
  );
}

/** Names of the datasets that have no published round. */
export async function datasetsWithoutRounds(catalog: CatalogReader): Promise<string[]> {
  const without: string[] = [];
  for (const dataset of await catalog.listDatasets()) {
    if ((await catalog.listRounds(dataset.id)).length === 0) without.push(`${dataset.name} (${dataset.id})`);
  }
  return without;
}

/** The console's how-to-get-figures message (the map shows the same, web/src/no-figures.ts). */
export function howToGetFigures(datasets: readonly string[], dataDir: string): string {
  return [
    `No DTM figures yet for ${datasets.join(', ')}: the map shows the boundaries only.`,
    'DTM figures may not be redistributed, so they do not ship with DTM Atlas. To get figures:',
    '  - set DTM_API_KEY to your DTM API subscription key; npm start then syncs from the DTM API on start;',
    `  - or point DTM_DATA_DIR at a folder of DTM files (now: ${dataDir}), laid out as geodata/datasets/*.json`,
    '    name them, e.g. DTM_DATA_DIR=/path/to/data npm start;',
    '  - or import a file into the running server: npm run ingest -- --dataset <id> path/to/file.csv',
  ].join('\n');
}
