import type { S3Event } from 'aws-lambda';
import { findDatasetManifest } from '../../geodata/datasets/index.ts';
import { handleIncomingObject } from '../ingest/incoming.ts';
import { createDocumentClient, createS3Client } from '../store/clients.ts';
import { DynamoCatalog } from '../store/dynamo-catalog.ts';
import { S3Boundaries } from '../store/s3-boundaries.ts';
import { S3Objects } from '../store/s3-objects.ts';
import { lambdaConfigFromEnv } from './lambda-config.ts';

const config = lambdaConfigFromEnv();
const s3 = createS3Client(config.aws);
const deps = {
  objects: new S3Objects(s3, config.bucketName),
  catalog: new DynamoCatalog(createDocumentClient(config.aws), config.tableName),
  boundaries: new S3Boundaries(s3, config.bucketName),
  findDataset: findDatasetManifest,
};

/** Ingest Lambda: S3 ObjectCreated events under `incoming/`, handled one object at a time. */
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
