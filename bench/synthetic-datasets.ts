/**
 * The datasets of the scale bench (bench/datasets.ts): Mali and Haiti as bundled, plus synthetic copies of
 * them (`mli-s01`, `hti-s01`, …) written as a dataset folder (`DTM_DATASETS_DIR` layout) in a temporary
 * directory. A copy names the same boundary and figure files under /work/shared/data (read at run time,
 * nothing written into the repository) but has its own boundary-set ids, so the service builds and caches
 * its own geometry indexes for it, as it would for another country.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PreparedBoundarySet } from '../functions/core/boundary-set.ts';
import type { DatasetManifestFile } from '../functions/core/dataset-manifest.ts';
import type { SeedFiles } from '../functions/ingest/seed.ts';

const GEODATA = path.resolve(import.meta.dirname, '..', 'geodata');
const BASES = ['mli', 'hti'] as const;

/** Ids of `count` datasets: `mli`, `hti`, then `mli-s01`, `hti-s01`, `mli-s02`… */
export function datasetIds(count: number): string[] {
  const ids: string[] = [...BASES].slice(0, count);
  for (let i = 0; ids.length < count; i++) {
    const base = BASES[i % BASES.length] as string;
    ids.push(`${base}-s${String(Math.floor(i / BASES.length) + 1).padStart(2, '0')}`);
  }
  return ids;
}

/** Writes the manifests of `ids` (and Mali's reviewed corrections) into `dir`. */
export async function writeDatasetFolder(dir: string, ids: readonly string[]): Promise<void> {
  await mkdir(path.join(dir, 'corrections'), { recursive: true });
  await copyFile(path.join(GEODATA, 'corrections', 'mli.json'), path.join(dir, 'corrections', 'mli.json'));
  for (const id of ids) {
    const [base, suffix] = id.split('-') as [string, string | undefined];
    const manifest = JSON.parse(
      await readFile(path.join(GEODATA, 'datasets', `${base}.json`), 'utf8'),
    ) as DatasetManifestFile;
    await writeFile(
      path.join(dir, `${id}.json`),
      JSON.stringify(suffix ? copyOf(manifest, suffix) : manifest),
    );
  }
}

/**
 * A manifest under new dataset, boundary-set and feed ids, with only its default boundary set and the sources
 * on it (Mali's copies leave out the 2012–2014 régions series: 23 rounds that would triple seeding and that
 * the walk, on the latest round, never shows); files, codes and rounds otherwise as the original's.
 */
function copyOf(manifest: DatasetManifestFile, suffix: string): DatasetManifestFile {
  const rename = (id: string) => `${id}-${suffix}`;
  const onDefault = <T extends { id?: string; boundarySet?: string }>(item: T) =>
    (item.boundarySet ?? item.id) === manifest.defaultBoundarySet;
  return {
    ...manifest,
    id: rename(manifest.id),
    name: `${manifest.name} (synthetic ${suffix})`,
    defaultBoundarySet: rename(manifest.defaultBoundarySet),
    boundarySets: manifest.boundarySets.filter(onDefault).map((set) => ({ ...set, id: rename(set.id) })),
    sources: manifest.sources.filter(onDefault).map((source) => ({
      ...source,
      boundarySet: rename(source.boundarySet),
      ...(source.feed ? { feed: rename(source.feed) } : {}),
    })),
  };
}

/**
 * The data folder as seeding reads it, with each distinct set of boundary files prepared once and handed out
 * under each copy's own id: the copies' geometry is identical, and preparing it 25 times over would only
 * measure the same work again. Everything else (ingest, joins, store writes) runs once per dataset.
 */
export function sharedPreparation(files: SeedFiles): SeedFiles {
  const prepared = new Map<string, Promise<PreparedBoundarySet>>();
  return {
    readRoundFile: files.readRoundFile,
    async prepareBoundarySet(source) {
      const key = source.levels.map((level) => level.file).join('|');
      let set = prepared.get(key);
      if (!set) {
        set = files.prepareBoundarySet(source);
        prepared.set(key, set);
      }
      const { manifest, topology } = await set;
      return { manifest: { ...manifest, id: source.id, title: source.title }, topology };
    },
  };
}
