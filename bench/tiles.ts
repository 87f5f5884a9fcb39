/**
 * Tile benchmarks (issue 4), all measured in one run on this machine and reported as ratios:
 *   1. tile generation with the join, cold index, Mali adm3, every tile z0–10 meeting Mali: DTM Atlas core vs
 *      PostGIS ST_AsMVT(ST_AsMVTGeom(...)) on one connection;
 *   2. tile sizes (gzip) for the same tiles;
 *   3. cached tiles over HTTP through the real app vs nginx serving the same bytes as static files (wrk);
 *   4. cold start: a new process to its first z10 tile, beside a bare `node -e 0`, and peak memory.
 * Run: npm run bench (installs nothing; needs Debian's postgresql-15-postgis-3, nginx and wrk).
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { joinAreaProperties } from '../functions/core/area-properties.ts';
import { featureIdForPcode } from '../functions/core/feature-id.ts';
import { tilesCovering } from '../functions/core/mercator.ts';
import { buildGeometryIndex, cutTile } from '../functions/core/tile-cut.ts';
import { bandTop } from '../functions/core/tileset.ts';
import type { AreaFigures, AreaProperties } from '../functions/core/types.ts';
import { dataFolder } from '../functions/entry/data-folder.ts';
import { createApp } from '../functions/http/app.ts';
import { seed } from '../functions/ingest/seed.ts';
import { nodeListener } from '../functions/local/node-listener.ts';
import { startStandIns } from '../functions/local/standins.ts';
import { createDocumentClient, createS3Client } from '../functions/store/clients.ts';
import { DynamoCatalog } from '../functions/store/dynamo-catalog.ts';
import { S3Boundaries } from '../functions/store/s3-boundaries.ts';
import { findDatasetManifest } from '../geodata/datasets/index.ts';
import { normaliseLevel } from '../geodata/normalize.ts';
import { startNginx } from './nginx.ts';
import { startPostgis } from './postgis.ts';
import { type LoadResult, runWrk } from './wrk.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const DATA_DIR = path.resolve(import.meta.dirname, '..', process.env.DTM_DATA_DIR ?? '../shared/data');
const ZOOMS = Array.from({ length: 11 }, (_, z) => z);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const log = (line: string) => process.stdout.write(`${line}\n`);

const work = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-bench-'));
// PostgreSQL runs as its own user and must be able to reach its data folder inside.
await chmod(work, 0o755);
const standIns = await startStandIns();
const catalog = new DynamoCatalog(createDocumentClient(standIns.aws), standIns.tableName);
const boundaries = new S3Boundaries(createS3Client(standIns.aws), standIns.bucketName);
const mali = findDatasetManifest('mli');
if (!mali) throw new Error('no mli manifest');
await seed([mali], dataFolder(DATA_DIR), catalog, boundaries, () => {});
const round = await catalog.getRound('mli', '72');
if (!round) throw new Error('round 72 missing');
const round72 = round;
const set = await boundaries.getManifest('mli-codab-2021');
if (!set) throw new Error('boundaries missing');
const topology = await boundaries.getTopology(set);
const adm3Areas = (topology.objects.adm3?.geometries ?? []).map((g) => g.properties as AreaProperties);
const figures = (await catalog.getFigures('mli', '72', round.version)).filter((f) => f.level === 3);
const figureMap = new Map<string, AreaFigures>(figures.map((f) => [f.pcode, f]));
const tiles = ZOOMS.flatMap((z) => tilesCovering(set.bbox, z).map(([x, y]) => ({ z, x, y })));
log(`${tiles.length} tiles z0–10 meeting Mali's bounding box`);

// 1. DTM Atlas: cold geometry index per zoom band + join + encode + gzip, adm3 only. Every pass starts from
// nothing cached (new indexes, a new join), as after a boundary set is replaced.
function oursPass(): { seconds: number; sizes: Map<string, number> } {
  const sizes = new Map<string, number>();
  const started = performance.now();
  const properties = joinAreaProperties(adm3Areas, figureMap, round72);
  const indexes = new Map<number, ReturnType<typeof buildGeometryIndex>>();
  for (const z of ZOOMS) {
    // As the tile service does: one index per zoom band, built on first use.
    let index = indexes.get(bandTop(z));
    if (!index) {
      index = buildGeometryIndex(topology, 'adm3', z);
      indexes.set(bandTop(z), index);
    }
    for (const tile of tiles.filter((t) => t.z === z)) {
      const pbf = cutTile([{ name: 'adm3', index, properties }], tile);
      if (pbf) sizes.set(`${tile.z}/${tile.x}/${tile.y}`, gzipSync(pbf).byteLength);
    }
  }
  return { seconds: (performance.now() - started) / 1000, sizes };
}

// PostGIS: the same communes at full resolution, the same figures, one connection, one query per tile.
const pgDir = path.join(work, 'pg');
await mkdir(pgDir);
const postgis = await startPostgis(pgDir, 54329);
log('PostGIS started');
const db = postgis.client;
await db.query(`CREATE TABLE adm3 (pcode text PRIMARY KEY, id bigint, name text, parent text, geom geometry(MultiPolygon, 3857));
  CREATE TABLE figures (pcode text PRIMARY KEY, idps_ind int, idps_hh int, returnees_ind int, returnees_hh int)`);
const source = mali.boundarySets[0]?.levels.find((l) => l.level === 3);
if (!source) throw new Error('no adm3 source');
const areas = normaliseLevel(
  JSON.parse(await readFile(path.join(DATA_DIR, source.file), 'utf8')),
  source,
  undefined,
);
for (const area of areas) {
  await db.query(
    'INSERT INTO adm3 VALUES ($1, $2, $3, $4, ST_Multi(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($5), 4326), 3857)))',
    [
      area.properties.pcode,
      featureIdForPcode(area.properties.pcode),
      area.properties.name,
      area.properties.parent,
      JSON.stringify(area.geometry),
    ],
  );
}
for (const f of figures) {
  await db.query('INSERT INTO figures VALUES ($1, $2, $3, $4, $5)', [
    f.pcode,
    f.idps_ind,
    f.idps_hh,
    f.returnees_ind,
    f.returnees_hh,
  ]);
}
await db.query('CREATE INDEX ON adm3 USING gist (geom); ANALYZE');
log('PostGIS loaded');
const query = {
  name: 'tile',
  // The same attributes and feature ids as DTM Atlas tiles, so sizes compare like for like.
  text: `SELECT ST_AsMVT(q, 'adm3', 4096, 'geom', 'id') AS mvt FROM (
      SELECT a.id, a.pcode, a.name, 'adm3' AS level, a.parent, '72' AS round, '2021-09-30' AS date,
             CASE WHEN f.pcode IS NULL THEN 'no_data' ELSE 'reported' END AS status,
             f.idps_ind, f.idps_hh, f.returnees_ind, f.returnees_hh,
             ST_AsMVTGeom(a.geom, ST_TileEnvelope($1, $2, $3), 4096, 64, true) AS geom
      FROM adm3 a LEFT JOIN figures f USING (pcode)
      WHERE a.geom && ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096)) q`,
};
async function postgisPass(): Promise<{ seconds: number; sizes: Map<string, number> }> {
  const sizes = new Map<string, number>();
  const started = performance.now();
  for (const tile of tiles) {
    const { rows } = await db.query({ ...query, values: [tile.z, tile.x, tile.y] });
    const mvt = rows[0]?.mvt as Buffer | null;
    if (mvt && mvt.byteLength > 0) sizes.set(`${tile.z}/${tile.x}/${tile.y}`, gzipSync(mvt).byteLength);
  }
  return { seconds: (performance.now() - started) / 1000, sizes };
}

// The first pass of each runs with a cold JIT (ours) and cold plan and buffer caches (PostGIS): reported apart.
// Then PASSES more of each, interleaved so that the machine's noise falls on both alike; medians compared.
const PASSES = 5;
const firstOurs = oursPass();
const firstTheirs = await postgisPass();
log(`first pass: DTM Atlas ${firstOurs.seconds.toFixed(2)} s, PostGIS ${firstTheirs.seconds.toFixed(2)} s`);
const oursRuns: number[] = [];
const theirRuns: number[] = [];
for (let pass = 0; pass < PASSES; pass++) {
  oursRuns.push(oursPass().seconds);
  theirRuns.push((await postgisPass()).seconds);
}
const ours = firstOurs.sizes;
const theirs = firstTheirs.sizes;
const oursSeconds = median(oursRuns);
const postgisSeconds = median(theirRuns);
log(`DTM Atlas: ${tiles.length} adm3 tiles in ${oursSeconds.toFixed(2)} s (median of ${PASSES})`);
log(`PostGIS: ${tiles.length} tiles in ${postgisSeconds.toFixed(2)} s (median of ${PASSES})`);
await postgis.stop();

const generation = {
  passes: PASSES,
  oursTilesPerSecond: tiles.length / oursSeconds,
  postgisTilesPerSecond: tiles.length / postgisSeconds,
  oursRunsSeconds: oursRuns,
  postgisRunsSeconds: theirRuns,
  firstPass: {
    oursTilesPerSecond: tiles.length / firstOurs.seconds,
    postgisTilesPerSecond: tiles.length / firstTheirs.seconds,
    ratio: firstTheirs.seconds / firstOurs.seconds,
  },
};
const both = [...ours.keys()].filter((key) => theirs.has(key));
const sizeRatios = both.map((key) => (ours.get(key) ?? 0) / (theirs.get(key) ?? 1));
const sizes = {
  tilesCompared: both.length,
  oursMedianBytes: median(both.map((k) => ours.get(k) ?? 0)),
  postgisMedianBytes: median(both.map((k) => theirs.get(k) ?? 0)),
  medianRatio: median(sizeRatios),
  oursMaxBytes: Math.max(...ours.values()),
  postgisMaxBytes: Math.max(...theirs.values()),
};

// 3. Cached tiles over HTTP: the real app (all layers, routing, headers, ETag, gzip) vs nginx on the same bytes.
const app = createApp({ catalog, boundaries });
const server = createServer(nodeListener(app)).listen(0, '127.0.0.1');
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const appOrigin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const staticRoot = path.join(work, 'static');
const paths: string[] = [];
for (const tile of tiles) {
  const url = `/tiles/mli/72/${tile.z}/${tile.x}/${tile.y}.mvt`;
  const response = await fetch(`${appOrigin}${url}`, { headers: { 'Accept-Encoding': 'gzip' } });
  if (response.status !== 200) continue;
  // fetch decompresses; store the app's own gzip bytes by re-requesting raw through node:http semantics.
  const file = path.join(staticRoot, url);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, gzipSync(new Uint8Array(await response.arrayBuffer()), { level: 6 }));
  paths.push(url);
}
log(`${paths.length} tiles written for nginx`);
const nginxPort = 54380;
const nginx = await startNginx(staticRoot, work, nginxPort);
// Interleaved rounds (app, nginx, app, nginx…) so the machine's noise falls on both alike; the median round
// of each is reported.
const HTTP_ROUNDS = 3;
const appRounds: LoadResult[] = [];
const nginxRounds: LoadResult[] = [];
for (let i = 0; i < HTTP_ROUNDS; i++) {
  appRounds.push(await runWrk(appOrigin, paths, work, 5));
  nginxRounds.push(await runWrk(`http://127.0.0.1:${nginxPort}`, paths, work, 5));
}
server.close();
await nginx.stop();
const medianRound = (rounds: LoadResult[]) =>
  [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[
    Math.floor(rounds.length / 2)
  ] as LoadResult;
const appLoad = medianRound(appRounds);
const nginxLoad = medianRound(nginxRounds);
log(`app: ${JSON.stringify(appLoad)}`);
log(`nginx: ${JSON.stringify(nginxLoad)}`);

// 4. Cold start: a bundled entry (as Lambda runs it) in a new process, to its first z10 tile.
const bundle = path.join(work, 'cold.mjs');
await build({
  entryPoints: [path.join(import.meta.dirname, 'cold-start-entry.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: bundle,
  banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  logLevel: 'silent',
});
const z10 = tiles.find((t) => t.z === 10 && ours.has(`10/${t.x}/${t.y}`)) ?? { z: 10, x: 497, y: 475 };
const env = {
  ...process.env,
  TABLE_NAME: standIns.tableName,
  BUCKET_NAME: standIns.bucketName,
  DYNAMODB_ENDPOINT: standIns.aws.dynamoEndpoint,
  S3_ENDPOINT: standIns.aws.s3Endpoint,
  BENCH_TILE_PATH: `/tiles/mli/72/${z10.z}/${z10.x}/${z10.y}.mvt`,
};
// Asynchronous: the stand-ins the new process reads from run in this process.
const timeRun = async (args: string[]) => {
  const t0 = performance.now();
  const { stdout } = await promisify(execFile)(process.execPath, args, { env, encoding: 'utf8' });
  return { ms: performance.now() - t0, out: stdout };
};
const coldRuns = [];
const bareRuns = [];
for (let i = 0; i < 5; i++) {
  coldRuns.push(await timeRun([bundle]));
  bareRuns.push(await timeRun(['-e', '0']));
}
const coldDetails = coldRuns.map((r) => JSON.parse(r.out.trim().split('\n').pop() ?? '{}'));
const coldStart = {
  firstTileMs: median(coldRuns.map((r) => r.ms)),
  bareNodeMs: median(bareRuns.map((r) => r.ms)),
  peakRssMb: Math.max(...coldDetails.map((d) => d.maxRssKb / 1024)),
  status: coldDetails[0]?.status,
};

await standIns.close();
await rm(work, { recursive: true, force: true });

const results = {
  date: new Date().toISOString(),
  machine: `${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores, node ${process.version}`,
  tiles: tiles.length,
  generation: { ...generation, ratio: generation.oursTilesPerSecond / generation.postgisTilesPerSecond },
  sizes,
  http: {
    app: appLoad,
    nginx: nginxLoad,
    ratio: appLoad.requestsPerSecond / nginxLoad.requestsPerSecond,
    rounds: appRounds.map((round, i) => ({
      app: round.requestsPerSecond,
      nginx: nginxRounds[i]?.requestsPerSecond,
    })),
  },
  coldStart: { ...coldStart, ratio: coldStart.firstTileMs / coldStart.bareNodeMs },
};
log(JSON.stringify(results, null, 2));
await writeFile(path.join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
process.exit(0);
