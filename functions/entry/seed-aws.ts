/**
 * Loads a deployed stack's first data: every dataset's record, its prepared boundary sets (S3,
 * `boundaries/<set>/…`) and the rounds its manifest lists (DynamoDB), from the data folder, through the same
 * `seed()` (functions/ingest/seed.ts) as `npm start`. Idempotent: what is already stored (same version) is
 * not written again.
 *
 *   TABLE_NAME=<TableName output> BUCKET_NAME=<DataBucketName output> AWS_REGION=<region> \
 *     [AWS_PROFILE=…] [DTM_DATA_DIR=../shared/data] npx tsx functions/entry/seed-aws.ts
 *
 * Credentials come from the SDK's default chain (profile, SSO, environment). Later rounds go through the
 * ingest function instead: upload them under `incoming/<dataset>/` (docs/deploy.md).
 */

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDatasetManifests } from '../../geodata/datasets/index.ts';
import { type SeedSummary, seed } from '../ingest/seed.ts';
import { seedContext } from '../ingest/seed-context.ts';
import { createDocumentClient, createS3Client } from '../store/clients.ts';
import { DynamoCatalog } from '../store/dynamo-catalog.ts';
import { S3Boundaries } from '../store/s3-boundaries.ts';
import { S3Context } from '../store/s3-context.ts';
import { dataDirFromEnv, dataFolder } from './data-folder.ts';
import { lambdaConfigFromEnv } from './lambda-config.ts';

/** Seeds the table and bucket named in `env` (the variables the functions use, endpoints included). */
export async function seedDeployment(
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = console.log,
): Promise<SeedSummary> {
  const config = lambdaConfigFromEnv(env);
  const dataDir = dataDirFromEnv(env);
  log(
    `seeding table ${config.tableName} and bucket ${config.bucketName} (${config.aws.region}) from ${dataDir}`,
  );
  const catalog = new DynamoCatalog(createDocumentClient(config.aws), config.tableName);
  const s3 = createS3Client(config.aws);
  const boundaries = new S3Boundaries(s3, config.bucketName);
  const manifests = await loadDatasetManifests();
  const folder = dataFolder(dataDir);
  const summary = await seed(manifests, folder, catalog, boundaries, log);
  await seedContext(manifests, folder.readRoundFile, new S3Context(s3, config.bucketName), log);
  return summary;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  seedDeployment().then(
    (summary) => {
      console.log(
        `done: ${summary.boundarySets.length} boundary set(s), ${summary.rounds.length} round(s) ` +
          `(${summary.rounds.filter((r) => r.outcome === 'published').length} newly published)`,
      );
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
