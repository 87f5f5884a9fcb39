/**
 * Scale bench (issue 13): one process serving many datasets. Mali and Haiti plus synthetic copies of them
 * (bench/synthetic-datasets.ts; 50 datasets by default) are seeded once through the ingest code into
 * stand-ins with a temporary state folder; then the server (bench/datasets-server.ts, the Lambda's app in a
 * process of its own) is started twice on them, with the default geometry-index budget and with an unbounded
 * one (the baseline), and in each:
 *   1. first-tile latency: for several datasets none of whose indexes is built, the first tile near the
 *      middle of the country, against tiles next to it once the indexes are built (warm) and against the
 *      same tile again (encoded, cached); medians over the datasets;
 *   2. a client walks every tile z0–8 covering each dataset's country (latest round, 6 requests in flight),
 *      dataset after dataset; the server's peak resident memory (VmHWM) is read at the end.
 * Run: npm run bench:datasets [-- --datasets N]  (writes bench/datasets-results.json; N from 2 to 50).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { tilesCovering } from '../functions/core/mercator.ts';
import { latestRound } from '../functions/core/rounds.ts';
import { dataFolder } from '../functions/entry/data-folder.ts';
import { seed } from '../functions/ingest/seed.ts';
import { startStandIns } from '../functions/local/standins.ts';
import { createDocumentClient, createS3Client } from '../functions/store/clients.ts';
import { DynamoCatalog } from '../functions/store/dynamo-catalog.ts';
import { S3Boundaries } from '../functions/store/s3-boundaries.ts';
import { loadDatasetFolder } from '../geodata/datasets/folder.ts';
import { datasetIds, sharedPreparation, writeDatasetFolder } from './synthetic-datasets.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const DATA_DIR = path.resolve(import.meta.dirname, '..', process.env.DTM_DATA_DIR ?? '../shared/data');
const countArg = process.argv.indexOf('--datasets');
const COUNT = countArg > 0 ? Number(process.argv[countArg + 1]) : 50;
if (!Number.isInteger(COUNT) || COUNT < 2 || COUNT > 50) throw new Error('--datasets takes 2 to 50');
const MAX_ZOOM = 8;
const IN_FLIGHT = 6;
const PROBES = 8;
/** The unbounded baseline: 1 TiB of indexes, more than any walk here builds. */
const UNBOUNDED_MB = '1048576';
const log = (line: string) => process.stdout.write(`${line}\n`);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

interface Dataset {
  id: string;
  bbox: [number, number, number, number];
}
type Tile = [z: number, x: number, y: number];

const loadAtStart = loadavg();
const work = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-datasets-'));
const ids = datasetIds(COUNT);
await writeDatasetFolder(path.join(work, 'datasets'), ids);
const standIns = await startStandIns({ dataDir: path.join(work, 'state') });
const catalog = new DynamoCatalog(createDocumentClient(standIns.aws), standIns.tableName);
const boundaries = new S3Boundaries(createS3Client(standIns.aws), standIns.bucketName);
const seedStarted = performance.now();
const manifests = await loadDatasetFolder(path.join(work, 'datasets'));
const seeded = await seed(manifests, sharedPreparation(dataFolder(DATA_DIR)), catalog, boundaries, () => {});
const seedSeconds = (performance.now() - seedStarted) / 1000;
log(`seeded ${COUNT} datasets (${seeded.rounds.length} rounds) in ${seedSeconds.toFixed(1)} s`);

const datasets: Dataset[] = [];
for (const id of ids) {
  const round = latestRound(await catalog.listRounds(id), id);
  const set = await boundaries.getManifest(round.boundarySet);
  if (!set) throw new Error(`boundary set ${round.boundarySet} missing`);
  datasets.push({ id, bbox: set.bbox });
}

