import { createApp } from '../http/app.ts';
import { createDocumentClient, createS3Client } from '../store/clients.ts';
import { DynamoCatalog } from '../store/dynamo-catalog.ts';
import { S3Boundaries } from '../store/s3-boundaries.ts';
import { S3Context } from '../store/s3-context.ts';
import { S3Packs } from '../store/s3-packs.ts';
import type { LambdaConfig } from './lambda-config.ts';
import { loadSqlJs } from './sql-wasm.ts';
import { loadThumbnailAssets } from './thumbnail-assets.ts';

/** The HTTP app wired to DynamoDB and S3 from a configuration: what every Lambda entry serves. */
export function appFromConfig(config: LambdaConfig) {
  const s3 = createS3Client(config.aws);
  return createApp({
    catalog: new DynamoCatalog(createDocumentClient(config.aws), config.tableName),
    boundaries: new S3Boundaries(s3, config.bucketName),
    // Offline packs, built on demand and kept under packs/ in the data bucket.
    packs: { store: new S3Packs(s3, config.bucketName), sql: loadSqlJs },
    context: new S3Context(s3, config.bucketName),
    // oEmbed's thumbnails: resvg's WebAssembly and the fonts, beside the bundle.
    thumbnails: loadThumbnailAssets,
    ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
    ...(config.publicHostHeader ? { publicHostHeader: config.publicHostHeader } : {}),
    ...(config.indexCacheBytes ? { tiles: { indexCacheBytes: config.indexCacheBytes } } : {}),
  });
}
