import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Browser, Page } from 'playwright-core';
import { PMTiles, type RangeResponse, type Source } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FiguresResponse } from '../../functions/core/api-types.ts';
import { loadSqlJs } from '../../functions/entry/sql-wasm.ts';
import { createApp } from '../../functions/http/app.ts';
import { REPO_ROOT, WEB_DIST } from '../../functions/local/paths.ts';
import { ensureWebBuild } from '../../functions/local/web-build.ts';
import { createS3Client } from '../../functions/store/clients.ts';
import { S3Packs } from '../../functions/store/s3-packs.ts';
import { browserAvailable, launchBrowser } from '../helpers/browser.ts';
import { listenOnLoopback } from '../helpers/http-server.ts';
import { startSeededService, type TestService } from '../helpers/service.ts';
import { SCREENSHOTS } from './harness.ts';
import { startStaticOrigin } from './static-origin.ts';

/** A PMTiles source over the bytes of a downloaded file, to read its metadata in node. */
class BytesSource implements Source {
  constructor(private readonly bytes: Uint8Array) {}
  getKey() {
    return 'downloaded.pmtiles';
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    return { data: this.bytes.slice(offset, offset + length).buffer };
  }
}

/**
 * The page a user of the pack would write (docs/offline.md): maplibre-gl and pmtiles' browser build (an IIFE
 * defining the global `pmtiles`), from the static origin, and the pack as a `pmtiles://` vector source. The
 * protocol reads the pack's metadata (`metadata: true`) so that the source carries its attribution.
 */
