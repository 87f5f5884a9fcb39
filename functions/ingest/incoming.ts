import type { DatasetManifest } from '../core/dataset-manifest.ts';
import { AtlasError } from '../core/errors.ts';
import type { BoundaryReader, CatalogWriter, ObjectStore } from '../store/ports.ts';
import { importSummary, ingestStream } from './ingest.ts';
import { MAX_CSV_BYTES } from './read-source.ts';

export const INCOMING_PREFIX = 'incoming/';
export const REPORT_SUFFIX = '.report.json';
/**
 * Bigger uploads are refused before their body is read. The body is streamed, so this is not what bounds
 * memory: CSV is read with memory bounded by its rounds and areas, XLSX and JSON are refused past 50 MB as
 * they arrive (`readSourceStream`).
 */
export const MAX_UPLOAD_BYTES = MAX_CSV_BYTES;

export interface IncomingDependencies {
  /** Where uploads arrive and their reports are written (the data bucket in AWS). */
  objects: ObjectStore;
  catalog: CatalogWriter;
  boundaries: BoundaryReader;
  /** The dataset an upload folder names (`geodata/datasets` in the entry points), if it is one. */
  findDataset: (id: string) => DatasetManifest | undefined;
}

export interface IncomingOutcome {
  key: string;
  reportKey?: string;
  status: 'imported' | 'rejected' | 'ignored';
}

/**
 * Handles one object uploaded under `incoming/<dataset>/[<round>/]<file>`: the same ingest as the CLI, the
 * result (summary and join reports, or the error naming file, row and column) written next to it as
 * `<file>.report.json`. Bad input is answered in the report, not by failing the invocation, so S3 does not
 * retry a file that can never pass; a `replace=true` object metadata entry allows overwriting a round.
 */
export async function handleIncomingObject(
  deps: IncomingDependencies,
  key: string,
): Promise<IncomingOutcome> {
  if (!key.startsWith(INCOMING_PREFIX) || key.endsWith(REPORT_SUFFIX) || key.endsWith('/'))
    return { key, status: 'ignored' };
  const reportKey = `${key}${REPORT_SUFFIX}`;
  const writeReport = (body: unknown) =>
    deps.objects.put(reportKey, JSON.stringify(body, null, 2), 'application/json');
  try {
    await writeReport(await importUpload(deps, key));
    return { key, reportKey, status: 'imported' };
  } catch (error) {
    if (error instanceof AtlasError && (error.kind === 'invalid_input' || error.kind === 'conflict')) {
      await writeReport({
        status: 'rejected',
        error: error.message,
        details: error.details,
        changed: 'nothing',
      });
      return { key, reportKey, status: 'rejected' };
    }
    throw error;
  }
}

/** Where an upload goes: its dataset, the round its folder names, and its file name. */
function parseUploadKey(deps: IncomingDependencies, key: string) {
  const [datasetId, ...rest] = key.slice(INCOMING_PREFIX.length).split('/');
  const manifest = datasetId ? deps.findDataset(datasetId) : undefined;
  if (!manifest || rest.length === 0 || rest.length > 2) {
    throw new AtlasError(
      'invalid_input',
      `${key}: upload to incoming/<dataset>/[<round>/]<file> with a known dataset`,
    );
  }
  return { manifest, round: rest.length === 2 ? rest[0] : undefined, fileName: rest[rest.length - 1] };
}

/** Imports one upload and returns its report: the import summary and each round's join report. */
async function importUpload(deps: IncomingDependencies, key: string) {
  const { manifest, round, fileName } = parseUploadKey(deps, key);
  const object = await deps.objects.get(key);
  const body = object.body;
  if ((object.size ?? 0) > MAX_UPLOAD_BYTES) {
    object.discard();
    throw new AtlasError(
      'invalid_input',
      `${key}: ${object.size} bytes is over the ${MAX_UPLOAD_BYTES}-byte limit`,
    );
  }
  if (!body) throw new AtlasError('invalid_input', `${key}: empty object`);
  // The body is consumed as it arrives (on Node it is the HTTP response stream); nothing is stored before
  // the whole of it has been read and checked.
  const result = await ingestStream(
    manifest,
    key,
    body,
    { catalog: deps.catalog, boundarySet: (id) => storedBoundarySet(deps.boundaries, id) },
    { ...(round ? { round } : {}), replace: object.metadata.replace === 'true' },
    manifest.sources.find((source) => source.file.split('/').pop() === fileName),
  );
  return {
    ...importSummary(result),
    rounds: result.rounds.map(({ round, report, outcome }) => ({
      key: round.key,
      version: round.version,
      outcome,
      totals: round.totals,
      report,
    })),
  };
}

/** A boundary set as stored (the ingest Lambda never prepares boundaries; seeding does). */
async function storedBoundarySet(boundaries: BoundaryReader, id: string) {
  const stored = await boundaries.getManifest(id);
  if (!stored) throw new AtlasError('unavailable', `boundary set ${id} is not loaded`);
  return { manifest: stored, topology: await boundaries.getTopology(stored) };
}
