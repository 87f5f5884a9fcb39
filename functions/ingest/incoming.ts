import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { findDatasetManifest } from '../../geodata/datasets/index.ts';
import { AtlasError } from '../core/errors.ts';
import type { CatalogWriter } from '../store/ports.ts';
import type { S3Boundaries } from '../store/s3-boundaries.ts';
import { importSummary, ingestStream } from './ingest.ts';
import { type ByteSource, MAX_CSV_BYTES } from './read-source.ts';

export const INCOMING_PREFIX = 'incoming/';
export const REPORT_SUFFIX = '.report.json';
/**
 * Bigger uploads are refused before their body is read. The body is streamed, so this is not what bounds
 * memory: CSV is read with memory bounded by its rounds and areas, XLSX and JSON are refused past 50 MB as
 * they arrive (`readSourceStream`).
 */
export const MAX_UPLOAD_BYTES = MAX_CSV_BYTES;

export interface IncomingDependencies {
  s3: S3Client;
  bucket: string;
  catalog: CatalogWriter;
  boundaries: S3Boundaries;
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
  const parts = key.slice(INCOMING_PREFIX.length).split('/');
  const reportKey = `${key}${REPORT_SUFFIX}`;
  const writeReport = (body: unknown) =>
    deps.s3.send(
      new PutObjectCommand({
        Bucket: deps.bucket,
        Key: reportKey,
        Body: JSON.stringify(body, null, 2),
        ContentType: 'application/json',
      }),
    );
  try {
    const [datasetId, ...rest] = parts;
    const manifest = datasetId ? findDatasetManifest(datasetId) : undefined;
    if (!manifest || rest.length === 0 || rest.length > 2) {
      throw new AtlasError(
        'invalid_input',
        `${key}: upload to incoming/<dataset>/[<round>/]<file> with a known dataset`,
      );
    }
    const round = rest.length === 2 ? rest[0] : undefined;
    const object = await deps.s3.send(new GetObjectCommand({ Bucket: deps.bucket, Key: key }));
    const body = object.Body as (ByteSource & { destroy?: () => void }) | undefined;
    if ((object.ContentLength ?? 0) > MAX_UPLOAD_BYTES) {
      body?.destroy?.();
      throw new AtlasError(
        'invalid_input',
        `${key}: ${object.ContentLength} bytes is over the ${MAX_UPLOAD_BYTES}-byte limit`,
      );
    }
    if (!body || typeof body[Symbol.asyncIterator] !== 'function')
      throw new AtlasError('invalid_input', `${key}: empty object`);
    // The body is consumed as it arrives (on Node it is the HTTP response stream); nothing is stored before
    // the whole of it has been read and checked.
    const result = await ingestStream(
      manifest,
      key,
      body,
      {
        catalog: deps.catalog,
        boundarySet: async (id) => {
          const stored = await deps.boundaries.getManifest(id);
          if (!stored) throw new AtlasError('unavailable', `boundary set ${id} is not loaded`);
          return { manifest: stored, topology: await deps.boundaries.getTopology(stored) };
        },
      },
      { ...(round ? { round } : {}), replace: object.Metadata?.replace === 'true' },
      manifest.sources.find((source) => source.file.split('/').pop() === parts[parts.length - 1]),
    );
    await writeReport({
      ...importSummary(result),
      rounds: result.rounds.map(({ round, report, outcome }) => ({
        key: round.key,
        version: round.version,
        outcome,
        totals: round.totals,
        report,
      })),
    });
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
