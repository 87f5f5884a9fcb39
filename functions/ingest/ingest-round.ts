import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type DatasetManifest, normaliseCode, type RoundSource } from '../../geodata/dataset-manifest.ts';
import type { PreparedBoundarySet } from '../core/boundary-set.ts';
import { InputError } from '../core/errors.ts';
import { type AreaIndex, type JoinReport, joinRows } from '../core/join.ts';
import type { AdminLevel, AreaProperties, RoundMeta } from '../core/types.ts';
import type { CatalogWriter, PublishOutcome } from '../store/ports.ts';
import { readDtmBaselineCsv } from './dtm-baseline-csv.ts';

/** Bumped whenever parsing or joining changes in a way that could change figures: it is part of every version. */
export const INGEST_LOGIC_VERSION = 1;

export interface IngestResult {
  round: RoundMeta;
  report: JoinReport;
  outcome: PublishOutcome;
}

export interface IngestOptions {
  /** Replace a published round whose content differs. Without it, such an import fails and changes nothing. */
  replace?: boolean;
  /** Parse, join and report, but write nothing. */
  dryRun?: boolean;
}

/** The areas of a prepared boundary set, indexed by level and P-code. */
export function areaIndex(set: PreparedBoundarySet): AreaIndex {
  const index: AreaIndex = new Map();
  for (const [object, collection] of Object.entries(set.topology.objects)) {
    const level = Number(object.slice(3)) as AdminLevel;
    index.set(
      level,
      new Map(
        collection.geometries.map((g) => [
          (g.properties as AreaProperties).pcode,
          g.properties as AreaProperties,
        ]),
      ),
    );
  }
  return index;
}

/**
 * Imports one round: read and check the file, join it to its boundary set, write the figures as a draft under
 * a content version, then publish with one conditional write. Re-importing the same content publishes nothing.
 */
export async function ingestRound(
  manifest: DatasetManifest,
  source: RoundSource,
  dataDir: string,
  boundarySet: PreparedBoundarySet,
  catalog: CatalogWriter,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const bytes = await readFile(path.join(dataDir, source.file)).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(
      { file: source.file },
      `cannot read round file under ${dataDir} (${error.code ?? error.message})`,
    );
  });
  const rows = readDtmBaselineCsv(bytes.toString('utf8'), source.file, (code) =>
    normaliseCode(code, manifest.codeRules),
  );
  const { figures, totals, report } = joinRows(rows, areaIndex(boundarySet), {
    ignoreNameWords: manifest.ignoreNameWords,
  });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const version = createHash('sha256')
    .update(
      JSON.stringify([
        INGEST_LOGIC_VERSION,
        sha256,
        boundarySet.manifest.version,
        manifest.codeRules,
        source,
      ]),
    )
    .digest('hex')
    .slice(0, 16);
  const round: RoundMeta = {
    dataset: manifest.id,
    key: source.key,
    ...(source.number !== undefined ? { number: source.number } : {}),
    date: source.date,
    source: {
      title: source.title,
      organisation: source.organisation,
      file: path.basename(source.file),
      sha256,
    },
    boundarySet: boundarySet.manifest.id,
    totals,
    status: 'draft',
    version,
  };
  if (options.dryRun) return { round, report, outcome: 'unchanged' };

  const existing = await catalog.getRound(manifest.id, source.key);
  if (existing?.version === version) return { round: existing, report, outcome: 'unchanged' };
  if (existing && !options.replace) {
    throw new InputError(
      { file: source.file },
      `round ${manifest.id}/${source.key} is already published with other content; import with replace to overwrite it`,
    );
  }
  await catalog.writeDraft(round, figures, report);
  const publishedAt = new Date().toISOString();
  const outcome = await catalog.publish({ ...round, publishedAt }, existing?.version);
  return { round: { ...round, status: 'published', publishedAt }, report, outcome };
}
