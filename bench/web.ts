/**
 * The web page's first load: bytes of JS/CSS (raw and gzip) and time to the first rendered choropleth in
 * headless chromium, for `/` and `/embed/`. `npx tsx bench/web.ts [runs]` (default 5 cold loads per page).
 *
 * Builds web/dist if its sources are newer, starts throw-away stand-ins seeded with the real data (as the
 * browser tests do), serves the app on a loopback port, and loads each page in a fresh browser context (an
 * empty cache) at 1280×800. "First rendered choropleth" is the page's `dtm-atlas:choropleth` performance mark,
 * set at the map's first `idle` (style, tiles, glyphs loaded and drawn), measured from navigation start.
 * Prints a Markdown table; nothing is asserted.
 */
import { gzipSync } from 'node:zlib';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Browser } from 'playwright-core';
import { WEB_DIST } from '../functions/local/paths.ts';
import { ensureWebBuild } from '../functions/local/web-build.ts';
import { launchBrowser } from '../test/helpers/browser.ts';
import { listenOnLoopback } from '../test/helpers/http-server.ts';
import { startSeededService } from '../test/helpers/service.ts';

interface Bytes {
  raw: number;
  gzip: number;
  files: number;
}

interface Load {
  choropleth: number;
  domContentLoaded: number;
  bytes: Record<string, Bytes>;
}

/** What a response is, for the byte table. */
function kind(url: string, contentType: string): string {
  const path = new URL(url).pathname;
  if (path.endsWith('.mjs') && path.includes('worker')) return 'map worker (JS)';
  if (contentType.includes('javascript')) return 'JS';
  if (contentType.includes('css')) return 'CSS';
  if (contentType.includes('html')) return 'HTML';
  if (path.startsWith('/fonts/')) return 'glyphs';
  if (path.startsWith('/tiles/') && !path.endsWith('.json')) return 'tiles';
  return 'JSON (API, style, TileJSON)';
}

async function load(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const bytes: Record<string, Bytes> = {};
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    pending.push(
      (async () => {
        const body = await response.body().catch(() => undefined);
        if (!body) return;
        const key = kind(response.url(), response.headers()['content-type'] ?? '');
        const entry = bytes[key] ?? { raw: 0, gzip: 0, files: 0 };
        bytes[key] = entry;
        entry.raw += body.length;
        entry.gzip += gzipSync(body, { level: 6 }).length;
        entry.files += 1;
      })(),
    );
  });
  await page.goto(url);
  await page.waitForSelector('body[data-map="ready"]', { timeout: 60_000 });
  const timing = await page.evaluate(() => {
    const mark = performance.getEntriesByName('dtm-atlas:choropleth')[0];
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return {
      choropleth: mark?.startTime ?? Number.NaN,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? 0,
    };
  });
  await Promise.all(pending);
  await context.close();
  return { ...timing, bytes };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  await ensureWebBuild(() => {});
  const service = await startSeededService({ staticFiles: serveStatic({ root: WEB_DIST }) });
  const server = await listenOnLoopback(service.app.fetch);
  const browser = await launchBrowser();
  try {
    for (const [name, path] of [
      ['/', '/#round=72&indicator=idps_ind&lang=en'],
      ['/embed/', '/embed/#round=72&indicator=idps_ind&lang=en'],
    ] as const) {
      await load(browser, `${server.origin}${path}`); // warm the service's caches, not the browser's
      const loads: Load[] = [];
      for (let i = 0; i < runs; i++) loads.push(await load(browser, `${server.origin}${path}`));
      const times = loads.map((l) => l.choropleth);
      console.log(`\n### \`${name}\` (${runs} cold loads, 1280×800)\n`);
      console.log(
        `First rendered choropleth: median **${Math.round(median(times))} ms** ` +
          `(min ${Math.round(Math.min(...times))}, max ${Math.round(Math.max(...times))}); ` +
          `DOMContentLoaded median ${Math.round(median(loads.map((l) => l.domContentLoaded)))} ms.\n`,
      );
      console.log('| resource | files | bytes | gzip |');
      console.log('|---|---|---|---|');
      const first = loads[0] as Load;
      const order = [
        'HTML',
        'JS',
        'CSS',
        'map worker (JS)',
        'JSON (API, style, TileJSON)',
        'tiles',
        'glyphs',
      ];
      for (const key of order) {
        const entry = first.bytes[key];
        if (entry) console.log(`| ${key} | ${entry.files} | ${kb(entry.raw)} | ${kb(entry.gzip)} |`);
      }
      const code = ['JS', 'CSS', 'map worker (JS)']
        .map((k) => first.bytes[k])
        .filter((e): e is Bytes => e !== undefined);
      console.log(
        `| **JS + CSS** | ${code.reduce((s, e) => s + e.files, 0)} | ${kb(code.reduce((s, e) => s + e.raw, 0))} | **${kb(code.reduce((s, e) => s + e.gzip, 0))}** |`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
    await service.close();
  }
}

await main();
