/**
 * The web page's first load, `npm run bench:web -- [--runs N, default 3] [--origin http://127.0.0.1:PORT]`: JS and CSS
 * bytes (decoded, as sent, gzip and brotli by node:zlib) and the time to the first choropleth in headless
 * chromium, on loopback (the baseline) and throttled to 1.6 Mbit/s down, 750 kbit/s up and 150 ms latency
 * (CDP `Network.emulateNetworkConditions`, Lighthouse's "slow 4G"), for `/` and `/embed/`.
 *
 * Starts `npm start` on a free loopback port with a throw-away state folder (it builds web/dist if needed and
 * seeds from the data folder), or measures a server already running at `--origin`. Each page: one load that
 * warms the server's caches, then N cold loads per condition (a fresh browser context each), loopback and
 * throttled interleaved. Prints Markdown tables and writes bench/web-results.json; nothing is asserted.
 */
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../functions/local/paths.ts';
import { launchBrowser } from '../test/helpers/browser.ts';
import { type Bytes, coldLoad, type Load, type Throttle } from './web-load.ts';
import { existingServer, startLocalServer } from './web-server.ts';

/** The goal the issue sets: the first choropleth within 5 s on the throttled link. */
const GOAL_MS = 5_000;
const SLOW_4G: Throttle = { name: 'throttled', downBps: 1_600_000, upBps: 750_000, latencyMs: 150 };
const INDICATOR = 'idps_ind';
const PAGES = [
  ['/', `/#dataset=mli&round=72&indicator=${INDICATOR}&lang=en`],
  ['/embed/', `/embed/#dataset=mli&round=72&indicator=${INDICATOR}&lang=en`],
] as const;
/** Rows of the byte table, and which of them are the page's code. */
const KINDS = ['HTML', 'JS', 'CSS', 'map worker (JS)', 'JSON (API, style, TileJSON)', 'tiles', 'glyphs'];
const CODE = ['JS', 'CSS', 'map worker (JS)'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${Math.round(n).toLocaleString('en')} ms`;

/** The JS and CSS rows of a load added up. */
function codeBytes(load: Load): Bytes {
  const total: Bytes = { files: 0, raw: 0, sent: 0, gzip: 0, brotli: 0, encodings: [] };
  for (const entry of CODE.map((k) => load.bytes[k]).filter((e): e is Bytes => e !== undefined)) {
    total.files += entry.files;
    total.raw += entry.raw;
    total.sent += entry.sent;
    total.gzip += entry.gzip;
    total.brotli += entry.brotli;
    for (const e of entry.encodings) if (!total.encodings.includes(e)) total.encodings.push(e);
  }
  return total;
}

function bytesRow(name: string, e: Bytes): string {
  const pct = (n: number) => `${Math.round((100 * n) / e.raw)} %`;
  return (
    `| ${name} | ${e.files} | ${kb(e.raw)} | ${kb(e.sent)} (${pct(e.sent)}) | ${e.encodings.join(', ')} | ` +
    `${kb(e.gzip)} (${pct(e.gzip)}) | ${kb(e.brotli)} (${pct(e.brotli)}) |`
  );
}

/** The tables of one page: times per condition against the loopback baseline, then the first load's bytes. */
function report(name: string, loopback: Load[], throttled: Load[]): void {
  const base = median(loopback.map((l) => l.firstChoropleth));
  console.log(`\n### \`${name}\` (${loopback.length} cold loads per condition, 1280×800)\n`);
  console.log(
    '| condition | first choropleth, median | min – max | ratio to loopback | first idle | DOMContentLoaded |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const [condition, loads] of [
    ['loopback (baseline)', loopback],
    ['1.6 Mbit/s, 150 ms', throttled],
  ] as const) {
    const times = loads.map((l) => l.firstChoropleth);
    console.log(
      `| ${condition} | **${ms(median(times))}** | ${ms(Math.min(...times))} – ${ms(Math.max(...times))} | ` +
        `${(median(times) / base).toFixed(1)}× | ${ms(median(loads.map((l) => l.firstIdle)))} | ` +
        `${ms(median(loads.map((l) => l.domContentLoaded)))} |`,
    );
  }
  const slow = median(throttled.map((l) => l.firstChoropleth));
  console.log(
    `\nGoal, first choropleth under ${GOAL_MS / 1000} s throttled: **${slow < GOAL_MS ? 'met' : 'not met'}** ` +
      `(${(slow / 1000).toFixed(1)} s).\n`,
  );
  console.log(
    '| resource | files | decoded | sent | Content-Encoding | gzip (node:zlib) | brotli (node:zlib) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  const first = loopback[0] as Load;
  for (const key of KINDS) {
    const entry = first.bytes[key];
    if (entry) console.log(bytesRow(key, entry));
  }
  console.log(bytesRow('**JS + CSS**', codeBytes(first)));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '3' }, origin: { type: 'string' } },
  });
  const runs = Number(values.runs);
  const server = values.origin ? existingServer(values.origin) : await startLocalServer();
  const browser = await launchBrowser();
  // The machine is shared: the load average says how busy it was around the figures.
  const loadBefore = loadavg()[0] as number;
  const results: Record<string, { loopback: Load[]; throttled: Load[] }> = {};
  try {
    for (const [name, hash] of PAGES) {
      const url = `${server.origin}${hash}`;
      await coldLoad(browser, url, INDICATOR); // warms the server's caches, not the browser's
      const loopback: Load[] = [];
      const throttled: Load[] = [];
      for (let i = 0; i < runs; i++) {
        loopback.push(await coldLoad(browser, url, INDICATOR));
        throttled.push(await coldLoad(browser, url, INDICATOR, SLOW_4G));
      }
      results[name] = { loopback, throttled };
      report(name, loopback, throttled);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const loadAverage = { before: loadBefore, after: loadavg()[0] as number };
  console.log(
    `\nLoad average (1 min): ${loadAverage.before.toFixed(1)} before, ${loadAverage.after.toFixed(1)} after.`,
  );
  const file = path.join(REPO_ROOT, 'bench', 'web-results.json');
  await writeFile(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), loadAverage, throttle: SLOW_4G, results }, null, 2)}\n`,
  );
  console.log(`\nwrote ${path.relative(REPO_ROOT, file)}`);
}

await main();
