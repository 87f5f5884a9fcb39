/**
 * `npm run geodata:ship`: copies every boundary file the dataset manifests name from the data folder
 * (the first argument, by default `../shared/data`) into `geodata/shipped/`, so a clone without the data folder
 * still has boundaries. A file is copied byte for byte unless its level has `shipped` in the manifest: then
 * only the listed properties are kept (the 2012–2014 9-région layer carries DTM monthly figures, which may
 * not be redistributed). Run `npm run geodata:hashes` afterwards to record the hashes.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseBoundaryFile } from './boundary-file.ts';
import { loadDatasetManifests } from './datasets/index.ts';
import { keepProperties, SHIPPED_DIR, sha256Hex, shippedFile } from './shipped.ts';

const REPO_ROOT = path.resolve(SHIPPED_DIR, '../..');
// The data folder is the first argument (`npm run geodata:ship -- /path/to/data`), by default `../shared/data`.
const dataDir = path.resolve(REPO_ROOT, process.argv[2] ?? '../shared/data');

for (const manifest of await loadDatasetManifests()) {
  for (const set of manifest.boundarySets) {
    for (const level of set.levels) {
      const source = await readFile(path.join(dataDir, level.file));
      const bytes = level.shipped
        ? Buffer.from(
            JSON.stringify(keepProperties(parseBoundaryFile(source, level), level.shipped.properties)),
          )
        : source;
      const target = path.join(SHIPPED_DIR, shippedFile(level));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, bytes);
      const how = level.shipped ? `stripped to ${level.shipped.properties.length} properties` : 'as is';
      console.log(`${shippedFile(level)}: ${bytes.length} bytes, ${how}, sha256 ${sha256Hex(bytes)}`);
    }
  }
}
