import { loadDatasetManifests } from '../../geodata/datasets/index.ts';
import { listDatasetManifests } from '../ingest/dataset-manifests.ts';
import { createDocumentClient, createS3Client } from '../store/clients.ts';
import { DynamoCatalog } from '../store/dynamo-catalog.ts';
import { S3Boundaries } from '../store/s3-boundaries.ts';
import { S3Objects } from '../store/s3-objects.ts';
import { S3Registry } from '../store/s3-registry.ts';
import type { KeySource } from '../sync/key-source.ts';
import type { SyncRunReport } from '../sync/report.ts';
import { syncDatasets } from '../sync/run.ts';
import { lambdaConfigFromEnv } from './lambda-config.ts';
import {
  boundarySetResolver,
  keySourceFromSettings,
  NO_KEY_MESSAGE,
  syncClient,
  syncSettingsFromEnv,
} from './sync-settings.ts';

/** Where each run's report is written in the data bucket (the sync role's one PutObject grant: infra/lib/sync-function.ts). */
export const SYNC_REPORT_PREFIX = 'sync/reports/';

const config = lambdaConfigFromEnv();
const s3 = createS3Client(config.aws);
const catalog = new DynamoCatalog(createDocumentClient(config.aws), config.tableName);
const boundaries = new S3Boundaries(s3, config.bucketName);
const objects = new S3Objects(s3, config.bucketName);
const registry = new S3Registry(s3, config.bucketName);

/**
 * The key's source, made at the first run and kept for the container's life: the SSM parameter is read once
 * per container, and again only when the DTM API refuses the key (it was rotated).
 */
let keys: KeySource | undefined;

/** Time kept back from the function's timeout to write the report and log after the run's limit. */
const MARGIN_MS = 30_000;

/**
 * Sync Lambda, run by its EventBridge schedule: the same `syncDatasets` as `npm run sync`, over the bundled
 * manifests, into the deployment's table. The key is read at run time from the SSM SecureString named by
 * DTM_API_KEY_PARAMETER (never from the function's configuration), before anything else. Each run's report
 * goes to `sync/reports/<time>.json` in the data bucket and to the log; a failed dataset or a refused round
 * throws, which counts in the function's Errors metric, which the stack's alarm watches.
 */
export async function handler(_event: unknown, context?: { getRemainingTimeInMillis?: () => number }) {
  const settings = syncSettingsFromEnv();
  keys ??= keySourceFromSettings(settings);
  if (!keys) throw new Error(NO_KEY_MESSAGE);
  // Read (or take the kept key) first: an unreadable parameter fails the run at once, saying which.
  await keys.key();
  const remaining = context?.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY;
  const limitMs = Math.max(1000, Math.min(settings.runTimeoutMs, remaining - MARGIN_MS));
  const log = (message: string) => console.log(JSON.stringify({ level: 'info', message }));
  // The bundled datasets and those an operator added through the ingest bucket.
  const manifests = await listDatasetManifests({ registry, bundled: await loadDatasetManifests() });
  const report = await syncDatasets(manifests, {
    client: syncClient(settings, log, undefined, keys),
    catalog,
    // No data folder on AWS: boundary sets come from the bucket (seed-aws.ts puts them there).
    boundarySet: boundarySetResolver(boundaries, manifests, {}),
    signal: AbortSignal.timeout(limitMs),
    log,
  });
  const reportKey = `${SYNC_REPORT_PREFIX}${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  await objects.put(reportKey, JSON.stringify(report, null, 2), 'application/json');
  const summary = summarise(report);
  console.log(
    JSON.stringify({ level: report.ok ? 'info' : 'error', message: 'sync', reportKey, datasets: summary }),
  );
  if (!report.ok) {
    const failures = report.datasets.filter((d) => d.status === 'failed' || d.counts.refused > 0);
    throw new Error(
      `sync failed for ${failures.map((d) => `${d.dataset} (${d.message ?? 'refused rounds'})`).join('; ')}; report ${reportKey}`,
    );
  }
  return { ok: true, reportKey, datasets: summary };
}

function summarise(report: SyncRunReport) {
  return report.datasets.map(({ dataset, status, counts, message }) => ({
    dataset,
    status,
    ...counts,
    ...(message ? { message } : {}),
  }));
}
