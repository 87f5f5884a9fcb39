/**
 * Load test (issue 7): mixed traffic against the real app on 127.0.0.1 — tiles across zooms and rounds,
 * TileJSON, styles, API figures and series, the page and its assets — at rising concurrency up to 256
 * connections, a bounded 5 s per step. Reports requests/s, p50/p99/max latency, errors and the server's peak
 * memory with its caches full.  Run: npx tsx bench/load.ts (needs Debian's wrk).
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { tilesCovering } from '../functions/core/mercator.ts';
import { nodeListener } from '../functions/local/node-listener.ts';
import { WEB_DIST } from '../functions/local/paths.ts';
import { ensureWebBuild } from '../functions/local/web-build.ts';
import { startSeededService } from '../test/helpers/service.ts';
import { runWrk } from './wrk.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
await ensureWebBuild(() => {});
const work = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-load-'));
const service = await startSeededService({ staticFiles: serveStatic({ root: WEB_DIST }) });
// Served as `npm start` serves it.
const server = createServer(nodeListener(service.app)).listen(0, '127.0.0.1');
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

const bbox: [number, number, number, number] = [-12.24, 10.14, 4.24, 25.0];
const paths: string[] = [];
for (const round of ['72', 'latest', '2014-06', '2013-01']) {
  for (const z of [3, 5, 6, 7, 8, 9, 10]) {
    for (const [x, y] of tilesCovering(bbox, z).filter((_, i) => i % (z + 1) === 0))
      paths.push(`/tiles/mli/${round}/${z}/${x}/${y}.mvt`);
  }
}
for (const round of ['72', '2014-06']) {
  paths.push(
    `/tiles/mli/${round}/tiles.json`,
    `/styles/mli/${round}/style.json`,
    `/styles/mli/${round}/style.json?indicator=idps_ind_change&lang=fr`,
  );
  for (const level of ['adm1', 'adm2', 'adm3'])
    paths.push(`/api/v1/datasets/mli/rounds/${round}/figures?level=${level}`);
}
paths.push(
  '/api/v1/datasets/mli/rounds',
  '/api/v1/datasets/mli/areas/MLI007/series',
  '/api/v1/datasets/mli/areas/ML0602/series',
  '/tiles',
  '/',
);
for (const asset of await readdir(path.join(WEB_DIST, 'assets')).catch(() => []))
  paths.push(`/assets/${asset}`);
// Shuffle deterministically so one connection does not walk one kind of request.
paths.sort(
  (a, b) =>
    ((a.length * 7919 + a.charCodeAt(a.length - 1)) % 97) -
    ((b.length * 7919 + b.charCodeAt(b.length - 1)) % 97),
);

// Warm every cache once, as a running service would be.
for (const p of paths) await (await fetch(`${origin}${p}`)).arrayBuffer();

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const rows = [];
for (const connections of [8, 32, 64, 128, 256]) {
  const result = await runWrk(origin, paths, work, 5, connections);
  rows.push({ connections, ...result });
  process.stdout.write(`${JSON.stringify(rows.at(-1))}\n`);
}
clearInterval(sampler);
const summary = { paths: paths.length, peakRssMb: Math.round(peakRss / 1024 / 1024), rows };
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
await writeFile(path.join(import.meta.dirname, 'load-results.json'), `${JSON.stringify(summary, null, 2)}\n`);
server.close();
await service.close();
await rm(work, { recursive: true, force: true });
process.exit(0);
