import type { PreparedBoundarySet } from '../core/boundary-set.ts';
import type { DatasetManifest } from '../core/dataset-manifest.ts';
import { AtlasError } from '../core/errors.ts';
import type { BoundaryReader, CatalogWriter, ObjectStore } from '../store/ports.ts';
import type { DatasetAdminDependencies } from './dataset-admin.ts';
import { addUploadedDataset, DATASET_UPLOADS, uploadedManifestId } from './dataset-upload.ts';
import { type IngestOptions, type IngestResult, importSummary, ingestStream } from './ingest.ts';
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
  /**
   * The dataset an upload folder names, if it is one: in the entry points the registry, then the bundled
   * manifests (`resolveDatasetManifest`).
   */
  findDataset: (id: string) => DatasetManifest | undefined | Promise<DatasetManifest | undefined>;
  /** For manifests uploaded to `incoming/datasets/<id>/`; without it they are refused. */
  datasets?: DatasetAdminDependencies;
}

export interface IncomingOutcome {
  key: string;
  reportKey?: string;
  status: 'imported' | 'rejected' | 'ignored';
}

/**
 * What an upload's object metadata allows: `replace=true` overwrites a round; `accept-totals-mismatch=<reason>`
 * imports a round whose rows do not add up to a stated total, keeping the reason in its provenance.
 */
function uploadOptions(metadata: Record<string, string>, round: string | undefined): IngestOptions {
  const reason = metadata['accept-totals-mismatch'];
  return {
    ...(round ? { round } : {}),
    replace: metadata.replace === 'true',
    ...(reason ? { acceptTotalsMismatch: reason } : {}),
  };
}

/** The report of an upload imported: the file's summary, and each round's outcome and join report. */
function importedReport(result: IngestResult) {
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

async function storedBoundarySet(deps: IncomingDependencies, id: string): Promise<PreparedBoundarySet> {
  const stored = await deps.boundaries.getManifest(id);
  if (!stored) throw new AtlasError('unavailable', `boundary set ${id} is not loaded`);
  return { manifest: stored, topology: await deps.boundaries.getTopology(stored) };
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
  const added = uploadedManifestId(key);
  if (added !== undefined) return handleDatasetManifest(deps, key, added);
  // The boundary files beside a manifest are read when the manifest arrives.
  if (key.startsWith(DATASET_UPLOADS)) return { key, status: 'ignored' };
  const parts = key.slice(INCOMING_PREFIX.length).split('/');
  const reportKey = `${key}${REPORT_SUFFIX}`;
  const writeReport = (body: unknown) =>
    deps.objects.put(reportKey, JSON.stringify(body, null, 2), 'application/json');
  try {
    const [datasetId, ...rest] = parts;
    const manifest = datasetId ? await deps.findDataset(datasetId) : undefined;
    if (!manifest || rest.length === 0 || rest.length > 2) {
      throw new AtlasError(
        'invalid_input',
        `${key}: upload to incoming/<dataset>/[<round>/]<file> with a known dataset`,
      );
    }
    const round = rest.length === 2 ? rest[0] : undefined;
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
      { catalog: deps.catalog, boundarySet: (id) => storedBoundarySet(deps, id) },
      uploadOptions(object.metadata, round),
      manifest.sources.find((source) => source.file.split('/').pop() === parts[parts.length - 1]),
    );
    await writeReport(importedReport(result));
    return { key, reportKey, status: 'imported' };
  } catch (error) {
    // Bad input and a lost race are answered in the report; anything else is retried by the event source.
    return rejectInReport(error, (e) => e.kind === 'invalid_input' || e.kind === 'conflict', writeReport, {
      key,
      reportKey,
    });
  }
}

/**
 * Handles `incoming/datasets/<id>/manifest.json`: adds the dataset as `npm run dataset -- add` does, the
 * outcome (the dataset and its boundary set, or the error naming file, feature and field) in
 * `manifest.json.report.json`. A request that can never pass is answered in the report, not retried.
 */
async function handleDatasetManifest(
  deps: IncomingDependencies,
  key: string,
  id: string,
): Promise<IncomingOutcome> {
  const reportKey = `${key}${REPORT_SUFFIX}`;
  const writeReport = (body: unknown) =>
    deps.objects.put(reportKey, JSON.stringify(body, null, 2), 'application/json');
  try {
    if (!deps.datasets) throw new AtlasError('bad_request', 'this deployment does not add datasets');
    const { manifest, boundarySet } = await addUploadedDataset(deps.objects, key, id, deps.datasets);
    await writeReport({ status: 'added', dataset: manifest.id, manifest, boundarySet });
    return { key, reportKey, status: 'imported' };
  } catch (error) {
    return rejectInReport(error, (e) => e.kind !== 'unavailable', writeReport, { key, reportKey });
  }
}

/**
 * Answers an error the upload cannot get past (`answered`) in its report, saying nothing was changed; any
 * other error is thrown again, so the event source retries the object.
 */
async function rejectInReport(
  error: unknown,
  answered: (error: AtlasError) => boolean,
  writeReport: (body: unknown) => Promise<void>,
  outcome: { key: string; reportKey: string },
): Promise<IncomingOutcome> {
  if (!(error instanceof AtlasError && answered(error))) throw error;
  await writeReport({ status: 'rejected', error: error.message, details: error.details, changed: 'nothing' });
  return { ...outcome, status: 'rejected' };
}
