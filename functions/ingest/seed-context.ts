import { type ContextFigures, parseContextCsv } from '../core/context-figures.ts';
import type { DatasetManifest } from '../core/dataset-manifest.ts';
import type { ContextStore } from '../store/ports.ts';
import { decodeText } from './decode-text.ts';
import { MissingSourceFile } from './source-check.ts';

/**
 * Stores each dataset's context figures (`context` in its manifest: other publishers' national figures,
 * IDMC's for Mali) from the data folder, read with `read` (a path relative to it). A file the folder lacks
 * is skipped and said (a fresh clone has none): the page then shows no context. A bad file stops seeding
 * with its file, row and field named, and what was stored before is kept (the dataset's context is written
 * whole, only after every file of it was read). Returns the datasets stored.
 */
export async function seedContext(
  manifests: readonly DatasetManifest[],
  read: (file: string) => Promise<Uint8Array>,
  store: ContextStore,
  log: (line: string) => void = console.log,
): Promise<string[]> {
  const stored: string[] = [];
  for (const manifest of manifests) {
    if (!manifest.context?.length) continue;
    const sources: ContextFigures[] = [];
    for (const { path, ...words } of manifest.context) {
      const bytes = await read(path).catch((error: unknown) => {
        if (error instanceof MissingSourceFile) return undefined;
        throw error;
      });
      if (!bytes) {
        log(`${path}: not in the data folder; ${manifest.id} shows no ${words.publisher} context`);
        continue;
      }
      sources.push({ ...words, file: path, years: parseContextCsv(decodeText(bytes), path) });
    }
    if (sources.length === 0) continue;
    await store.putContext({ dataset: manifest.id, sources });
    log(
      `${manifest.id}: context from ${sources.map((s) => `${s.publisher} (${s.years.length} years)`).join(', ')}`,
    );
    stored.push(manifest.id);
  }
  return stored;
}
