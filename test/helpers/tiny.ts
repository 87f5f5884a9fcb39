import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatasetManifest, DatasetManifestFile } from '../../functions/core/dataset-manifest.ts';
import { dataFolder } from '../../functions/entry/data-folder.ts';
import { type AppDependencies, createApp } from '../../functions/http/app.ts';
import { seed } from '../../functions/ingest/seed.ts';
import { MemoryBoundaries } from '../../functions/store/memory-boundaries.ts';
import { MemoryCatalog } from '../../functions/store/memory-catalog.ts';

/** The tiny made-up data folder (test/fixtures/tiny/README.md): no real data, no stand-ins. */
export const TINY_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/tiny');

/** The made-up dataset `xx` (Testland): its manifest, without corrections. */
export function tinyManifest(): DatasetManifest {
  const file = JSON.parse(readFileSync(path.join(TINY_DIR, 'dataset.json'), 'utf8')) as DatasetManifestFile;
  return { ...file, correctionList: [] };
}

/** Testland seeded through the project's own code (geodata/prepare.ts, ingest) into the in-memory ports. */
export async function tinyService(options: Partial<AppDependencies> = {}) {
  const catalog = new MemoryCatalog();
  const boundaries = new MemoryBoundaries();
  const seedSummary = await seed([tinyManifest()], dataFolder(TINY_DIR), catalog, boundaries, () => {});
  const app = createApp({ catalog, boundaries, ...options });
  return { catalog, boundaries, seedSummary, app };
}
