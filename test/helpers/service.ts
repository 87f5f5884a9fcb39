import { dataDirFromEnv, dataFolder } from '../../functions/entry/data-folder.ts';
import { loadSqlJs } from '../../functions/entry/sql-wasm.ts';
import { loadThumbnailAssets } from '../../functions/entry/thumbnail-assets.ts';
import { type AppDependencies, createApp } from '../../functions/http/app.ts';
import { type SeedSummary, seed } from '../../functions/ingest/seed.ts';
import { seedContext } from '../../functions/ingest/seed-context.ts';
import { type StandIns, startStandIns } from '../../functions/local/standins.ts';
import { createDocumentClient, createS3Client } from '../../functions/store/clients.ts';
import { DynamoCatalog } from '../../functions/store/dynamo-catalog.ts';
import { S3Boundaries } from '../../functions/store/s3-boundaries.ts';
import { S3Context } from '../../functions/store/s3-context.ts';
import { S3Packs } from '../../functions/store/s3-packs.ts';
import { loadDatasetManifests } from '../../geodata/datasets/index.ts';

/** The shared data folder, as CI lays it out (../shared/data beside the clone); DTM_DATA_DIR overrides. */
export const DATA_DIR = dataDirFromEnv();

export interface TestService {
  standIns: StandIns;
  catalog: DynamoCatalog;
  boundaries: S3Boundaries;
  seedSummary: SeedSummary;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

/**
 * Throw-away stand-ins (temporary folders, OS-chosen ports) seeded with the real data through the seeding code
 * (from `dataDir`: an empty folder gives the shipped boundaries and no rounds, as on a fresh clone).
 */
export async function startSeededService(
  options: Partial<AppDependencies> = {},
  dataDir = DATA_DIR,
): Promise<TestService> {
  const standIns = await startStandIns();
  const catalog = new DynamoCatalog(createDocumentClient(standIns.aws), standIns.tableName);
  const boundaries = new S3Boundaries(createS3Client(standIns.aws), standIns.bucketName);
  const seedSummary = await seed(
    await loadDatasetManifests(),
    dataFolder(dataDir),
    catalog,
    boundaries,
    () => {},
  );
  // Other publishers' context (IDMC) as npm start stores it.
  const context = new S3Context(createS3Client(standIns.aws), standIns.bucketName);
  await seedContext(await loadDatasetManifests(), dataFolder(dataDir).readRoundFile, context, () => {});
  // Offline packs, built when asked and kept in the stand-in bucket, as npm start has them.
  const packs = { store: new S3Packs(createS3Client(standIns.aws), standIns.bucketName), sql: loadSqlJs };
  // oEmbed's thumbnails, with resvg's WebAssembly and the fonts loaded as npm start and the Lambdas load them.
  const app = createApp({ catalog, boundaries, context, packs, thumbnails: loadThumbnailAssets, ...options });
  return { standIns, catalog, boundaries, seedSummary, app, close: () => standIns.close() };
}
