/**
 * `npm run geodata:hashes`: records, on purpose, the SHA-256 of every file the bundled dataset manifests name
 * (`sha256` of each boundary level and source file, read from the data folder, the first argument or
 * `../shared/data`; `shipped.sha256` of each stripped copy under `geodata/shipped/`). Seeding refuses a file
 * whose bytes differ from these, so run this only after reviewing a changed file. A file missing from the
 * data folder keeps the hash it had. The manifests are then formatted with Biome, as the repository keeps them.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetManifestFile } from '../functions/core/dataset-manifest.ts';
import { SHIPPED_DIR, sha256Hex } from './shipped.ts';

const REPO_ROOT = path.resolve(SHIPPED_DIR, '../..');
const DATASETS_DIR = path.join(REPO_ROOT, 'geodata/datasets');
// The data folder is the first argument (`npm run geodata:hashes -- /path/to/data`), by default `../shared/data`.
const dataDir = path.resolve(REPO_ROOT, process.argv[2] ?? '../shared/data');

/** The file's hash, or `undefined` (with a note) when it is not there. */
async function hashOf(dir: string, file: string): Promise<string | undefined> {
  try {
    return sha256Hex(await readFile(path.join(dir, file)));
  } catch {
    console.log(`  ${file}: not in ${dir}, hash kept`);
    return undefined;
  }
}

/** Sets `entry.sha256` to `hash` when there is one, saying when it changes. */
function record(entry: { sha256?: string }, hash: string | undefined, file: string): void {
  if (hash === undefined || entry.sha256 === hash) return;
  console.log(`  ${file}: ${entry.sha256 ?? '(none)'} -> ${hash}`);
  entry.sha256 = hash;
}

const names = (await readdir(DATASETS_DIR)).filter((file) => file.endsWith('.json')).sort();
for (const name of names) {
  const manifestPath = path.join(DATASETS_DIR, name);
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as DatasetManifestFile;
  console.log(`${name}:`);
  for (const level of manifest.boundarySets.flatMap((set) => set.levels)) {
    record(level, await hashOf(dataDir, level.file), level.file);
    if (level.shipped)
      record(level.shipped, await hashOf(SHIPPED_DIR, level.shipped.file), level.shipped.file);
  }
  for (const source of manifest.sources) record(source, await hashOf(dataDir, source.file), source.file);
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}
execFileSync('npx', ['biome', 'format', '--write', ...names.map((name) => path.join(DATASETS_DIR, name))], {
  cwd: REPO_ROOT,
  stdio: 'inherit',
});