const packPage = (origin: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>DTM offline pack</title>
<link rel="stylesheet" href="/maplibre/maplibre-gl.css">
<style>html, body, #map { margin: 0; height: 100%; }</style>
<script src="/pmtiles/pmtiles.js"></script></head>
<body><div id="map"></div>
<script type="module">
import * as maplibregl from '/maplibre/maplibre-gl.mjs';
maplibregl.addProtocol('pmtiles', new pmtiles.Protocol({ metadata: true }).tile);
const map = new maplibregl.Map({
  container: 'map',
  center: [-4, 17],
  zoom: 4.5,
  style: {
    version: 8,
    sources: { dtm: { type: 'vector', url: 'pmtiles://${origin}/pack.pmtiles' } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#ffffff' } },
      { id: 'adm1', type: 'fill', source: 'dtm', 'source-layer': 'adm1',
        paint: { 'fill-color': '#fd8d3c', 'fill-outline-color': '#444444' } },
    ],
  },
});
map.on('error', (event) => console.error(String(event.error && event.error.message)));
window.packMap = map;
</script></body></html>`;

describe.runIf(browserAvailable())('the offline pack, taken from / and opened in MapLibre elsewhere', () => {
  let service: TestService;
  let server: Awaited<ReturnType<typeof listenOnLoopback>>;
  let browser: Browser;
  let dir: string;
  let pmtilesFile = '';
  let attribution = '';

  beforeAll(async () => {
    await ensureWebBuild(() => {});
    service = await startSeededService({});
    // The seeded app with packs stored in the embedded S3, as the local server has them.
    const app = createApp({
      catalog: service.catalog,
      boundaries: service.boundaries,
      staticFiles: serveStatic({ root: WEB_DIST }),
      packs: {
        store: new S3Packs(createS3Client(service.standIns.aws), service.standIns.bucketName),
        sql: loadSqlJs,
      },
    });
    server = await listenOnLoopback(app.fetch);
    browser = await launchBrowser();
    dir = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-pack-e2e-'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await service?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('/ links both packs of the round as plain links, and the PMTiles one downloads the pack', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const packRequests: string[] = [];
    page.on('request', (request) => {
      if (/\/pack\.\w+$/.test(request.url())) packRequests.push(request.url());
    });
    await page.goto(`${server.origin}/#dataset=mli&round=72`);
    await page.waitForSelector('body[data-round="72"]', { timeout: 120_000 });
    const links = await page.$$eval(
      'details.gis a[href$=".pmtiles"], details.gis a[href$=".mbtiles"]',
      (found) =>
        found.map((a) => ({
          tag: a.tagName,
          url: (a as HTMLAnchorElement).href,
        })),
    );
    expect(links.map((link) => link.url).sort()).toEqual([
      `${server.origin}/tiles/mli/72/pack.mbtiles`,
      `${server.origin}/tiles/mli/72/pack.pmtiles`,
    ]);
    expect(links.every((link) => link.tag === 'A')).toBe(true);
    // A page view builds no pack: the sizes are asked for when the panel opens, and then shown.
    expect(packRequests).toEqual([]);
    await page.click('details.gis:not(.data-licence) > summary');
    const size = page.locator('details.gis li', { has: page.locator('a[href$=".pmtiles"]') });
    await expect
      .poll(() => size.textContent(), { timeout: 180_000, interval: 1000 })
      .toMatch(/PMTiles · \d+\.\d MB/);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 180_000 }),
      page.click('details.gis a[href$=".pmtiles"]'),
    ]);
    expect(download.suggestedFilename()).toBe('dtm-atlas-mli-72.pmtiles');
    pmtilesFile = path.join(dir, 'pack.pmtiles');
    await download.saveAs(pmtilesFile);
    const bytes = new Uint8Array(await readFile(pmtilesFile));
    expect(new TextDecoder().decode(bytes.slice(0, 7))).toBe('PMTiles');
    const metadata = (await new PMTiles(new BytesSource(bytes)).getMetadata()) as {
      vector_layers: Array<{ id: string }>;
      attribution: string;
    };
    expect(metadata.vector_layers.map((layer) => layer.id)).toContain('adm1');
    attribution = metadata.attribution;
    // The MBTiles link answers an SQLite file.
    const mbtiles = await fetch(`${server.origin}/tiles/mli/72/pack.mbtiles`, {
      headers: { Range: 'bytes=0-15' },
    });
    expect(new TextDecoder().decode(await mbtiles.arrayBuffer())).toBe('SQLite format 3\0');
    await context.close();
    // The first request for a pack builds it (tens of seconds on a loaded machine).
  }, 240_000);

  it('renders the round from the pack on another origin, with the service out of reach', async () => {
    expect(pmtilesFile, 'the previous test downloads the pack').not.toBe('');
    const figures = (await (
      await fetch(`${server.origin}/api/v1/datasets/mli/rounds/72/figures?level=adm1`)
    ).json()) as FiguresResponse;
    const served = new Map(figures.areas.map((area) => [area.pcode, area.idps_ind]));
    const dist = (name: string) => path.join(REPO_ROOT, 'node_modules', name, 'dist');
    const statics = await startStaticOrigin(
      { '/maplibre/': dist('maplibre-gl'), '/pmtiles/': dist('pmtiles'), '/pack.pmtiles': pmtilesFile },
      packPage,
    );
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    try {
      const toService: string[] = [];
      const elsewhere: string[] = [];
      const errors: string[] = [];
      await context.route(
        (url) => url.origin === server.origin,
        async (route) => {
          toService.push(route.request().url());
          await route.abort('blockedbyclient');
        },
      );
      const page = await context.newPage();
      page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(`${statics.origin}/`) && !/^(data|blob):/.test(url)) elsewhere.push(url);
      });
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(statics.origin);
      const rendered = await renderedAdm1(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'offline-pack-maplibre.png') });
      expect(rendered.length).toBeGreaterThan(0);
      const compared = rendered.filter((feature) => served.get(feature.pcode) !== undefined);
      expect(compared.length).toBeGreaterThan(0);
      for (const feature of compared) expect(feature.idps_ind, feature.pcode).toBe(served.get(feature.pcode));
      // The credit line the DTM licence requires travels in the pack and shows on the map.
      expect(attribution).toContain('IOM');
      const [credit, shown] = await page.evaluate((html) => {
        // The attribution is HTML (escaped text); what a user reads is its text.
        const probe = document.createElement('div');
        probe.innerHTML = html;
        return [
          probe.textContent ?? '',
          document.querySelector('.maplibregl-ctrl-attrib-inner')?.textContent ?? '',
        ];
      }, attribution);
      expect(shown).toContain(credit);
      expect(toService).toEqual([]);
      expect(elsewhere).toEqual([]);
      expect(errors).toEqual([]);
      // The tiles came from the file by byte ranges.
      expect(statics.served.filter((url) => url === '/pack.pmtiles').length).toBeGreaterThan(1);
    } finally {
      await context.close();
      await statics.close();
    }
  });
});

/** The adm1 features the page's map draws once it has settled: P-code and IDP figure of each. */
async function renderedAdm1(page: Page): Promise<Array<{ pcode: string; idps_ind: unknown }>> {
  await page.waitForFunction(() => 'packMap' in window, undefined, { timeout: 30_000 });
  return page.evaluate(async () => {
    const map = (window as unknown as { packMap: any }).packMap;
    if (!map.loaded() || !map.areTilesLoaded()) await new Promise((resolve) => map.once('idle', resolve));
    return map.queryRenderedFeatures({ layers: ['adm1'] }).map((feature: any) => ({
      pcode: String(feature.properties.pcode),
      idps_ind: feature.properties.idps_ind,
    }));
  });
}