const bundle = path.join(work, 'server.mjs');
await build({
  entryPoints: [path.join(import.meta.dirname, 'datasets-server.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: bundle,
  banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  logLevel: 'silent',
});

/** Starts the server process on the stand-ins; resolves once it listens. */
async function startServer(indexCacheMb?: string): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, [bundle], {
    env: {
      ...process.env,
      TABLE_NAME: standIns.tableName,
      BUCKET_NAME: standIns.bucketName,
      DYNAMODB_ENDPOINT: standIns.aws.dynamoEndpoint,
      S3_ENDPOINT: standIns.aws.s3Endpoint,
      ...(indexCacheMb ? { DTM_INDEX_CACHE_MB: indexCacheMb } : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()).port));
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return { child, origin: `http://127.0.0.1:${port}` };
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Peak and current resident memory of a process, in MB (`/proc/<pid>/status`). */
function memoryOf(pid: number): { peakRssMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { peakRssMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

/** Fetches one tile as a map would (gzip accepted), body read; milliseconds and status. */
async function getTile(origin: string, id: string, [z, x, y]: Tile): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const response = await fetch(`${origin}/tiles/${id}/latest/${z}/${x}/${y}.mvt`, {
    headers: { 'Accept-Encoding': 'gzip' },
  });
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}

/** The tile of the country's middle at the first zoom with at least 3 tiles over it, and 3 others there. */
function probeTiles({ bbox }: Dataset): { first: Tile; others: Tile[] } {
  const z = [6, 7, 8].find((zoom) => tilesCovering(bbox, zoom).length >= 3) ?? MAX_ZOOM;
  const middle: [number, number] = [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2];
  const [mx, my] = tilesCovering([...middle, ...middle], z)[0] as [number, number];
  const others = tilesCovering(bbox, z)
    .filter(([x, y]) => x !== mx || y !== my)
    .sort(([ax, ay], [bx, by]) => Math.hypot(ax - mx, ay - my) - Math.hypot(bx - mx, by - my))
    .slice(0, 3);
  return { first: [z, mx, my], others: others.map(([x, y]) => [z, x, y] as Tile) };
}

/** First tile of a dataset with nothing built, then warm tiles beside it, then the first tile again. */
async function probe(origin: string, dataset: Dataset) {
  const { first, others } = probeTiles(dataset);
  const cold = await getTile(origin, dataset.id, first);
  const warm = [];
  for (const tile of others) warm.push(await getTile(origin, dataset.id, tile));
  const served = warm.filter((w) => w.status === 200);
  const cached = await getTile(origin, dataset.id, first);
  return {
    dataset: dataset.id,
    zoom: first[0],
    coldMs: cold.ms,
    warmMs: median((served.length ? served : warm).map((w) => w.ms)),
    cachedMs: cached.ms,
  };
}

/** Every tile z0–8 over each dataset's country, dataset after dataset, IN_FLIGHT requests at a time. */
async function walk(origin: string): Promise<{ tiles: number; failed: number; seconds: number }> {
  const started = performance.now();
  let tiles = 0;
  let failed = 0;
  for (const dataset of datasets) {
    const queue: Tile[] = [];
    for (let z = 0; z <= MAX_ZOOM; z++)
      for (const [x, y] of tilesCovering(dataset.bbox, z)) queue.push([z, x, y]);
    tiles += queue.length;
    const worker = async () => {
      for (let tile = queue.shift(); tile; tile = queue.shift()) {
        const { status } = await getTile(origin, dataset.id, tile);
        if (status !== 200 && status !== 204) failed++;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  }
  return { tiles, failed, seconds: (performance.now() - started) / 1000 };
}

/** One server run: latency probes on datasets not yet touched, then the walk, then its memory. */
async function run(label: string, indexCacheMb?: string) {
  const { child, origin } = await startServer(indexCacheMb);
  // The first requests of a process pay for the JIT: Mali is touched once first and not counted.
  await probe(origin, datasets[0] as Dataset);
  // Spread over the list, an odd step apart so that copies of Mali and of Haiti alternate.
  const step = Math.max(1, Math.floor((COUNT - 1) / PROBES));
  const probed = datasets.slice(1).filter((_, i) => i % (step % 2 ? step : step - 1) === 0);
  const probes = [];
  for (const dataset of probed.slice(0, PROBES)) probes.push(await probe(origin, dataset));
  const walked = await walk(origin);
  const memory = memoryOf(child.pid as number);
  await stopServer(child);
  const result = {
    label,
    indexCacheMb: indexCacheMb ?? 'default',
    ...memory,
    walk: { ...walked, tilesPerSecond: walked.tiles / walked.seconds },
    firstTile: {
      coldMs: median(probes.map((p) => p.coldMs)),
      warmMs: median(probes.map((p) => p.warmMs)),
      cachedMs: median(probes.map((p) => p.cachedMs)),
      coldOverWarm: median(probes.map((p) => p.coldMs / p.warmMs)),
      coldOverCached: median(probes.map((p) => p.coldMs / p.cachedMs)),
      probes,
    },
  };
  log(`${label}: ${JSON.stringify({ ...result, firstTile: { ...result.firstTile, probes: undefined } })}`);
  return result;
}

const bounded = await run('default budget');
const unbounded = await run('unbounded', UNBOUNDED_MB);
await standIns.close();
await rm(work, { recursive: true, force: true });

const results = {
  date: new Date().toISOString(),
  machine: `${cpus().length} cores, node ${process.version}, ${execFileSync('uname', ['-r']).toString().trim()}`,
  loadAverage: { atStart: loadAtStart.map((l) => +l.toFixed(2)), atEnd: loadavg().map((l) => +l.toFixed(2)) },
  datasets: COUNT,
  seed: { seconds: seedSeconds, rounds: seeded.rounds.length },
  runs: [bounded, unbounded],
  peakRssRatio: bounded.peakRssMb / unbounded.peakRssMb,
};
log(JSON.stringify(results, null, 2));
// Only the full run is kept: the README's figures come from it.
if (COUNT === 50)
  await writeFile(
    path.join(import.meta.dirname, 'datasets-results.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
process.exit(0);
