import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PreparedBoundarySet } from '../functions/core/boundary-set.ts';
import type { BoundarySetSource } from '../functions/core/dataset-manifest.ts';
import { InputError } from '../functions/core/errors.ts';
import type { AdminLevel } from '../functions/core/types.ts';
import { parseBoundaryFile } from './boundary-file.ts';
import { type NormalisedArea, normaliseLevel } from './normalize.ts';
import { buildTopology, describeBoundarySet } from './topology.ts';

/**
 * Prepares a boundary set from its source files under `dataDir` (GeoJSON or TopoJSON): normalise and check
 * each level (fields detected from COD-AB names unless the manifest names them; parents must exist one level
 * up), then build the shared, weighted topology that tiles are cut from.
 */
export async function prepareBoundarySet(
  source: BoundarySetSource,
  dataDir: string,
): Promise<PreparedBoundarySet> {
  return prepareBoundarySetFrom(source, (file) =>
    readFile(path.join(dataDir, file)).catch((error: NodeJS.ErrnoException) => {
      throw new InputError(
        { file },
        `cannot read boundary file under ${dataDir} (${error.code ?? error.message})`,
      );
    }),
  );
}

/**
 * `prepareBoundarySet` with the files' bytes from `read` (a boundary file an operator names on the command
 * line, or uploaded to the ingest bucket): the same checks, the same topology.
 */
export async function prepareBoundarySetFrom(
  source: BoundarySetSource,
  read: (file: string) => Promise<Uint8Array>,
): Promise<PreparedBoundarySet> {
  const levels = new Map<AdminLevel, NormalisedArea[]>();
  const sources: PreparedBoundarySet['manifest']['sources'] = [];
  for (const level of [...source.levels].sort((a, b) => a.level - b.level)) {
    const bytes = await read(level.file);
    const collection = parseBoundaryFile(bytes, level);
    // Parents are checked against the level above when the set has it (the file's parent field is detected).
    const parentLevel = levels.get((level.level - 1) as AdminLevel);
    const parents = parentLevel ? new Set(parentLevel.map((area) => area.properties.pcode)) : undefined;
    levels.set(level.level, normaliseLevel(collection, level, parents));
    sources.push({
      level: level.level,
      file: level.file,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  }
  const topology = buildTopology(levels);
  const manifest = describeBoundarySet(
    { id: source.id, title: source.title, attribution: source.attribution, sources },
    topology,
  );
  return { manifest, topology };
}
