import { createApp } from '../http/app.ts';
import { createDocumentClient, createS3Client } from '../store/clients.ts';
import { DynamoCatalog } from '../store/dynamo-catalog.ts';
import { S3Boundaries } from '../store/s3-boundaries.ts';
import type { LambdaConfig } from './lambda-config.ts';

/** The HTTP app wired to DynamoDB and S3 from a configuration: what every Lambda entry serves. */
export function appFromConfig(config: LambdaConfig) {
  return createApp({
    catalog: new DynamoCatalog(createDocumentClient(config.aws), config.tableName),
    boundaries: new S3Boundaries(createS3Client(config.aws), config.bucketName),
    ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
    ...(config.publicHostHeader ? { publicHostHeader: config.publicHostHeader } : {}),
    ...(config.indexCacheBytes ? { tiles: { indexCacheBytes: config.indexCacheBytes } } : {}),
  });
}
