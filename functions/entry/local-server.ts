/**
 * `npm start`: the whole service on one port. Starts the embedded DynamoDB and S3 (data under `.data/`),
 * seeds them from the data folder through the ingest code (boundaries the data folder lacks come from
 * `geodata/shipped/`), builds the web front end if needed, and serves the same HTTP app as the Lambda
 * functions. Without the data folder it starts with the boundaries and no rounds, and says how to get
 * figures. Environment: HOST, PORT, DTM_DATA_DIR, DTM_STATE_DIR, DTM_API_KEY,
 * DTM_INDEX_CACHE_MB.
 */

import { createServer } from 'node:http';
import { loadDatasetManifests } from '../../geodata/datasets/index.ts';
import { createApp } from '../http/app.ts';
import { listDatasetManifests } from '../ingest/dataset-manifests.ts';
import { type SeedSummary, seed } from '../ingest/seed.ts';
import { seedContext } from '../ingest/seed-context.ts';
import { publishEndpoints, withdrawEndpoints } from '../local/endpoints.ts';
import { nodeListener } from '../local/node-listener.ts';
import { type StandIns, startStandIns } from '../local/standins.ts';
import { staticFiles } from '../local/static-files.ts';
import { ensureWebBuild } from '../local/web-build.ts';
import { createDocumentClient, createS3Client } from '../store/clients.ts';
import { DynamoCatalog } from '../store/dynamo-catalog.ts';
import { S3Boundaries } from '../store/s3-boundaries.ts';
import { S3Context } from '../store/s3-context.ts';
import { S3Packs } from '../store/s3-packs.ts';
import { S3Registry } from '../store/s3-registry.ts';
import { dataDirFromEnv, dataFolder, stateDirFromEnv } from './data-folder.ts';
import {
  dataFolderState,
  datasetsWithoutRounds,
  howToGetFigures,
  missingDataFolderMessage,
} from './fresh-start.ts';
import { indexCacheFromEnv } from './lambda-config.ts';
import { loadSqlJs } from './sql-wasm.ts';
import { syncOnStart } from './sync-settings.ts';
import { loadThumbnailAssets } from './thumbnail-assets.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 8080);
const dataDir = dataDirFromEnv();
const stateDir = stateDirFromEnv();

async function main(): Promise<void> {
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`PORT must be a port number, got "${process.env.PORT}"`);
  const indexCache = readIndexCacheSetting();
  const folder = await dataFolderState(dataDir, process.env);
  if (folder === null) fail(missingDataFolderMessage(dataDir));
  if (folder === 'absent')
    console.log(`no data folder at ${dataDir}: starting with the boundaries shipped in geodata/shipped/`);
  const started = Date.now();
  const standIns = await startStandIns({ dataDir: stateDir });
  const catalog = new DynamoCatalog(createDocumentClient(standIns.aws), standIns.tableName);
  const s3 = createS3Client(standIns.aws);
  const boundaries = new S3Boundaries(s3, standIns.bucketName);
  const context = new S3Context(s3, standIns.bucketName);
  let ready = false;
  const web = staticFiles();
  const app = createApp({
    catalog,
    boundaries,
    // JavaScript, CSS and HTML compressed (brotli or gzip) as the CDN sends them.
    staticFiles: web,
    compressText: true,
    ready: () => ready,
    // Locally, a round published by the ingest CLI should show on the next request.
    data: { metadataTtlMs: 1000 },
    tiles: indexCache,
    // Offline packs, built on demand and kept in the embedded S3 under packs/ (.data/).
    packs: { store: new S3Packs(s3, standIns.bucketName), sql: loadSqlJs },
    context,
    // oEmbed's thumbnails: resvg's WebAssembly and the fonts from node_modules, loaded as on AWS.
    thumbnails: loadThumbnailAssets,
  });
  await serve(app, standIns);
  try {
    const manifests = await loadDatasetManifests();
    const [, summary] = await Promise.all([
      ensureWebBuild(),
      seed(manifests, dataFolder(dataDir), catalog, boundaries),
      seedContext(manifests, dataFolder(dataDir).readRoundFile, context),
    ]);
    reportChangedFiles(summary);
    // With DTM_API_KEY set, follow the DTM API at once (never throws: a failed sync is logged).
    const registry = new S3Registry(s3, standIns.bucketName);
    await syncOnStart(
      { catalog, boundaries },
      { manifests: await listDatasetManifests({ registry, bundled: manifests }), dataDir },
    );
    const without = await datasetsWithoutRounds(catalog);
    if (without.length > 0) console.log(howToGetFigures(without, dataDir));
  } catch (error) {
    console.error(`seeding failed: ${(error as Error).message}`);
    await standIns.close();
    process.exit(1);
  }
  ready = true;
  // In the background: the first map view then finds its tiles built.
  app.warm().catch((error: Error) => console.error(`warming tiles failed: ${error.message}`));
  web.warm().catch((error: Error) => console.error(`compressing the web files failed: ${error.message}`));
  printReady(started);
}

/** Where the service answers, once seeded. */
function printReady(started: number): void {
  console.log(`DTM Atlas ready in ${((Date.now() - started) / 1000).toFixed(1)} s: http://${host}:${port}/`);
  console.log(`  tiles    http://${host}:${port}/tiles/{dataset}/{round}/{z}/{x}/{y}.mvt`);
  console.log(`  API      http://${host}:${port}/api/v1/datasets`);
}

/** `DTM_INDEX_CACHE_MB` as the tile service takes it; stops with the reason when it is not a number. */
function readIndexCacheSetting(): ReturnType<typeof indexCacheFromEnv> {
  try {
    return indexCacheFromEnv();
  } catch (error) {
    fail((error as Error).message);
  }
}

/** Repeats, after the seeding log, the files that were not seeded because their bytes changed. */
function reportChangedFiles(summary: SeedSummary): void {
  if (summary.changed.length === 0) return;
  console.error(
    `dtm-atlas: ${summary.changed.length} file(s) differ from their manifest's sha256 and were not seeded ` +
      '(what was stored from them before is kept):',
  );
  for (const { file, expected, actual } of summary.changed)
    console.error(`  ${file}: expected sha256 ${expected}, found ${actual}`);
}

/**
 * Listens (answering 503 until seeding is done), tells the ingest CLI where the stand-ins are, and shuts
 * everything down on SIGINT or SIGTERM.
 */
async function serve(app: ReturnType<typeof createApp>, standIns: StandIns): Promise<void> {
  const server = createServer(nodeListener(app)).listen(port, host);
  server.once('error', async (error: NodeJS.ErrnoException) => {
    await withdrawEndpoints(stateDir);
    await standIns.close();
    if (error.code === 'EADDRINUSE')
      fail(
        `port ${port} on ${host} is already in use; stop the other process or set PORT, e.g. PORT=8081 npm start`,
      );
    fail(`cannot listen on ${host}:${port}: ${error.message}`);
  });
  server.once('listening', () => console.log(`listening on http://${host}:${port} (starting…)`));

  await publishEndpoints(stateDir, {
    pid: process.pid,
    aws: standIns.aws,
    tableName: standIns.tableName,
    bucketName: standIns.bucketName,
  });
  const shutdown = async () => {
    server.close();
    await withdrawEndpoints(stateDir);
    await standIns.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

function fail(message: string): never {
  console.error(`dtm-atlas: ${message}`);
  process.exit(1);
}

await main();
