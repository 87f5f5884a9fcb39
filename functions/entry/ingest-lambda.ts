import type { S3Event } from 'aws-lambda';
import { DTM_FIGURES_LICENCE, loadDatasetManifests } from '../../geodata/datasets/index.ts';
import type { DatasetAdminDependencies } from '../ingest/dataset-admin.ts';
import { resolveDatasetManifest } from '../ingest/dataset-manifests.ts';
import { handleIncomingObject, type IncomingDependencies } from '../ingest/incoming.ts';
import { createDocumentClient, createS3Client } from '../store/clients.ts';
import { DynamoCatalog } from '../store/dynamo-catalog.ts';
import { S3Boundaries } from '../store/s3-boundaries.ts';
import { S3Objects } from '../store/s3-objects.ts';
import { S3Registry } from '../store/s3-registry.ts';
import { geodataPreparer } from './dataset-deps.ts';
import { lambdaConfigFromEnv } from './lambda-config.ts';

const config = lambdaConfigFromEnv();
const s3 = createS3Client(config.aws);
const bundled = await loadDatasetManifests();
const registry = new S3Registry(s3, config.bucketName);
const catalog = new DynamoCatalog(createDocumentClient(config.aws), config.tableName);
const boundaries = new S3Boundaries(s3, config.bucketName);
const datasets: DatasetAdminDependencies = {
  registry,
  catalog,
  boundaries,
  bundled,
  preparer: geodataPreparer,
  figuresLicence: DTM_FIGURES_LICENCE,
};
const deps: IncomingDependencies = {
  objects: new S3Objects(s3, config.bucketName),
  catalog,
  boundaries,
  // Datasets added through `incoming/datasets/<id>/manifest.json` (or `npm run dataset`) first, then bundled.
  findDataset: (id) => resolveDatasetManifest(id, { registry, bundled }),
  datasets,
};

/**
 * Ingest Lambda: S3 ObjectCreated events under `incoming/`, handled one object at a time: round files under
 * `incoming/<dataset>/`, dataset manifests under `incoming/datasets/<id>/` (docs/deploy.md).
 */
export async function handler(event: S3Event) {
  const outcomes = [];
  for (const record of event.Records) {
    // S3 event keys are URL-encoded, with '+' for spaces.
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const outcome = await handleIncomingObject(deps, key);
    console.log(JSON.stringify({ level: 'info', message: 'ingest', ...outcome }));
    outcomes.push(outcome);
  }
  return { outcomes };
}
