import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PreparedBoundarySet } from '../functions/core/boundary-set.ts';
import type { BoundaryLevelSource, BoundarySetSource } from '../functions/core/dataset-manifest.ts';
import { InputError } from '../functions/core/errors.ts';
import type { AdminLevel } from '../functions/core/types.ts';
import { parseBoundaryFile } from './boundary-file.ts';
import { type NormalisedArea, normaliseLevel } from './normalize.ts';
import { buildTopology, describeBoundarySet } from './topology.ts';

/** Reads the bytes of one level's file, wherever it is (see `functions/entry/data-folder.ts`). */
export type LevelReader = (level: BoundaryLevelSource) => Promise<Uint8Array>;

/**
 * Prepares a boundary set from its source files (GeoJSON or TopoJSON), under the folder `from` or read by it:
 * normalise and check each level (fields detected from COD-AB names unless the manifest names them; parents
 * must exist one level up), then build the shared, weighted topology that tiles are cut from.
 */
export async function prepareBoundarySet(
  source: BoundarySetSource,
  from: string | LevelReader,
): Promise<PreparedBoundarySet> {
  const read = typeof from === 'string' ? readUnder(from) : from;
  const levels = new Map<AdminLevel, NormalisedArea[]>();
  const sources: PreparedBoundarySet['manifest']['sources'] = [];
  for (const level of [...source.levels].sort((a, b) => a.level - b.level)) {
    const bytes = await read(level);
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

/**
 * `prepareBoundarySet` with the files' bytes from `read` (a boundary file an operator names on the command
 * line, or uploaded to the ingest bucket): the same checks, the same topology.
 */
export function prepareBoundarySetFrom(
  source: BoundarySetSource,
  read: (file: string) => Promise<Uint8Array>,
): Promise<PreparedBoundarySet> {
  return prepareBoundarySet(source, (level) => read(level.file));
}

/** Reads a level's file under `dataDir`; an error names the file. */
function readUnder(dataDir: string): LevelReader {
  return (level) =>
    readFile(path.join(dataDir, level.file)).catch((error: NodeJS.ErrnoException) => {
      throw new InputError(
        { file: level.file },
        `cannot read boundary file under ${dataDir} (${error.code ?? error.message})`,
      );
    });
}
